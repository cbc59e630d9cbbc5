import 'server-only';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { organisations } from '@/db/schema';
import { publicTag, shows, showsPublicRecord } from '@/lib/cache/public-tags';
import { demoVisible } from '../internal/settings';
import type { FundingInput, Named, PayeeInput, ProjectInput, PublicationInput } from '@/lib/opendata/oc4ids/input';
import { listProjectEvaluations } from './evaluations';
import { flowsCte, FUND_LEVELS, hopOf, hopRow, HOP_COLUMNS, type HopDto } from './flows';
import { organisationNamesEnByName } from './names';
import { namesProjectSql } from './publication-filter';
import { searchProjects, type PublicProjectDto } from './projects';
import { publicItemTimelineView, publicPublicationsView, viewRows } from './views';

/*
 * What the OC4IDS project package (/api/public/oc4ids/*) says of the public projects, read from the
 * public read model only and in bulk (a handful of queries for the whole package): the projects as
 * the project list has them, their published lines (funding by level and programme owner, payees),
 * the latest public 验收, every publication naming them (the project page's own list) with its hash,
 * and their published evaluation results. A withheld project is not a row, a withheld line is not a
 * hop, so neither is in any figure here.
 */

/** More than the plan and every application could ever name: the whole list in one page. */
const ALL = 1_000_000;

const hopWithRecipient = hopRow.extend({ stage: z.string(), recipient_code: z.string(), source_code: z.string() });

async function projectHops(q: Queryable, code: string | undefined): Promise<Map<string, HopDto[]>> {
  const rows = z.array(hopWithRecipient).parse(
    rowsOf(
      await q.execute(sql`WITH ${await flowsCte(q)}
        SELECT ${HOP_COLUMNS}, stage, recipient_code, source_code FROM flows
        WHERE (stage = 'project' ${code === undefined ? sql`` : sql`AND recipient_code = ${code}`})
           OR (stage = 'payee' AND source_kind = 'project' ${code === undefined ? sql`` : sql`AND source_code = ${code}`})
        ORDER BY transfer_date, transfer_id`),
    ),
  );
  const byProject = new Map<string, HopDto[]>();
  for (const r of rows) {
    const project = r.stage === 'project' ? r.recipient_code : r.source_code;
    byProject.set(project, [...(byProject.get(project) ?? []), hopOf(r)]);
  }
  return byProject;
}

const funderRow = z.object({ programme_code: z.string(), code: z.string(), name: z.string(), name_en: z.string() });

/** Whose programme each is: the organisation that issued its public catalogue entry (its managing organisation). */
async function programmeFunders(q: Queryable, programmeCodes: string[]): Promise<Map<string, Named>> {
  if (programmeCodes.length === 0) return new Map();
  const rows = viewRows(
    'public_publications',
    funderRow,
    await q.execute(sql`SELECT DISTINCT ON (p.subject_id) p.content->>'code' AS programme_code, o.code, o.name, o.name_en
      FROM public_publications p JOIN organisations o ON o.id = p.issuer_org_id
      WHERE p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND p.content->>'code' IN ${programmeCodes}
      ORDER BY p.subject_id, p.version DESC`),
  );
  return new Map(rows.map((r) => [r.programme_code, { code: r.code, name: r.name, nameEn: r.name_en }]));
}

