import 'server-only';
import { publicTag, shows, showsPublicRecord } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import type { PublicationKind } from '@/lib/domain/vocabulary';
import { scoreCompleteness, type Completeness, type ObligationStatus } from '@/lib/domain/completeness';
import { diffContent, type ContentChange } from '@/lib/domain/publication-diff';
import { demoVisible } from '../internal/settings';
import { publicationFilterSql, type PublicationFilter } from './publication-filter';
import { publicDisclosureObligationsView, publicPublicationsView, publicWithheldProgrammeTotalsView, publicWithholdingRegisterView, viewRows } from './views';

/*
 * Public disclosure read model. Every query here reads public_* views only (see migration
 * 0005): withheld items are already gone there, so nothing below needs to remember them.
 */

export interface PublicVersionDto {
  id: number;
  version: number;
  title: string;
  notice: string;
  content: unknown;
  contentHash: string;
  changeReason: string | null;
  docNumber: string | null;
  dataAsOf: string;
  publishedAt: string;
  issuerName: string;
  issuerNameEn: string;
  redacted: boolean;
  isDemo: boolean;
  /** What changed from the previous public version; empty for the first. */
  changes: ContentChange[];
}

export interface PublicSeriesDto {
  kind: PublicationKind;
  subjectType: string;
  subjectId: number;
  versions: PublicVersionDto[];
}

const versionRow = publicPublicationsView
  .omit({ issuer_org_id: true, event_at: true })
  .extend({ issuer_name: z.string(), issuer_name_en: z.string() });

/** Every public version of the publication that `publicationId` belongs to, oldest first, each with its diff. */
export async function getPublicationSeries(publicationId: number, db?: Queryable): Promise<PublicSeriesDto | null> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const rows = viewRows(
    'public_publications',
    versionRow,
    await q.execute(sql`
      with one as (select kind, subject_type, subject_id from public_publications where id = ${publicationId})
      select p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title, p.notice, p.content, p.content_hash, p.change_reason,
             p.doc_number, p.data_as_of::text, p.published_at::text, o.name as issuer_name, o.name_en as issuer_name_en, p.redacted, p.is_demo
      from public_publications p join one using (kind, subject_type, subject_id)
      join organisations o on o.id = p.issuer_org_id
      order by p.version`),
  ).filter((r) => showDemo || !r.is_demo);
  if (!rows.length) return null;
  const versions = rows.map((r, i) => ({
    id: Number(r.id),
    version: Number(r.version),
    title: r.title,
    notice: r.notice,
    content: r.content,
    contentHash: r.content_hash,
    changeReason: r.change_reason,
    docNumber: r.doc_number,
    dataAsOf: r.data_as_of,
    publishedAt: r.published_at,
    issuerName: r.issuer_name,
    issuerNameEn: r.issuer_name_en,
    redacted: r.redacted,
    isDemo: r.is_demo,
    changes: i === 0 ? [] : diffContent(rows[i - 1]!.content, r.content),
  }));
  return { kind: rows[0]!.kind, subjectType: rows[0]!.subject_type, subjectId: Number(rows[0]!.subject_id), versions };
}

export interface RegisterLineDto {
  itemType: string;
  basisCode: string;
  basisName: string;
  basisNameEn: string;
  since: string;
  until: string;
  items: number;
}

/** 不予公开事项登记: counts by kind and legal basis, since and until when; never what the items are. */
export async function getWithholdingRegister(db?: Queryable): Promise<RegisterLineDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const rows = viewRows(
    'public_withholding_register',
    publicWithholdingRegisterView,
    await q.execute(sql`select item_type, basis_code, basis_name, basis_name_en, since::text, until::text, items from public_withholding_register order by basis_code, item_type, since, until`),
  );
  return rows.map((r) => ({ itemType: r.item_type, basisCode: r.basis_code, basisName: r.basis_name, basisNameEn: r.basis_name_en, since: r.since, until: r.until, items: Number(r.items) }));
}

export interface WithheldTotalDto {
  basisCode: string;
  basisName: string;
  basisNameEn: string;
  programmes: number;
  /** Null below the threshold (fewer than k programmes under the basis): a sum of one is that programme's amount. */
  totalFen: bigint | null;
}

/** Withheld programmes' money as one line per legal basis, to show beside the public totals. */
export async function getWithheldFundTotals(db?: Queryable): Promise<WithheldTotalDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const rows = viewRows(
    'public_withheld_programme_totals',
    publicWithheldProgrammeTotalsView,
    await q.execute(sql`select basis_code, basis_name, basis_name_en, programmes, total_fen::text from public_withheld_programme_totals`),
  );
  return rows.map((r) => ({ basisCode: r.basis_code, basisName: r.basis_name, basisNameEn: r.basis_name_en, programmes: Number(r.programmes), totalFen: r.total_fen === null ? null : BigInt(r.total_fen) }));
}

