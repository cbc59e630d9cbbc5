import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonOf } from '@/lib/api/respond';
import { allocationSchema } from '@/lib/api/public-schemas';
import { allocationCsv } from '@/lib/api/allocation-csv';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { definePublicRoute } from '@/lib/api/route';
import { getPublishedAllocation } from '@/lib/dal/public/allocations';
import { AppError } from '@/lib/errors';
import { id } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

export const GET = definePublicRoute(
  { params: z.object({ batchId: id }), query: z.object({ format: z.enum(['json', 'csv']).optional() }) },
  async ({ params, query }) => {
    const found = await getPublishedAllocation(params.batchId);
    if (!found) throw new AppError('not_found');
    if (query.format === 'csv') {
      return new NextResponse(allocationCsv(found.content), {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': PUBLIC_BRIEF, 'content-disposition': `attachment; filename="allocation-${found.content.batch.code}-v${found.version}.csv"` },
      });
    }
    return jsonOf(allocationSchema, { version: found.version, publishedAt: found.publishedAt, contentHash: found.contentHash, ...found.content }, {
      headers: { 'cache-control': PUBLIC_BRIEF, 'content-disposition': `inline; filename="allocation-${found.content.batch.code}-v${found.version}.json"` },
    });
  },
);
