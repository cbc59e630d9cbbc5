import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { evaluationJson } from '@/lib/api/public-resource-json';
import { codeParams, parseNoQuery } from '@/lib/api/public-resource-queries';
import { projectEvaluationsSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { listProjectEvaluations } from '@/lib/dal/public/evaluations';
import { searchProjects } from '@/lib/dal/public/projects';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** A public project's published evaluation results in full; a project the public may not see is a 404. */
export const GET = definePublicRoute({ params: codeParams }, async ({ request, params }) => {
  parseNoQuery(new URL(request.url).searchParams);
  const { rows } = await searchProjects({ code: params.code, sort: 'code', dir: 'asc', page: 1, pageSize: 1 });
  const project = rows[0];
  if (!project) throw new AppError('not_found');
  const evaluations = await listProjectEvaluations(project.code);
  return jsonOf(
    projectEvaluationsSchema,
    { projectCode: project.code, evaluations: evaluations.map(evaluationJson) },
    { headers: { 'cache-control': PUBLIC_BRIEF } },
  );
});
