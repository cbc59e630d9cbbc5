import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { countiesCsv, countySummaryJson, csvDownload } from '@/lib/api/public-resource-json';
import { parseFormatOnly } from '@/lib/api/public-resource-queries';
import { countyListSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { getMoneyOverview } from '@/lib/dal/public/money-overview';

export const dynamic = 'force-dynamic';

/** Every county with what it received from the city and passed on, the figures of the home page. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { format } = parseFormatOnly(new URL(request.url).searchParams);
  const overview = await getMoneyOverview();
  if (format === 'csv') return csvDownload(countiesCsv(overview.counties), 'counties');
  return jsonOf(countyListSchema, { dataAsOf: overview.dataAsOf, counties: overview.counties.map(countySummaryJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