/** k: how many withheld items one legal basis must cover before their sum is shown, as the read model applies it. */
export async function getWithheldAggregateMinItems(db?: Queryable): Promise<number> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const [row] = rowsOf<{ k: number }>(await q.execute(sql`select withheld_aggregate_min_items() as k`));
  return Number(row!.k);
}

export interface PublicObligationDto {
  kind: PublicationKind;
  subjectType: string;
  subjectId: number | null;
  subjectName: string | null;
  responsibleOrg: string;
  responsibleOrgEn: string;
  dueAt: string;
  status: ObligationStatus;
}

const obligationRow = publicDisclosureObligationsView
  .pick({ kind: true, subject_type: true, subject_id: true, programme_id: true, project_id: true, county_id: true, responsible_org_id: true, due_at: true, published_at: true, status: true, basis_code: true })
  .extend({
    org_name: z.string(),
    org_name_en: z.string(),
    county_code: z.string().nullable(),
    county_name: z.string().nullable(),
    county_name_en: z.string().nullable(),
    project_code: z.string().nullable(),
    subject_name: z.string().nullable(),
    programme_name: z.string().nullable(),
    project_name: z.string().nullable(),
  });
type ObligationRow = z.infer<typeof obligationRow>;

// A subject's public name comes from its own public snapshot (or the plan's project list), never from working tables.
async function publicObligations(q: Queryable): Promise<ObligationRow[]> {
  return viewRows(
    'public_disclosure_obligations',
    obligationRow,
    await q.execute(sql`
      with names as (
        select distinct on (subject_type, subject_id) subject_type, subject_id,
               coalesce(content->>'name', content->'batch'->>'title', title) as name, is_demo
        from public_publications where kind in ('fund_catalogue', 'allocation_result', 'formula', 'evaluation_result')
        order by subject_type, subject_id, (kind = 'fund_catalogue') desc, version desc)
      select o.kind, o.subject_type, o.subject_id, o.programme_id, o.project_id, o.county_id, o.responsible_org_id, org.name as org_name, org.name_en as org_name_en,
             cty.code as county_code, cty.name as county_name, cty.name_en as county_name_en, pp.code as project_code,
             o.due_at::text, o.published_at::text, o.status, o.basis_code, n.name as subject_name, pn.name as programme_name, pr.name as project_name
      from public_disclosure_obligations o
      join organisations org on org.id = o.responsible_org_id
      left join organisations cty on cty.id = o.county_id
      left join names n on n.subject_type = o.subject_type and n.subject_id = o.subject_id
      left join names pn on pn.subject_type = 'programme' and pn.subject_id = o.programme_id
      left join projects pr on pr.id = o.project_id and pr.from_plan
      left join public_projects pp on pp.id = o.project_id
      where ${(await demoVisible(q)) ? sql`true` : sql`not coalesce(n.is_demo, pn.is_demo, org.is_demo, false)`}
      order by o.due_at, o.id`),
  );
}

const toPublicObligation = (r: ObligationRow): PublicObligationDto => ({
  kind: r.kind,
  subjectType: r.subject_type,
  subjectId: r.subject_id === null ? null : Number(r.subject_id),
  subjectName: r.subject_name ?? r.programme_name ?? r.project_name,
  responsibleOrg: r.org_name,
  responsibleOrgEn: r.org_name_en,
  dueAt: r.due_at,
  status: r.status,
});

/** Publications past their deadline and still missing, as the public sees them (逾期未公开). */
export async function listPublicOverdue(db?: Queryable): Promise<PublicObligationDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  return (await publicObligations(q)).filter((r) => r.status === 'overdue').map(toPublicObligation);
}

/** Disclosures of one county or one project that came late or are still overdue, as the public sees them. */
export async function listPublicLateDisclosures(where: { countyCode?: string; projectCode?: string }, db?: Queryable): Promise<CompletenessGapDto[]> {
  const q = db ?? (await getDb());
  if (where.projectCode !== undefined) shows(publicTag.project(where.projectCode));
  else if (where.countyCode !== undefined) shows(publicTag.org(where.countyCode));
  else showsPublicRecord();
  return (await publicObligations(q))
    .filter((r) => (r.status === 'late' || r.status === 'overdue') && (where.countyCode === undefined || r.county_code === where.countyCode) && (where.projectCode === undefined || r.project_code === where.projectCode))
    .map((r) => ({ ...toPublicObligation(r), publishedAt: r.published_at }));
}

/** An obligation not met on time: missing past its deadline, or published after it. */
export interface CompletenessGapDto extends PublicObligationDto {
  publishedAt: string | null;
}

