import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { csvDownload, payeesCsv, payeeSummaryJson } from '@/lib/api/public-resource-json';
import { parseFormatOnly } from '@/lib/api/public-resource-queries';
import { payeeListSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { listPublicPayees } from '@/lib/dal/public/payees';

export const dynamic = 'force-dynamic';

/** Every payee a published line pays, with what it received in all. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { format } = parseFormatOnly(new URL(request.url).searchParams);
  const payees = await listPublicPayees();
  if (format === 'csv') return csvDownload(payeesCsv(payees), 'payees');
  return jsonOf(payeeListSchema, { payees: payees.map(payeeSummaryJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