/** Money into the project by fund level and funder, and out of it by payee, as getPublicProject sums the same hops. */
function moneyOf(code: string, hops: HopDto[], funders: Map<string, Named>) {
  const funding = new Map<string, FundingInput>();
  const payees = new Map<string, PayeeInput>();
  const fundingPublicationIds = new Set<number>();
  for (const h of hops) {
    const net = h.kind === 'reversal' ? -h.amountFen : h.amountFen;
    const intoProject = h.kind === 'reversal' ? h.from.code === code : h.to.code === code;
    if (intoProject) {
      const funder = funders.get(h.programmeCode) ?? null;
      const key = `${h.level}\u0000${funder?.code ?? ''}`;
      const f = funding.get(key) ?? { level: h.level, funder, receivedFen: 0n, first: h.date, last: h.date };
      f.receivedFen += net;
      if (h.date > f.last) f.last = h.date;
      funding.set(key, f);
      fundingPublicationIds.add(h.publicationId);
    } else {
      const payee = h.kind === 'reversal' ? h.from : h.to;
      const p = payees.get(payee.code) ?? { code: payee.code, name: payee.name, nameEn: payee.nameEn, paidFen: 0n };
      p.paidFen += net;
      payees.set(payee.code, p);
    }
  }
  const order = (f: FundingInput) => FUND_LEVELS.indexOf(f.level);
  return {
    funding: [...funding.values()].sort((a, b) => order(a) - order(b) || (a.funder?.code ?? '').localeCompare(b.funder?.code ?? '')),
    payees: [...payees.values()].sort((a, b) => a.code.localeCompare(b.code)),
    fundingPublicationIds: [...fundingPublicationIds].sort((a, b) => a - b),
    demoMoney: hops.some((h) => h.isDemo),
  };
}

const acceptanceRow = publicItemTimelineView.pick({ at: true, organisation_name: true }).extend({ code: z.string() });

/** The latest public 验收 of each project's works. */
async function acceptances(q: Queryable, code: string | undefined): Promise<Map<string, ProjectInput['acceptance']>> {
  const rows = viewRows(
    'public_item_timeline',
    acceptanceRow,
    await q.execute(sql`SELECT DISTINCT ON (t.project_id) p.code, t.at, t.organisation_name
      FROM public_item_timeline t JOIN public_projects p ON p.id = t.project_id
      WHERE t.stage = 'accepted' ${code === undefined ? sql`` : sql`AND p.code = ${code}`}
      ORDER BY t.project_id, t.id DESC`),
  );
  const namesEn = await organisationNamesEnByName(rows.map((r) => r.organisation_name), q);
  return new Map(rows.map((r) => [r.code, { at: new Date(r.at).toISOString(), by: r.organisation_name, byEn: namesEn.get(r.organisation_name) ?? null }]));
}

const publicationRow = publicPublicationsView
  .pick({ id: true, kind: true, subject_type: true, title: true, version: true, doc_number: true, content_hash: true, published_at: true, is_demo: true })
  .extend({ code: z.string(), first_published_at: z.string() });