export interface CompletenessRowDto extends Completeness {
  id: number;
  name: string;
  /** The English reference name, for organisations and counties; programmes and projects are named as published. */
  nameEn: string | null;
  /** Each missing or late item by name, oldest deadline first. */
  gaps: CompletenessGapDto[];
}

export interface CompletenessDto {
  byProgramme: CompletenessRowDto[];
  byOrganisation: CompletenessRowDto[];
  byCounty: CompletenessRowDto[];
  byProject: CompletenessRowDto[];
}

/**
 * Completeness = obligations met on time / obligations due, per programme, organisation, county
 * and project. Obligations come from events (lib/domain/disclosure-events.ts), so one whose
 * publication never came counts as missing; a withholding meets one.
 */
export async function getCompleteness(db?: Queryable): Promise<CompletenessDto> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const rows = await publicObligations(q);
  const group = (key: (r: ObligationRow) => [number, string, string?] | null): CompletenessRowDto[] => {
    const by = new Map<number, { name: string; nameEn: string | null; rows: ObligationRow[] }>();
    for (const r of rows) {
      const k = key(r);
      if (!k) continue;
      const g = by.get(k[0]) ?? { name: k[1], nameEn: k[2] ?? null, rows: [] };
      g.rows.push(r);
      by.set(k[0], g);
    }
    return [...by.entries()]
      .map(([id, g]) => ({
        id,
        name: g.name,
        nameEn: g.nameEn,
        ...scoreCompleteness(g.rows),
        gaps: g.rows.filter((r) => r.status === 'overdue' || r.status === 'late').map((r) => ({ ...toPublicObligation(r), publishedAt: r.published_at })),
      }))
      .sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.name.localeCompare(b.name));
  };
  return {
    byProgramme: group((r) => (r.programme_id === null ? null : [Number(r.programme_id), r.programme_name ?? `#${r.programme_id}`])),
    byOrganisation: group((r) => [Number(r.responsible_org_id), r.org_name, r.org_name_en]),
    byCounty: group((r) => (r.county_id === null ? null : [Number(r.county_id), r.county_name!, r.county_name_en!])),
    byProject: group((r) => (r.project_id === null || !r.project_name ? null : [Number(r.project_id), r.project_name])),
  };
}

export const FEED_LIMIT = 200;

/** The feed's filters: the same as the publication list's, and built by the same SQL. */
export type FeedFilter = PublicationFilter;

export interface FeedEntryDto {
  id: number;
  kind: PublicationKind;
  version: number;
  title: string;
  notice: string;
  changeReason: string | null;
  issuerName: string;
  issuerNameEn: string;
  docNumber: string | null;
  contentHash: string;
  publishedAt: string;
  isDemo: boolean;
}

const feedRow = publicPublicationsView
  .pick({ id: true, kind: true, version: true, title: true, notice: true, change_reason: true, doc_number: true, content_hash: true, published_at: true, is_demo: true })
  .extend({ issuer_name: z.string(), issuer_name_en: z.string() });

/**
 * The change feed: public publications, newest first, filtered on what the public content itself
 * says (so a filter can never match on a withheld line).
 */
export async function listFeedEntries(filter: FeedFilter, db?: Queryable): Promise<FeedEntryDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const where = [sql`true`, ...publicationFilterSql(filter)];
  if (!showDemo) where.push(sql`not p.is_demo`);
  const rows = viewRows(
    'public_publications',
    feedRow,
    await q.execute(sql`
      select p.id, p.kind, p.version, p.title, p.notice, p.change_reason, o.name as issuer_name, o.name_en as issuer_name_en, p.doc_number, p.content_hash,
             p.published_at::text, p.is_demo
      from public_publications p join organisations o on o.id = p.issuer_org_id
      where ${sql.join(where, sql` and `)}
      order by p.published_at desc, p.id desc limit ${FEED_LIMIT}`),
  );
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, version: Number(r.version), title: r.title, notice: r.notice, changeReason: r.change_reason, issuerName: r.issuer_name, issuerNameEn: r.issuer_name_en, docNumber: r.doc_number, contentHash: r.content_hash, publishedAt: r.published_at, isDemo: r.is_demo }));
}

/** The latest public version of every publication series, for the sitemap. */
export async function listPublicSeries(db?: Queryable): Promise<{ id: number; kind: PublicationKind; publishedAt: string }[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const rows = viewRows(
    'public_publications',
    publicPublicationsView.pick({ id: true, kind: true, published_at: true, is_demo: true }),
    await q.execute(sql`
      select distinct on (kind, subject_type, subject_id) id, kind, published_at::text, is_demo
      from public_publications order by kind, subject_type, subject_id, version desc`),
  );
  return rows.filter((r) => showDemo || !r.is_demo).map((r) => ({ id: Number(r.id), kind: r.kind, publishedAt: r.published_at }));
}
