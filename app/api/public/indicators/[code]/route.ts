import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { codeParams, parseNoQuery } from '@/lib/api/public-resource-queries';
import { indicatorTargetSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { targetsJson } from '@/lib/api/targets-table';
import { getPlanTargets } from '@/lib/dal/public/targets';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** One indicator of /api/public/targets (the same data, the same mapping); an unknown code is a 404. */
export const GET = definePublicRoute({ params: codeParams }, async ({ request, params }) => {
  parseNoQuery(new URL(request.url).searchParams);
  const { indicators, ...rest } = targetsJson(await getPlanTargets());
  const indicator = indicators.find((i) => i.code === params.code);
  if (!indicator) throw new AppError('not_found');
  return jsonOf(indicatorTargetSchema, { ...rest, indicator }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
