import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { cursorPage } from '@/lib/api/cursor';
import { csvDownload, projectsCsv, projectSummaryJson } from '@/lib/api/public-resource-json';
import { parseProjectQuery, PROJECTS_DEFAULT_LIMIT } from '@/lib/api/public-resource-queries';
import { projectListSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { searchProjects } from '@/lib/dal/public/projects';

export const dynamic = 'force-dynamic';

/**
 * The public projects by code, with the /projects page's filters, keyset-paged on the code: the
 * cursor is the last code shown, so a page never repeats or skips a project while others change.
 */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { limit = PROJECTS_DEFAULT_LIMIT, cursor, format, ...filters } = parseProjectQuery(new URL(request.url).searchParams);
  const { rows } = await searchProjects({ ...filters, afterCode: cursor?.[0], sort: 'code', dir: 'asc', page: 1, pageSize: limit + 1 });
  const page = cursorPage(rows, limit, (p) => [p.code]);
  if (format === 'csv') return csvDownload(projectsCsv(page.rows), ['projects', ...Object.values(filters).map(String)].join('-'));
  return jsonOf(projectListSchema, { limit, next: page.next, projects: page.rows.map(projectSummaryJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
