import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { PUBLICATIONS_DEFAULT_PAGE_SIZE, PUBLICATIONS_MAX_PAGE_SIZE } from '@/lib/api/publication-query';
import type { PublicationKind } from '@/lib/domain/vocabulary';
import { demoVisible } from '../internal/settings';
import { publicationFilterSql, type PublicationFilter } from './publication-filter';
import { publicPublicationsView, viewRows } from './views';

/*
 * The published snapshots as a paged list (/api/public/publications). Reads the public read model
 * only: rows of `public_publications` (withheld publications gone, withheld lines removed from the
 * content), filtered on that public content by the feed's own filter builder.
 */


export interface PublicationListQuery extends PublicationFilter {
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** `latest` (default): the newest public version of each series; `all`: every public version. */
  versions?: 'latest' | 'all';
  /** Keyset paging (cursor): only publications after this one in the list's order (publishedAt as given in the answer, id). */
  after?: readonly [publishedAt: string, id: number];
  /** Cursor paging: fetch one row more than pageSize, so the caller learns whether a next page exists. */
  lookAhead?: boolean;
}

export interface PublicPublicationDto {
  id: number;
  kind: PublicationKind;
  subjectType: string;
  subjectId: number;
  version: number;
  title: string;
  notice: string;
  changeReason: string | null;
  docNumber: string | null;
  dataAsOf: string;
  /** ISO 8601 in UTC, to the microsecond. */
  publishedAt: string;
  issuerCode: string;
  issuerName: string;
  issuerNameEn: string;
  contentHash: string;
  redacted: boolean;
  isDemo: boolean;
  /** The public content: withheld lines removed, one "withheld under basis X" line per basis. */
  content: Record<string, unknown>;
}

export interface PublicationPageDto {
  page: number;
  pageSize: number;
  /** Publications matching the filters, over all pages. */
  total: number;
  versions: 'latest' | 'all';
  publications: PublicPublicationDto[];
}

const listRow = publicPublicationsView
  .omit({ issuer_org_id: true, event_at: true })
  .extend({ issuer_code: z.string(), issuer_name: z.string(), issuer_name_en: z.string() });

const pageRow = z.object({ id: z.number().int(), total: z.coerce.number().int() });

/**
 * One page of public publications, newest first (published_at desc, id desc: a stable order, so
 * pages do not overlap while nothing new is published). Demo rows follow the demo-visibility
 * setting; the page size is bounded whatever the caller asks.
 *
 * Two reads of the view: which publications match and are on the page (the cheap columns, and the
 * public content only when a filter reads it), then the page's rows in full. The view redacts row
 * by row, so asking it for every column of every row would redact the whole list for one page.
 * The second read goes through the view again: a publication withheld in between is not shown.
 */
export async function listPublications(query: PublicationListQuery, db?: Queryable): Promise<PublicationPageDto> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? PUBLICATIONS_DEFAULT_PAGE_SIZE), 1), PUBLICATIONS_MAX_PAGE_SIZE) + (query.lookAhead ? 1 : 0);
  const page = Math.max(Math.trunc(query.page ?? 1), 1);
  const versions = query.versions ?? 'latest';
  const showDemo = await demoVisible(q);
  const visible = showDemo ? sql`true` : sql`not is_demo`;
  const readsContent = Boolean(query.programme || query.county || query.project);
  const columns = sql.raw(`id, kind, subject_type, subject_id, version, issuer_org_id, published_at${readsContent ? ', content' : ''}`);
  // The latest public version of a series is picked among the versions the reader may see, then filtered.
  const source =
    versions === 'all'
      ? sql`select ${columns} from public_publications where ${visible}`
      : sql`select distinct on (kind, subject_type, subject_id) ${columns} from public_publications where ${visible} order by kind, subject_type, subject_id, version desc`;
  const where = [sql`true`, ...publicationFilterSql(query)];
  if (query.after) where.push(sql`(p.published_at, p.id) < (${query.after[0]}::timestamptz, ${query.after[1]}::int)`);
  const matching = sql`select p.id, p.published_at from (${source}) p where ${sql.join(where, sql` and `)}`;
  const onPage = rowsOf<unknown>(
    await q.execute(sql`
      select m.id, count(*) over () as total from (${matching}) m
      order by m.published_at desc, m.id desc
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
  ).map((r) => pageRow.parse(r));
  // Past the last page there is no row to carry the total: count alone.
  const total = onPage.length
    ? onPage[0]!.total
    : page === 1
      ? 0
      : pageRow.pick({ total: true }).parse(rowsOf(await q.execute(sql`select count(*) as total from (${matching}) m`))[0]).total;
  const ids = onPage.map((r) => r.id);
  const rows = ids.length
    ? viewRows(
        'public_publications',
        listRow,
        await q.execute(sql`
          select p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title, p.notice, p.content, p.content_hash, p.change_reason, p.doc_number,
                 p.data_as_of::text, to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as published_at, p.is_demo, p.redacted,
                 o.code as issuer_code, o.name as issuer_name, o.name_en as issuer_name_en
          from public_publications p join organisations o on o.id = p.issuer_org_id
          where p.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and ${showDemo ? sql`true` : sql`not p.is_demo`}
          order by p.published_at desc, p.id desc`),
      )
    : [];
  return {
    page,
    pageSize,
    total,
    versions,
    publications: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      subjectType: r.subject_type,
      subjectId: Number(r.subject_id),
      version: Number(r.version),
      title: r.title,
      notice: r.notice,
      changeReason: r.change_reason,
      docNumber: r.doc_number,
      dataAsOf: r.data_as_of,
      publishedAt: r.published_at,
      issuerCode: r.issuer_code,
      issuerName: r.issuer_name,
      issuerNameEn: r.issuer_name_en,
      contentHash: r.content_hash,
      redacted: r.redacted,
      isDemo: r.is_demo,
      content: r.content,
    })),
  };
}