const iso = (instant: SQL) => sql`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * For each project, the latest public version of each publication naming it, with its hash and
 * first publication: the project page's own list (listProjectPublications, by the same condition),
 * for all projects in one pass over the public publications.
 */
async function projectPublications(q: Queryable, code: string | undefined): Promise<Map<string, PublicationInput[]>> {
  const visible = (await demoVisible(q)) ? sql`true` : sql`not p.is_demo`;
  const rows = viewRows(
    'public_publications',
    publicationRow,
    await q.execute(sql`WITH pubs AS MATERIALIZED (SELECT * FROM public_publications),
      named AS (
        SELECT DISTINCT ON (pp.code, p.kind, p.subject_type, p.subject_id) pp.code, p.id, p.kind, p.subject_type, p.subject_id, p.title, p.version,
               p.doc_number, p.content_hash, p.is_demo, p.published_at
        FROM pubs p JOIN public_projects pp ON ${namesProjectSql(sql`pp.code`, sql`pp.id`)}
        WHERE ${visible} ${code === undefined ? sql`` : sql`AND pp.code = ${code}`}
        ORDER BY pp.code, p.kind, p.subject_type, p.subject_id, p.published_at DESC, p.id DESC)
      SELECT n.code, n.id, n.kind, n.subject_type, n.title, n.version, n.doc_number, n.content_hash, n.is_demo, ${iso(sql`n.published_at`)} AS published_at,
             (SELECT ${iso(sql`min(f.published_at)`)} FROM pubs f WHERE f.kind = n.kind AND f.subject_type = n.subject_type AND f.subject_id = n.subject_id) AS first_published_at
      FROM named n ORDER BY n.code, n.published_at DESC, n.id DESC`),
  );
  const byProject = new Map<string, PublicationInput[]>();
  for (const r of rows) {
    const pub = { id: r.id, kind: r.kind, subjectType: r.subject_type, title: r.title, version: r.version, docNumber: r.doc_number, contentHash: r.content_hash, firstPublishedAt: r.first_published_at, publishedAt: r.published_at, isDemo: r.is_demo };
    byProject.set(r.code, [...(byProject.get(r.code) ?? []), pub]);
  }
  return byProject;
}

async function countyNames(q: Queryable, codes: string[]): Promise<Map<string, Named>> {
  if (codes.length === 0) return new Map();
  const rows = await q.select({ code: organisations.code, name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.code, codes));
  return new Map(rows.map((r) => [r.code, r]));
}

export interface Oc4idsProjectsDto {
  projects: ProjectInput[];
  /** When anything was last published (ISO 8601), given only when no project shows a date of its own. */
  latestPublication: string | null;
}

/**
 * Every public project (or the one with `code`; none when it is not public) with what the OC4IDS
 * package says of it. One code names that project's own tags for the response cache; the whole
 * package lists across the public record.
 */
export async function listOc4idsProjects(code?: string, db?: Queryable): Promise<Oc4idsProjectsDto> {
  const q = db ?? (await getDb());
  if (code === undefined) showsPublicRecord();
  const { rows: projects } = await searchProjects({ code, sort: 'code', dir: 'asc', page: 1, pageSize: ALL }, q);
  if (projects.length === 0) return { projects: [], latestPublication: null };
  const hops = await projectHops(q, code);
  const funders = await programmeFunders(q, [...new Set([...hops.values()].flat().map((h) => h.programmeCode))]);
  if (code !== undefined) shows(publicTag.project(code), ...[...funders.keys()].map(publicTag.programme));
  const accepted = await acceptances(q, code);
  const counties = await countyNames(q, [...new Set(projects.flatMap((p) => p.countyCodes))]);
  const publications = await projectPublications(q, code);
  const out: ProjectInput[] = [];
  for (const p of projects) {
    const own = publications.get(p.code) ?? [];
    const evaluations = own.some((pub) => pub.kind === 'evaluation_result') ? await listProjectEvaluations(p.code, q) : [];
    out.push(inputOf(p, { ...moneyOf(p.code, hops.get(p.code) ?? [], funders), counties, acceptance: accepted.get(p.code) ?? null, publications: own, evaluations }));
  }
  return { projects: out, latestPublication: publications.size || accepted.size ? null : await latestPublication(q) };
}

/** When anything was last published: the date of a package whose projects show nothing dated. */
async function latestPublication(q: Queryable): Promise<string | null> {
  const [row] = rowsOf<{ at: string | null }>(await q.execute(sql`SELECT ${iso(sql`max(published_at)`)} AS at FROM public_publications`));
  return row?.at ?? null;
}

function inputOf(
  p: PublicProjectDto,
  more: Omit<ProjectInput, keyof PublicProjectDto | 'counties'> & { counties: Map<string, Named> },
): ProjectInput {
  const { counties, ...rest } = more;
  return {
    code: p.code,
    name: p.name,
    description: p.description,
    town: p.town,
    type: p.type,
    zone: p.zone,
    keyArea: p.keyArea,
    group: p.group,
    implementingUnit: p.implementingUnit,
    counties: p.countyCodes.map((c) => counties.get(c) ?? { code: c, name: c, nameEn: c }),
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    fromPlan: p.fromPlan,
    receivedFen: p.receivedFen,
    paidFen: p.paidFen,
    stage: p.stage,
    ...rest,
  };
}
