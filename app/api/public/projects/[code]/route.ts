import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { projectJson } from '@/lib/api/public-resource-json';
import { codeParams, parseNoQuery } from '@/lib/api/public-resource-queries';
import { projectSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { listProjectEvaluations } from '@/lib/dal/public/evaluations';
import { getPublicProject } from '@/lib/dal/public/projects';
import { getProjectRatings } from '@/lib/dal/public/ratings';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** One public project as /projects/{code} shows it; unknown or withheld is a 404. */
export const GET = definePublicRoute({ params: codeParams }, async ({ request, params }) => {
  parseNoQuery(new URL(request.url).searchParams);
  const project = await getPublicProject(params.code);
  if (!project) throw new AppError('not_found');
  const [evaluations, ratings] = await Promise.all([listProjectEvaluations(params.code), getProjectRatings(params.code)]);
  return jsonOf(projectSchema, projectJson(project, evaluations, ratings), { headers: { 'cache-control': PUBLIC_BRIEF } });
});
