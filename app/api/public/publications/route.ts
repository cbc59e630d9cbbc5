import { jsonOf } from '@/lib/api/respond';
import { cursorPage } from '@/lib/api/cursor';
import { csvNumber, toCsv, type CsvValue } from '@/lib/api/csv';
import { csvDownload } from '@/lib/api/public-resource-json';
import { publicationCursorListSchema, publicationListSchema } from '@/lib/api/public-schemas';
import { parsePublicationQuery, PUBLICATIONS_DEFAULT_PAGE_SIZE } from '@/lib/api/publication-query';
import { definePublicRoute } from '@/lib/api/route';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { listPublications, type PublicPublicationDto } from '@/lib/dal/public/publications';

export const dynamic = 'force-dynamic';

const publicationJson = ({ issuerCode, issuerName, issuerNameEn, ...p }: PublicPublicationDto) => ({
  ...p,
  url: `/disclosure/publications/${p.id}`,
  issuer: { code: issuerCode, name: issuerName, nameEn: issuerNameEn },
});

/** One line per publication: its metadata (the content, nested, stays in the JSON answer). */
function publicationsCsv(rows: PublicPublicationDto[]): string {
  const header = ['id', 'kind', 'subject_type', 'subject_id', 'version', 'title', 'doc_number', 'data_as_of', 'published_at', 'issuer_code', 'issuer_name', 'content_hash', 'redacted', 'is_demo', 'change_reason', 'url'];
  return toCsv([
    header,
    ...rows.map((p): CsvValue[] => [csvNumber(p.id), p.kind, p.subjectType, csvNumber(p.subjectId), csvNumber(p.version), p.title, p.docNumber, p.dataAsOf, p.publishedAt, p.issuerCode, p.issuerName, p.contentHash, String(p.redacted), String(p.isDemo), p.changeReason, `/disclosure/publications/${p.id}`]),
  ]);
}

/**
 * Published snapshots with their public content, newest first, paged by number (with totals) or,
 * with limit/cursor, by a keyset on (publishedAt, id). The query is read here rather than through
 * the wrapper's `query`, which answers 422: a query this endpoint cannot read is a 400 naming each
 * parameter, in the reader's language.
 */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { limit, cursor, format, ...query } = parsePublicationQuery(new URL(request.url).searchParams);
  if (limit !== undefined || cursor !== undefined) {
    const size = limit ?? PUBLICATIONS_DEFAULT_PAGE_SIZE;
    const found = await listPublications({ ...query, page: 1, pageSize: size, after: cursor, lookAhead: true });
    const page = cursorPage(found.publications, size, (p) => [p.publishedAt, p.id]);
    if (format === 'csv') return csvDownload(publicationsCsv(page.rows), 'publications');
    return jsonOf(publicationCursorListSchema, { limit: size, next: page.next, versions: found.versions, publications: page.rows.map(publicationJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
  }
  const found = await listPublications(query);
  if (format === 'csv') return csvDownload(publicationsCsv(found.publications), `publications-p${found.page}`);
  return jsonOf(
    publicationListSchema,
    { page: found.page, pageSize: found.pageSize, total: found.total, pages: Math.ceil(found.total / found.pageSize), versions: found.versions, publications: found.publications.map(publicationJson) },
    { headers: { 'cache-control': PUBLIC_BRIEF } },
  );
});
