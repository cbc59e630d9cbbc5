import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { programmeJson } from '@/lib/api/public-resource-json';
import { codeParams, parseNoQuery } from '@/lib/api/public-resource-queries';
import { programmeSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { getPublicProgramme } from '@/lib/dal/public/programmes';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** One programme as /programmes/{code} shows it; unknown, withheld or demo-hidden is a 404. */
export const GET = definePublicRoute({ params: codeParams }, async ({ request, params }) => {
  parseNoQuery(new URL(request.url).searchParams);
  const programme = await getPublicProgramme(params.code);
  if (!programme) throw new AppError('not_found');
  return jsonOf(programmeSchema, programmeJson(programme), { headers: { 'cache-control': PUBLIC_BRIEF } });
});
