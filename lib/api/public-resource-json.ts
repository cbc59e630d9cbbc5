import type { z } from 'zod';
import type { CatalogueEntryDto } from '@/lib/dal/public/catalogue';
import type { CountyMoneyDto } from '@/lib/dal/public/counties';
import type { PublicEvaluationDto } from '@/lib/dal/public/evaluations';
import type { LevelSums } from '@/lib/dal/public/flows';
import type { PayeeMoneyDto, PayeeSummaryDto } from '@/lib/dal/public/payees';
import type { PublicProgrammeDto } from '@/lib/dal/public/programmes';
import type { ProjectDetailDto, PublicProjectDto } from '@/lib/dal/public/projects';
import type { ProjectRatingsDto } from '@/lib/dal/public/ratings';
import { FUND_LEVELS } from '@/lib/domain/vocabulary';
import { PUBLIC_BRIEF } from './cache-control';
import { attachmentDisposition } from './content-disposition';
import { csvNumber, toCsv, type CsvValue } from './csv';
import { transferJson } from './transfer-rows';
import type { countySummarySchema, evaluationSchema, payeeSchema, programmeSchema, programmeSummarySchema, projectSchema, projectSummarySchema } from './public-resource-schemas';

/*
 * The data layer's answers as the public API gives them (JSON) and as their CSV downloads: one
 * mapping per resource, so the JSON and the CSV of a list carry the same rows.
 */

const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');
const fenOf = (v: bigint) => v.toString();
const levelsOf = (s: LevelSums) => Object.fromEntries(FUND_LEVELS.map((l) => [l, s[l].toString()])) as Record<(typeof FUND_LEVELS)[number], string>;
const total = (s: LevelSums) => FUND_LEVELS.reduce((t, l) => t + s[l], 0n);

/* Programmes */

export function programmeSummaryJson(e: CatalogueEntryDto): z.input<typeof programmeSummarySchema> {
  return {
    code: e.code,
    name: e.name,
    level: e.level as z.input<typeof programmeSummarySchema>['level'],
    fiscalYear: e.fiscalYear,
    managingOrg: e.managingOrg,
    managingOrgEn: e.managingOrgEn,
    totalFen: e.totalFen === null ? null : fenOf(e.totalFen),
    purpose: e.purpose,
    docNumber: e.docNumber,
    publishedAt: e.publishedAt,
    version: e.version,
    isDemo: e.isDemo,
    documents: e.documents.map((d) => ({ ...d, url: `/api/public/documents/${d.documentId}` })),
    url: `/programmes/${path(e.code)}`,
  };
}

export function programmesCsv(entries: CatalogueEntryDto[]): string {
  const header = ['code', 'name', 'level', 'fiscal_year', 'managing_org', 'managing_org_en', 'total_fen', 'purpose', 'doc_number', 'published_at', 'version', 'is_demo'];
  return toCsv([
    header,
    ...entries.map((e): CsvValue[] => [e.code, e.name, e.level, csvNumber(e.fiscalYear), e.managingOrg, e.managingOrgEn, e.totalFen === null ? null : csvNumber(e.totalFen), e.purpose, e.docNumber, e.publishedAt, csvNumber(e.version), String(e.isDemo)]),
  ]);
}

export function programmeJson(p: PublicProgrammeDto): z.input<typeof programmeSchema> {
  return {
    code: p.code,
    name: p.name,
    level: p.level,
    fiscalYear: p.fiscalYear,
    managingOrg: p.managingOrg,
    managingOrgEn: p.managingOrgEn,
    totalFen: p.totalFen === null ? null : fenOf(p.totalFen),
    purpose: p.purpose,
    isDemo: p.isDemo,
    url: `/programmes/${path(p.code)}`,
    disclosures: p.disclosures.map((d) => ({ ...d, url: `/disclosure/publications/${d.publicationId}` })),
    documents: p.documents.map((d) => ({ ...d, movedFen: fenOf(d.movedFen) })),
    byStage: { province: fenOf(p.byStage.province), city: fenOf(p.byStage.city), county: fenOf(p.byStage.county), project: fenOf(p.byStage.project), payee: fenOf(p.byStage.payee) },
    dataAsOf: p.dataAsOf,
    transfersUrl: `/api/public/transfers?programme=${encodeURIComponent(p.code)}`,
  };
}

/* Projects */

export function projectSummaryJson(p: PublicProjectDto): z.input<typeof projectSummarySchema> {
  return { ...p, receivedFen: fenOf(p.receivedFen), paidFen: fenOf(p.paidFen), url: `/projects/${path(p.code)}` };
}

export function projectsCsv(projects: PublicProjectDto[]): string {
  const header = ['code', 'name', 'town', 'type', 'zone', 'key_area', 'group', 'implementing_unit', 'county_codes', 'planned_start', 'planned_end', 'from_plan', 'received_fen', 'paid_fen', 'levels', 'latest', 'stage', 'is_demo'];
  return toCsv([
    header,
    ...projects.map((p): CsvValue[] => [
      p.code,
      p.name,
      p.town,
      p.type.code,
      p.zone?.code,
      p.keyArea?.code,
      p.group?.code,
      p.implementingUnit?.name,
      p.countyCodes.join(' '),
      p.plannedStart,
      p.plannedEnd,
      String(p.fromPlan),
      csvNumber(p.receivedFen),
      csvNumber(p.paidFen),
      p.levels.join(' '),
      p.latest,
      p.stage?.code,
      String(p.isDemo),
    ]),
  ]);
}

