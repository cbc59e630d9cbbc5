import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { cursorPage } from '@/lib/api/cursor';
import { csvDownload, evaluationJson, evaluationsCsv } from '@/lib/api/public-resource-json';
import { EVALUATIONS_DEFAULT_LIMIT, parseEvaluationQuery } from '@/lib/api/public-resource-queries';
import { evaluationListSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { listPublicEvaluations } from '@/lib/dal/public/evaluations';

export const dynamic = 'force-dynamic';

/** Published evaluation results, keyset-paged on (project code, year, publication id). */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { limit = EVALUATIONS_DEFAULT_LIMIT, cursor, format, ...filter } = parseEvaluationQuery(new URL(request.url).searchParams);
  const fetched = await listPublicEvaluations(filter, cursor ?? null, limit + 1);
  const page = cursorPage(fetched, limit, (e) => [e.projectCode, e.year, e.publicationId]);
  if (format === 'csv') return csvDownload(evaluationsCsv(page.rows), ['evaluations', ...Object.values(filter).map(String)].join('-'));
  return jsonOf(evaluationListSchema, { limit, next: page.next, evaluations: page.rows.map(evaluationJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
