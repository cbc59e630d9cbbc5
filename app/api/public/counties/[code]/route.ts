import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { countyJson } from '@/lib/api/public-resource-json';
import { codeParams, parseNoQuery } from '@/lib/api/public-resource-queries';
import { countySchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { getCountyMoney } from '@/lib/dal/public/counties';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** One county's money as /counties/{code} shows it; a code that is not a county is a 404. */
export const GET = definePublicRoute({ params: codeParams }, async ({ request, params }) => {
  parseNoQuery(new URL(request.url).searchParams);
  const county = await getCountyMoney(params.code);
  if (!county) throw new AppError('not_found');
  return jsonOf(countySchema, countyJson(county), { headers: { 'cache-control': PUBLIC_BRIEF } });
});
