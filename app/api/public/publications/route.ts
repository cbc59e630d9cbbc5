import { jsonOf } from '@/lib/api/respond';
import { publicationListSchema } from '@/lib/api/public-schemas';
import { parsePublicationQuery } from '@/lib/api/publication-query';
import { definePublicRoute } from '@/lib/api/route';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { listPublications } from '@/lib/dal/public/publications';

export const dynamic = 'force-dynamic';

/**
 * Published snapshots with their public content, paged, newest first. The query is read here
 * rather than through the wrapper's `query`, which answers 422: a query this endpoint cannot read
 * is a 400 naming each parameter, in the reader's language.
 */
export const GET = definePublicRoute({}, async ({ request }) => {
  const query = parsePublicationQuery(new URL(request.url).searchParams);
  const found = await listPublications(query);
  return jsonOf(
    publicationListSchema,
    {
      page: found.page,
      pageSize: found.pageSize,
      total: found.total,
      pages: Math.ceil(found.total / found.pageSize),
      versions: found.versions,
      publications: found.publications.map(({ issuerCode, issuerName, issuerNameEn, ...p }) => ({
        ...p,
        url: `/disclosure/publications/${p.id}`,
        issuer: { code: issuerCode, name: issuerName, nameEn: issuerNameEn },
      })),
    },
    { headers: { 'cache-control': PUBLIC_BRIEF } },
  );
});
