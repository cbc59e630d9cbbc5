import { z } from 'zod';
import { oc4idsAnswer } from '@/lib/api/oc4ids-answer';
import { PUBLIC_CODE } from '@/lib/api/publication-query';
import { definePublicRoute } from '@/lib/api/route';
import { listOc4idsProjects } from '@/lib/dal/public/oc4ids';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** One public project as an OC4IDS project package; unknown, withheld or hidden is 404. */
export const GET = definePublicRoute({ params: z.object({ code: z.string().regex(PUBLIC_CODE) }) }, async ({ request, params }) => {
  const found = await listOc4idsProjects(params.code);
  if (found.projects.length === 0) throw new AppError('not_found');
  return oc4idsAnswer(request, found, `oc4ids-project-${params.code}.json`);
});
