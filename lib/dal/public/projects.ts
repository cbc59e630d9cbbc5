import 'server-only';
import { publicTag, shows, showsPublicRecord } from '@/lib/cache/public-tags';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { demoVisible } from '../internal/settings';
import { emptyLevelSums, flowsCte, FUND_LEVELS, hopOf, hopRow, HOP_COLUMNS, type FundLevel, type HopDto, type LevelSums } from './flows';
import { organisationNamesEnByName } from './names';
import { publicItemTimelineView, publicProjectsView, viewRows } from './views';

export const PROJECT_SORTS = ['code', 'name', 'received', 'paid', 'latest'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectQuery {
  q?: string;
  /** One project by its exact code (the search matches parts of codes). */
  code?: string;
  /** Keyset paging (the public API): only projects whose code sorts after this one; use with sort 'code', 'asc'. */
  afterCode?: string;
  zone?: string;
  keyArea?: string;
  group?: string;
  type?: string;
  county?: string;
  year?: number;
  stage?: string;
  level?: FundLevel;
  sort: ProjectSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const projectRow = publicProjectsView.extend({
  received_fen: z.string(),
  paid_fen: z.string(),
  levels: z.array(z.enum(FUND_LEVELS)),
  latest: z.string().nullable(),
  stage: z.string().nullable(),
  stage_name: z.string().nullable(),
  stage_name_en: z.string().nullable(),
  total: z.coerce.number(),
});

export interface PublicProjectDto {
  code: string;
  name: string;
  description: string | null;
  town: string | null;
  type: { code: string; name: string; nameEn: string };
  zone: { code: string; name: string; nameEn: string } | null;
  keyArea: { code: string; name: string; nameEn: string } | null;
  group: { code: string; name: string; nameEn: string } | null;
  implementingUnit: { code: string; name: string; nameEn: string } | null;
  countyCodes: string[];
  plannedStart: string | null;
  plannedEnd: string | null;
  fromPlan: boolean;
  isDemo: boolean;
  /** Net money received from counties (reversals deducted), from published lines only. */
  receivedFen: bigint;
  /** Net money paid on to payees. */
  paidFen: bigint;
  /** The fund levels whose money reached the project. */
  levels: FundLevel[];
  /** The date of its latest public movement of money. */
  latest: string | null;
  /** Its latest public stage, when its application has one. */
  stage: { code: string; name: string; nameEn: string } | null;
}

const named = (code: string | null, name: string | null, nameEn: string | null) => (code === null ? null : { code, name: name ?? code, nameEn: nameEn ?? name ?? code });

function projectOf(r: z.infer<typeof projectRow>): PublicProjectDto {
  return {
    code: r.code,
    name: r.name,
    description: r.description,
    town: r.town,
    type: { code: r.type, name: r.type_name, nameEn: r.type_name_en },
    zone: named(r.zone_code, r.zone_name, r.zone_name_en),
    keyArea: named(r.key_area_code, r.key_area_name, r.key_area_name_en),
    group: named(r.group_code, r.group_name, r.group_name_en),
    implementingUnit: named(r.implementing_org_code, r.implementing_org_name, r.implementing_org_name_en),
    countyCodes: r.county_codes,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    fromPlan: r.from_plan,
    isDemo: r.is_demo,
    receivedFen: BigInt(r.received_fen),
    paidFen: BigInt(r.paid_fen),
    levels: r.levels,
    latest: r.latest,
    stage: r.stage === null ? null : { code: r.stage, name: r.stage_name ?? r.stage, nameEn: r.stage_name_en ?? r.stage },
  };
}

/** A LIKE pattern that matches the text literally (no wildcards from the reader). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function projectFilters(query: Omit<ProjectQuery, 'sort' | 'dir' | 'page' | 'pageSize'>): SQL[] {
  const where: SQL[] = [];
  if (query.q) {
    const like = containing(query.q);
    where.push(sql`(p.code ILIKE ${like} OR p.name ILIKE ${like} OR coalesce(p.town, '') ILIKE ${like}
      OR coalesce(p.implementing_org_name, '') ILIKE ${like} OR coalesce(p.implementing_org_name_en, '') ILIKE ${like}
      OR EXISTS (SELECT 1 FROM organisations c WHERE c.code = ANY (p.county_codes) AND (c.name ILIKE ${like} OR c.name_en ILIKE ${like}))
      OR EXISTS (SELECT 1 FROM flows f WHERE (f.recipient_code = p.code OR f.source_code = p.code)
                 AND (f.doc_number ILIKE ${like} OR f.to_name ILIKE ${like} OR f.to_name_en ILIKE ${like})))`);
  }
  if (query.code) where.push(sql`p.code = ${query.code}`);
  if (query.afterCode !== undefined) where.push(sql`p.code > ${query.afterCode}`);
  if (query.zone) where.push(sql`p.zone_code = ${query.zone}`);
  if (query.keyArea) where.push(sql`p.key_area_code = ${query.keyArea}`);
  if (query.group) where.push(sql`p.group_code = ${query.group}`);
  if (query.type) where.push(sql`p.type = ${query.type}`);
  if (query.county) where.push(sql`${query.county} = ANY (p.county_codes)`);
  if (query.stage) where.push(sql`s.stage = ${query.stage}`);
  if (query.year !== undefined) {
    where.push(sql`EXISTS (SELECT 1 FROM flows f WHERE f.recipient_code = p.code AND f.stage = 'project' AND left(f.transfer_date, 4) = ${String(query.year)})`);
  }
  if (query.level) where.push(sql`${query.level} = ANY (coalesce(m.levels, '{}'))`);
  return where;
}

const ORDER: Record<ProjectSort, SQL> = {
  code: sql`p.code`,
  name: sql`p.name`,
  received: sql`coalesce(m.received, 0)`,
  paid: sql`coalesce(m.paid, 0)`,
  latest: sql`m.latest`,
};

/**
 * The public project list: reference data of the projects the public may see (public_projects)
 * with money from published lines only, filtered, sorted and paged in the database.
 */
export async function searchProjects(query: ProjectQuery, db?: Queryable): Promise<{ rows: PublicProjectDto[]; total: number }> {
  const q = db ?? (await getDb());
  const showDemo = await demoVisible(q);
  const where = projectFilters(query);
  where.push(sql`(${showDemo} OR NOT p.is_demo)`);
  const dir = query.dir === 'asc' ? sql`ASC` : sql`DESC`;
  const rows = z.array(projectRow).parse(
    rowsOf(
      await q.execute(sql`WITH ${await flowsCte(q)},
        money AS (
          SELECT code,
                 sum(net_fen) FILTER (WHERE stage = 'project' AND recipient_code = code) AS received,
                 sum(net_fen) FILTER (WHERE stage = 'payee' AND source_code = code) AS paid,
                 array_agg(DISTINCT programme_level) FILTER (WHERE stage = 'project' AND recipient_code = code) AS levels,
                 max(transfer_date) AS latest
          FROM (SELECT f.*, CASE WHEN f.stage = 'project' THEN f.recipient_code ELSE f.source_code END AS code
                FROM flows f WHERE f.stage = 'project' OR (f.stage = 'payee' AND f.source_kind = 'project')) x
          GROUP BY code
        ),
        stages AS (
          SELECT DISTINCT ON (t.project_id) t.project_id, t.stage, t.stage_name, t.stage_name_en
          FROM public_item_timeline t WHERE t.project_id IS NOT NULL ORDER BY t.project_id, t.id DESC
        )
        SELECT p.*, coalesce(m.received, 0)::text AS received_fen, coalesce(m.paid, 0)::text AS paid_fen,
               coalesce(m.levels, '{}') AS levels, m.latest, s.stage, s.stage_name, s.stage_name_en,
               count(*) OVER () AS total
        FROM public_projects p
        LEFT JOIN money m ON m.code = p.code
        LEFT JOIN stages s ON s.project_id = p.id
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY ${ORDER[query.sort]} ${dir} NULLS LAST, p.code ASC
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`),
    ),
  );
  tagProjectList(query, rows);
  return { rows: rows.map(projectOf), total: rows[0]?.total ?? 0 };
}

/**
 * One project's rows change only with that project; a county's list also when a project of the
 * county changes (announced with its counties). Any other filter (a search may match a payee's
 * name) or none lists across the record.
 */
function tagProjectList(query: ProjectQuery, rows: { code: string }[]) {
  shows(...rows.map((r) => publicTag.project(r.code)));
  const narrowing = Object.entries(query).filter(([k, v]) => v !== undefined && v !== '' && !['sort', 'dir', 'page', 'pageSize'].includes(k)).map(([k]) => k);
  if (query.code !== undefined) shows(publicTag.project(query.code));
  else if (narrowing.length === 1 && query.county) shows(publicTag.org(query.county));
  else showsPublicRecord();
}

export interface ProjectFundingDto {
  level: FundLevel;
  receivedFen: bigint;
  /** The documents (文号) that brought it, each with the publication that lists it. */
  documents: { docNumber: string; publicationId: number; date: string }[];
}

export interface ProjectPayeeDto {
  code: string;
  name: string;
  nameEn: string;
  paidFen: bigint;
  byLevel: LevelSums;
}

export interface ProjectDetailDto {
  project: PublicProjectDto;
  funding: ProjectFundingDto[];
  /** Every published hop into the project and out of it to its payees. */
  hops: HopDto[];
  payees: ProjectPayeeDto[];
  timeline: { stage: string; stageName: string; stageNameEn: string; at: string; organisationName: string; organisationNameEn: string | null }[];
  dataAsOf: string | null;
}

/** A public project with where its money came from and went; null when the public may not see it. */
export async function getPublicProject(code: string, db?: Queryable): Promise<ProjectDetailDto | null> {
  const q = db ?? (await getDb());
  const { rows } = await searchProjects({ code, sort: 'code', dir: 'asc', page: 1, pageSize: 1 }, q);
  const project = rows[0];
  if (!project) return null;
  const hops = z
    .array(hopRow)
    .parse(
      rowsOf(
        await q.execute(sql`WITH ${await flowsCte(q)}
          SELECT ${HOP_COLUMNS} FROM flows
          WHERE recipient_code = ${code} AND stage = 'project' OR source_code = ${code} AND stage = 'payee'
          ORDER BY transfer_date, transfer_id`),
      ),
    )
    .map(hopOf);
  const funding = new Map<FundLevel, ProjectFundingDto>();
  const payees = new Map<string, ProjectPayeeDto>();
  for (const h of hops) {
    const net = h.kind === 'reversal' ? -h.amountFen : h.amountFen;
    const intoProject = h.kind === 'reversal' ? h.from.code === code : h.to.code === code;
    if (intoProject) {
      const f = funding.get(h.level) ?? { level: h.level, receivedFen: 0n, documents: [] };
      f.receivedFen += net;
      if (!f.documents.some((d) => d.docNumber === h.docNumber)) f.documents.push({ docNumber: h.docNumber, publicationId: h.publicationId, date: h.date });
      funding.set(h.level, f);
    } else {
      const payee = h.kind === 'reversal' ? h.from : h.to;
      const p = payees.get(payee.code) ?? { code: payee.code, name: payee.name, nameEn: payee.nameEn, paidFen: 0n, byLevel: emptyLevelSums() };
      p.paidFen += net;
      p.byLevel[h.level] += net;
      payees.set(payee.code, p);
    }
  }
  const timelineRows = viewRows(
    'public_item_timeline',
    publicItemTimelineView.pick({ stage: true, stage_name: true, stage_name_en: true, at: true, organisation_name: true }),
    await q.execute(sql`SELECT t.stage, t.stage_name, t.stage_name_en, t.at, t.organisation_name FROM public_item_timeline t
      JOIN public_projects p ON p.id = t.project_id WHERE p.code = ${code} ORDER BY t.id`),
  );
  const namesEn = await organisationNamesEnByName(timelineRows.map((t) => t.organisation_name), q);
  const timeline = timelineRows.map((t) => ({
    stage: t.stage,
    stageName: t.stage_name,
    stageNameEn: t.stage_name_en,
    at: new Date(t.at).toISOString(),
    organisationName: t.organisation_name,
    organisationNameEn: namesEn.get(t.organisation_name) ?? null,
  }));
  return {
    project,
    funding: FUND_LEVELS.flatMap((l) => funding.get(l) ?? []),
    hops,
    payees: [...payees.values()].sort((a, b) => (b.paidFen > a.paidFen ? 1 : b.paidFen < a.paidFen ? -1 : a.code.localeCompare(b.code))),
    timeline,
    dataAsOf: hops.reduce<string | null>((d, h) => (d === null || h.date > d ? h.date : d), null),
  };
}

/** The choices the project list offers that depend on published data: years money reached projects, public stages. */
export async function getProjectFacets(db?: Queryable): Promise<{ years: number[]; stages: { code: string; name: string; nameEn: string }[] }> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const years = rowsOf<{ year: string }>(
    await q.execute(sql`WITH ${await flowsCte(q)} SELECT DISTINCT left(transfer_date, 4) AS year FROM flows WHERE stage = 'project' ORDER BY 1 DESC`),
  );
  const stages = viewRows(
    'public_item_timeline',
    publicItemTimelineView.pick({ stage: true, stage_name: true, stage_name_en: true }),
    await q.execute(sql`SELECT DISTINCT ON (stage) stage, stage_name, stage_name_en FROM public_item_timeline WHERE project_id IS NOT NULL ORDER BY stage, id`),
  );
  return { years: years.map((y) => Number(y.year)), stages: stages.map((s) => ({ code: s.stage, name: s.stage_name, nameEn: s.stage_name_en })) };
}
