import { NextResponse } from 'next/server';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { transferListSchema } from '@/lib/api/public-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { parseTransferQuery, TRANSFERS_DEFAULT_PAGE_SIZE } from '@/lib/api/transfer-query';
import { transferJson } from '@/lib/api/transfer-rows';
import { transfersCsv } from '@/lib/api/transfers-csv';
import { listPublicTransfers } from '@/lib/dal/public/transfers';

export const dynamic = 'force-dynamic';

/** The published lines, the edges of the public chain: a bad filter is a 400 naming it (see parseTransferQuery). */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { format, page = 1, pageSize = TRANSFERS_DEFAULT_PAGE_SIZE, ...filter } = parseTransferQuery(new URL(request.url).searchParams);
  const found = await listPublicTransfers(filter, page, pageSize);
  const name = ['transfers', ...Object.values(filter), `p${page}`].join('-');
  if (format === 'csv') {
    return new NextResponse(transfersCsv(found.transfers), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': PUBLIC_BRIEF, 'content-disposition': `attachment; filename="${name}.csv"` },
    });
  }
  const transfers = found.transfers.map(transferJson);
  return jsonOf(transferListSchema, { page, pageSize, total: found.total, pages: Math.ceil(found.total / pageSize), transfers }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
