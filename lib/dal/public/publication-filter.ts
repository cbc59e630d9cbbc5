import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { PublicationKind } from '@/lib/domain/vocabulary';

/**
 * What a reader may filter publications on: the feed (/api/public/feed/*) and the list
 * (/api/public/publications) share these, and this one builder. Codes are the public codes the
 * content itself carries; `since` is a calendar day in China (UTC+8).
 */
export interface PublicationFilter {
  kind?: PublicationKind;
  /** A programme's code. */
  programme?: string;
  /** A county's organisation code. */
  county?: string;
  /** A project's code. */
  project?: string;
  /** YYYY-MM-DD: published on that day in China or later. */
  since?: string;
}

/** `lines @> [element]`: some line of a transfer document's content has these fields. */
const someLine = (element: SQL) => sql`coalesce(p.content->'lines', '[]'::jsonb) @> jsonb_build_array(${element})`;

/**
 * The WHERE conditions of `filter` on rows of the `public_publications` view aliased `p`. Every
 * content condition reads `p.content`, the PUBLIC content (withheld lines already removed), never
 * a working table, so a filter can never match on a withheld line. Apart from the content, only
 * reference data is read: the organisation tree (for the issuer) and a project's code (for a
 * project's own publications). Content shapes matched:
 * - a catalogue entry (`code`), a programme document (`programmeCode`), a batch's formula and
 *   result (`batch.programmeCode`, `recipients[].code` for counties and projects), a project
 *   subject (`projectCode`), an evaluation result (`projectCode`, `programmeCodes[]`, `countyCodes[]`);
 * - a transfer document's allocation result: `lines[].programmeCode`, `lines[].from.countyCode`,
 *   `lines[].to.countyCode`, `lines[].projectCode`.
 * Of the row it reads `kind`, `subject_type`, `subject_id`, `issuer_org_id`, `published_at` and
 * `content` only (listPublications selects just these before it reads a page in full).
 */
export function publicationFilterSql(filter: PublicationFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.kind) where.push(sql`p.kind = ${filter.kind}`);
  if (filter.since) where.push(sql`((p.published_at at time zone 'UTC') + interval '8 hours')::date >= ${filter.since}::date`);
  if (filter.programme) {
    const code = sql`${filter.programme}::text`;
    where.push(sql`(${code} in (p.content->>'programmeCode', p.content->'batch'->>'programmeCode', case when p.kind = 'fund_catalogue' then p.content->>'code' end)
      or coalesce(p.content->'programmeCodes', '[]'::jsonb) @> jsonb_build_array(${code})
      or ${someLine(sql`jsonb_build_object('programmeCode', ${code})`)})`);
  }
  if (filter.county) {
    const code = sql`${filter.county}::text`;
    where.push(sql`(p.issuer_org_id = (select c.id from organisations c where c.code = ${code})
      or org_is_strict_descendant(p.issuer_org_id, (select c.id from organisations c where c.code = ${code}))
      or coalesce(p.content->'recipients', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('code', ${code}))
      or coalesce(p.content->'countyCodes', '[]'::jsonb) @> jsonb_build_array(${code})
      or ${someLine(sql`jsonb_build_object('from', jsonb_build_object('countyCode', ${code}))`)}
      or ${someLine(sql`jsonb_build_object('to', jsonb_build_object('countyCode', ${code}))`)})`);
  }
  if (filter.project) where.push(namesProjectSql(sql`${filter.project}::text`));
  return where;
}

/**
 * Whether the publication `p` names the project whose code is `code` (a text expression): the
 * project filter, also for many projects at once, where `id` is the project's id beside its code.
 */
export function namesProjectSql(code: SQL, id: SQL = sql`(select pr.id from projects pr where pr.code = ${code})`): SQL {
  return sql`((p.subject_type = 'project' and p.subject_id = ${id})
      or p.content->>'projectCode' = ${code}
      or coalesce(p.content->'recipients', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('code', ${code}))
      or ${someLine(sql`jsonb_build_object('projectCode', ${code})`)})`;
}
