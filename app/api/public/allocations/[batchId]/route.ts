import { NextResponse } from 'next/server';
import { errorResponse, jsonOf } from '@/lib/api/respond';
import { allocationSchema } from '@/lib/api/public-schemas';
import { allocationCsv } from '@/lib/api/allocation-csv';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { getPublishedAllocation } from '@/lib/dal/public/allocations';
import { AppError } from '@/lib/errors';
import { idParam } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  try {
    const id = idParam((await params).batchId);
    const found = id ? await getPublishedAllocation(id) : null;
    if (!found) throw new AppError('not_found');
    if (new URL(request.url).searchParams.get('format') === 'csv') {
      return new NextResponse(allocationCsv(found.content), {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': PUBLIC_BRIEF, 'content-disposition': `attachment; filename="allocation-${found.content.batch.code}-v${found.version}.csv"` },
      });
    }
    return jsonOf(allocationSchema, { version: found.version, publishedAt: found.publishedAt, contentHash: found.contentHash, ...found.content }, {
      headers: { 'cache-control': PUBLIC_BRIEF, 'content-disposition': `inline; filename="allocation-${found.content.batch.code}-v${found.version}.json"` },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
