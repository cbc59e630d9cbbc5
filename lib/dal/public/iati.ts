import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { organisations } from '@/db/schema';
import { chinaToday } from '@/lib/domain/china-date';
import { FUND_LEVELS } from '@/lib/domain/vocabulary';
import { REPORTING_ORG_CODE } from '@/lib/opendata/iati/identifiers';
import type { IatiLine, IatiOrg, IatiProgramme, IatiProject, IatiSource } from '@/lib/opendata/iati/model';
import { demoVisible } from '../internal/settings';
import { flowsCte, hopOf, hopRow, HOP_COLUMNS } from './flows';
import { publicItemTimelineView, publicPublicationsView, publicProjectsView, viewRows } from './views';

const catalogueRow = publicPublicationsView.pick({ content: true, is_demo: true }).extend({ issuer_code: z.string() });
const projectRow = publicProjectsView.extend({
  stage: publicItemTimelineView.shape.stage.nullable(),
  accepted_at: publicItemTimelineView.shape.at.nullable(),
});

/** The latest public catalogue entry of every programme, with its issuer (the managing organisation). */
async function publicProgrammes(q: Queryable, showDemo: boolean): Promise<IatiProgramme[]> {
  const rows = viewRows(
    'public_publications',
    catalogueRow,
    await q.execute(sql`SELECT DISTINCT ON (p.subject_id) p.content, p.is_demo, o.code AS issuer_code
      FROM public_publications p JOIN organisations o ON o.id = p.issuer_org_id
      WHERE p.kind = 'fund_catalogue' AND p.subject_type = 'programme'
      ORDER BY p.subject_id, p.version DESC`),
  ).filter((r) => showDemo || !r.is_demo);
  return rows.map((r) => ({
    code: String(r.content.code),
    name: String(r.content.name),
    level: z.enum(FUND_LEVELS).parse(r.content.level),
    fiscalYear: Number(r.content.fiscalYear),
    purpose: String(r.content.purpose ?? ''),
    managingOrgCode: r.issuer_code,
  }));
}

/** public_projects with each project's latest public stage and the moment its timeline reached 验收. */
async function publicProjects(q: Queryable, showDemo: boolean): Promise<IatiProject[]> {
  const rows = viewRows(
    'public_projects',
    projectRow,
    await q.execute(sql`SELECT p.*, s.stage, a.at AS accepted_at
      FROM public_projects p
      LEFT JOIN LATERAL (SELECT t.stage FROM public_item_timeline t WHERE t.project_id = p.id ORDER BY t.id DESC LIMIT 1) s ON true
      LEFT JOIN LATERAL (SELECT t.at FROM public_item_timeline t WHERE t.project_id = p.id AND t.stage = 'accepted' ORDER BY t.id LIMIT 1) a ON true
      ORDER BY p.code`),
  ).filter((r) => showDemo || !r.is_demo);
  const named = (name: string | null, nameEn: string | null) => (name === null ? null : { name, nameEn });
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    description: r.description,
    town: r.town,
    type: { name: r.type_name, nameEn: r.type_name_en },
    zone: named(r.zone_name, r.zone_name_en),
    keyArea: named(r.key_area_name, r.key_area_name_en),
    group: named(r.group_name, r.group_name_en),
    implementingOrgCode: r.implementing_org_code,
    countyCodes: r.county_codes,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    stage: r.stage,
    acceptedOn: r.accepted_at === null ? null : chinaToday(new Date(r.accepted_at)),
  }));
}

/** Every published line (public_transfer_lines through `flows`): a withheld one is not a row, so it cannot be exported or summed. */
async function publicLines(q: Queryable): Promise<IatiLine[]> {
  const rows = viewRows('public_transfer_lines', hopRow, await q.execute(sql`WITH ${await flowsCte(q)} SELECT ${HOP_COLUMNS} FROM flows ORDER BY transfer_date, transfer_id`));
  return rows.map(hopOf).map((h) => ({
    transferId: h.transferId,
    kind: h.kind,
    date: h.date,
    docNumber: h.docNumber,
    programmeCode: h.programmeCode,
    programmeName: h.programmeName,
    programmeLevel: h.level,
    from: h.from,
    to: h.to,
    amountFen: h.amountFen,
  }));
}

/**
 * Names and kinds of the organisations the export names: reference data, public by nature, looked
 * up only by codes already read from the public read model (and the reporting organisation's).
 */
async function organisationsByCode(q: Queryable, codes: Set<string>): Promise<Map<string, IatiOrg>> {
  const rows = await q
    .select({ code: organisations.code, name: organisations.name, nameEn: organisations.nameEn, kind: organisations.kind })
    .from(organisations)
    .where(inArray(organisations.code, [...codes]));
  return new Map(rows.map((r) => [r.code, r]));
}

/** What the IATI activities export is written from: the public read model only. */
export async function getIatiSource(db?: Queryable): Promise<IatiSource> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const [programmes, projects, lines] = [await publicProgrammes(q, showDemo), await publicProjects(q, showDemo), await publicLines(q)];
  const codes = new Set<string>([REPORTING_ORG_CODE]);
  for (const p of programmes) codes.add(p.managingOrgCode);
  for (const p of projects) for (const c of [p.implementingOrgCode, ...p.countyCodes]) if (c) codes.add(c);
  for (const l of lines) for (const party of [l.from, l.to]) if (party.kind !== 'project') codes.add(party.code);
  const orgs = await organisationsByCode(q, codes);
  const reportingOrg = orgs.get(REPORTING_ORG_CODE);
  if (!reportingOrg) throw new Error(`the reporting organisation ${REPORTING_ORG_CODE} is not in the reference data`);
  return { reportingOrg, orgs, programmes, projects, lines };
}
