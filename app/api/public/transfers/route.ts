import { NextResponse } from 'next/server';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { cursorPage } from '@/lib/api/cursor';
import { transferCursorListSchema, transferListSchema } from '@/lib/api/public-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { parseTransferQuery, TRANSFERS_DEFAULT_PAGE_SIZE } from '@/lib/api/transfer-query';
import { transferJson } from '@/lib/api/transfer-rows';
import { transfersCsv } from '@/lib/api/transfers-csv';
import { listPublicTransfers, listPublicTransfersAfter } from '@/lib/dal/public/transfers';

export const dynamic = 'force-dynamic';

const csv = (text: string, name: string) =>
  new NextResponse(text, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': PUBLIC_BRIEF, 'content-disposition': `attachment; filename="${name}.csv"` },
  });

/**
 * The published lines, the edges of the public chain: a bad filter is a 400 naming it (see
 * parseTransferQuery). Paged by number (page/pageSize, with totals) or, with limit/cursor, by a
 * keyset on (date, transfer id) that never repeats or skips a line.
 */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { format, page, pageSize, limit, cursor, ...filter } = parseTransferQuery(new URL(request.url).searchParams);
  if (limit !== undefined || cursor !== undefined) {
    const size = limit ?? TRANSFERS_DEFAULT_PAGE_SIZE;
    const found = cursorPage(await listPublicTransfersAfter(filter, cursor ?? null, size + 1), size, (t) => [t.date, t.transferId]);
    if (format === 'csv') return csv(transfersCsv(found.rows), ['transfers', ...Object.values(filter), cursor ? `after-${cursor.join('-')}` : 'first'].join('-'));
    return jsonOf(transferCursorListSchema, { limit: size, next: found.next, transfers: found.rows.map(transferJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
  }
  const size = pageSize ?? TRANSFERS_DEFAULT_PAGE_SIZE;
  const number = page ?? 1;
  const found = await listPublicTransfers(filter, number, size);
  if (format === 'csv') return csv(transfersCsv(found.transfers), ['transfers', ...Object.values(filter), `p${number}`].join('-'));
  return jsonOf(transferListSchema, { page: number, pageSize: size, total: found.total, pages: Math.ceil(found.total / size), transfers: found.transfers.map(transferJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