const evaluationUrl = (publicationId: number) => `/disclosure/publications/${publicationId}`;

export function evaluationJson(e: PublicEvaluationDto): z.input<typeof evaluationSchema> {
  return { ...e, url: evaluationUrl(e.publicationId) };
}

export function evaluationsCsv(evaluations: (PublicEvaluationDto)[]): string {
  const header = ['publication_id', 'version', 'project_code', 'project_name', 'year', 'total_score', 'grade', 'indicators', 'evaluator', 'approved_on', 'findings', 'is_demo', 'url'];
  return toCsv([
    header,
    ...evaluations.map((e): CsvValue[] => [
      csvNumber(e.publicationId),
      csvNumber(e.version),
      e.projectCode,
      e.projectName,
      csvNumber(e.year),
      csvNumber(e.totalScore),
      e.grade,
      csvNumber(e.indicators.length),
      e.evaluatorOrganisation,
      e.approvedOn,
      e.findings,
      String(e.isDemo),
      evaluationUrl(e.publicationId),
    ]),
  ]);
}

export function projectJson(d: ProjectDetailDto, evaluations: PublicEvaluationDto[], ratings: ProjectRatingsDto): z.input<typeof projectSchema> {
  return {
    project: projectSummaryJson(d.project),
    funding: d.funding.map((f) => ({ level: f.level, receivedFen: fenOf(f.receivedFen), documents: f.documents })),
    payees: d.payees.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn, paidFen: fenOf(p.paidFen), byLevel: levelsOf(p.byLevel) })),
    timeline: d.timeline,
    evaluations: evaluations.map((e) => ({ publicationId: e.publicationId, year: e.year, totalScore: e.totalScore, grade: e.grade, url: evaluationUrl(e.publicationId) })),
    ratings,
    dataAsOf: d.dataAsOf,
    transfersUrl: `/api/public/transfers?project=${encodeURIComponent(d.project.code)}`,
  };
}

/* Counties */

export type CountySummary = { code: string; name: string; nameEn: string; byLevel: LevelSums; toProjectsFen: bigint };

export function countySummaryJson(c: CountySummary): z.input<typeof countySummarySchema> {
  return { code: c.code, name: c.name, nameEn: c.nameEn, receivedFen: fenOf(total(c.byLevel)), byLevel: levelsOf(c.byLevel), toProjectsFen: fenOf(c.toProjectsFen), url: `/counties/${path(c.code)}` };
}

export function countiesCsv(counties: CountySummary[]): string {
  const header = ['code', 'name', 'name_en', 'received_fen', ...FUND_LEVELS.map((l) => `${l}_fen`), 'to_projects_fen'];
  return toCsv([header, ...counties.map((c): CsvValue[] => [c.code, c.name, c.nameEn, csvNumber(total(c.byLevel)), ...FUND_LEVELS.map((l) => csvNumber(c.byLevel[l])), csvNumber(c.toProjectsFen)])]);
}

export function countyJson(c: CountyMoneyDto) {
  return {
    ...c.county,
    receivedFen: fenOf(total(c.received)),
    byLevel: levelsOf(c.received),
    passedOnFen: fenOf(c.passedOnFen),
    years: c.years.map((y) => ({ year: y.year, received: levelsOf(y.received), passedOnFen: fenOf(y.passedOnFen) })),
    dataAsOf: c.dataAsOf,
    transfersUrl: `/api/public/transfers?county=${encodeURIComponent(c.county.code)}`,
  };
}

/* Payees */

export function payeeSummaryJson(p: PayeeSummaryDto) {
  return { ...p, receivedFen: fenOf(p.receivedFen), url: `/payees/${path(p.code)}` };
}

export function payeesCsv(payees: PayeeSummaryDto[]): string {
  const header = ['code', 'name', 'name_en', 'received_fen', 'lines', 'latest'];
  return toCsv([header, ...payees.map((p): CsvValue[] => [p.code, p.name, p.nameEn, csvNumber(p.receivedFen), csvNumber(p.lines), p.latest])]);
}

export function payeeJson(p: PayeeMoneyDto): z.input<typeof payeeSchema> {
  return {
    ...p.payee,
    receivedFen: fenOf(p.receivedFen),
    byLevel: levelsOf(p.received),
    years: p.years.map((y) => ({ year: y.year, fen: fenOf(y.fen) })),
    payments: p.hops.map(transferJson),
    dataAsOf: p.dataAsOf,
    url: `/payees/${path(p.payee.code)}`,
  };
}

/** A CSV download of a public list, kept as briefly as every public answer. */
export function csvDownload(text: string, filename: string): Response {
  return new Response(text, { headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': PUBLIC_BRIEF, 'content-disposition': attachmentDisposition(`${filename}.csv`) } });
}
