import { NextResponse } from 'next/server';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { publicTransferSchema, transferListSchema } from '@/lib/api/public-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { parseTransferQuery, TRANSFERS_DEFAULT_PAGE_SIZE } from '@/lib/api/transfer-query';
import { transfersCsv } from '@/lib/api/transfers-csv';
import { listPublicTransfers } from '@/lib/dal/public/transfers';
import type { z } from 'zod';

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
  const transfers = found.transfers.map(
    (t): z.input<typeof publicTransferSchema> => ({
      transferId: t.transferId,
      kind: t.kind,
      date: t.date,
      docNumber: t.docNumber,
      programme: { code: t.programmeCode, name: t.programmeName, level: t.level },
      from: t.from,
      to: t.to,
      projectCode: t.projectCode,
      amountFen: t.amountFen.toString(),
      reversesTransferId: t.reversesTransferId,
      publicationUrl: `/disclosure/publications/${t.publicationId}`,
    }),
  );
  return jsonOf(transferListSchema, { page, pageSize, total: found.total, pages: Math.ceil(found.total / pageSize), transfers }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
