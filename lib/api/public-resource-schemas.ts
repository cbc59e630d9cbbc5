import { z } from 'zod';
import { EVALUATION_GRADES, FUND_LEVELS, PROJECT_TYPES } from '@/lib/domain/vocabulary';
import { publicTransferSchema } from './public-schemas';
import { targetsSchema } from './targets-table';

/*
 * The answers of the public API's resources (programmes, projects, counties, payees, evaluations,
 * indicators): the schemas every route validates its answer against and the OpenAPI document is
 * generated from. Identifiers are the codes the pages use; amounts are integer fen as decimal
 * strings; days are YYYY-MM-DD and instants ISO 8601 in UTC.
 */

const fen = z.string().regex(/^-?\d+$/).describe('integer fen (1 yuan = 100 fen) as a decimal string');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD');
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('exact decimal as a string');
const level = z.enum(FUND_LEVELS).describe('fund level of the programme: central, provincial, municipal (city) or county');
const named = z.object({ code: z.string(), name: z.string().describe('Chinese (official) name'), nameEn: z.string().describe('English name') });
const cursorNext = z.string().nullable().describe('pass as `cursor` for the following page; null on the last page');
const limit = z.number().int().min(1).describe('rows asked for (at most this many in the list)');
const byLevel = z.object(Object.fromEntries(FUND_LEVELS.map((l) => [l, fen])) as Record<(typeof FUND_LEVELS)[number], typeof fen>).describe('by fund level, integer fen');

/* Programmes (专项资金) */

export const programmeSummarySchema = z.object({
  code: z.string().describe('programme code, stable'),
  name: z.string(),
  level,
  fiscalYear: z.number().int(),
  managingOrg: z.string().nullable(),
  managingOrgEn: z.string().nullable(),
  totalFen: fen.nullable().describe('null when a withheld amount would follow from it'),
  purpose: z.string(),
  docNumber: z.string().nullable().describe('文号 of the catalogue entry'),
  publishedAt: day,
  version: z.number().int().describe('version of the catalogue entry'),
  isDemo: z.boolean(),
  documents: z.array(z.object({ kind: z.string().describe('management_rules or application_guideline'), documentId: z.number().int(), filename: z.string(), sha256: z.string(), byteSize: z.number().int().describe('bytes'), url: z.string() })),
  url: z.string().describe('its page'),
});
export const programmeListSchema = z.object({ programmes: z.array(programmeSummarySchema) }).describe('Programmes of the catalogue (专项资金目录), every year, newest year first');

export const programmeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level,
    fiscalYear: z.number().int(),
    managingOrg: z.string().nullable(),
    managingOrgEn: z.string().nullable(),
    totalFen: fen.nullable().describe('null when a withheld amount would follow from it'),
    purpose: z.string(),
    isDemo: z.boolean(),
    url: z.string(),
    disclosures: z.array(z.object({ kind: z.string().describe('publication kind'), publicationId: z.number().int(), subjectType: z.string(), title: z.string(), version: z.number().int(), publishedAt: z.string().describe('ISO 8601'), docNumber: z.string().nullable(), url: z.string() })),
    documents: z.array(z.object({ publicationId: z.number().int(), docNumber: z.string(), senderName: z.string(), senderNameEn: z.string(), first: day, last: day, lines: z.number().int(), movedFen: fen })).describe('each transfer document (文号) that moved its money'),
    byStage: z.object({ province: fen, city: fen, county: fen, project: fen, payee: fen }).describe('money of this programme that arrived at each stage of the chain, integer fen'),
    dataAsOf: day.nullable(),
    transfersUrl: z.string().describe('its published lines in the transfers API'),
  })
  .describe('One programme: its catalogue entry, disclosures, documents and where its money arrived');

/* Projects */

export const projectSummarySchema = z.object({
  code: z.string().describe('project code, stable (the plan code for plan projects)'),
  name: z.string(),
  description: z.string().nullable(),
  town: z.string().nullable(),
  type: z.object({ code: z.string().describe(`project type: ${PROJECT_TYPES.join(', ')}`), name: z.string(), nameEn: z.string() }),
  zone: named.nullable().describe('the plan zone (生态修复分区)'),
  keyArea: named.nullable().describe('the plan key area (重点区域)'),
  group: named.nullable().describe('the plan engineering group (重点工程)'),
  implementingUnit: named.nullable(),
  countyCodes: z.array(z.string()).describe('organisation codes of the counties it lies in'),
  plannedStart: day.nullable(),
  plannedEnd: day.nullable(),
  fromPlan: z.boolean(),
  isDemo: z.boolean(),
  receivedFen: fen.describe('net money received from counties (reversals deducted), integer fen'),
  paidFen: fen.describe('net money paid on to payees, integer fen'),
  levels: z.array(level).describe('fund levels whose money reached it'),
  latest: day.nullable().describe('date of its latest public movement of money'),
  stage: named.nullable().describe('its latest public stage'),
  url: z.string(),
});
export const projectListSchema = z
  .object({ limit, next: cursorNext, projects: z.array(projectSummarySchema) })
  .describe('Public projects by code (ascending), filtered as on /projects, cursor-paged');

export const evaluationSchema = z.object({
  publicationId: z.number().int().describe('the publication of this result (latest public version)'),
  version: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  year: z.number().int().describe('the year evaluated'),
  totalScore: decimal.describe('points out of 100'),
  grade: z.enum(EVALUATION_GRADES).describe('excellent 优 (90 points or more), good 良 (80 to under 90), fair 中 (60 to under 80), poor 差 (under 60)'),
  indicators: z.array(
    z.object({
      category: z.string(),
      subcategory: z.string(),
      name: z.string(),
      unit: z.string(),
      weight: z.string().describe('points'),
      direction: z.string(),
      rule: z.string(),
      target: z.string().nullable(),
      actual: z.string().nullable(),
      points: z.string().nullable(),
      source: z.string().nullable().optional(),
      evidence: z.array(z.object({ filename: z.string(), sha256: z.string() })),
    }),
  ),
  findings: z.string(),
  corrections: z.string(),
  summary: z.string(),
  evaluatorOrganisation: z.string().nullable(),
  evaluatorOrganisationEn: z.string().nullable(),
  approvedOn: z.string().describe('YYYY-MM-DD'),
  isDemo: z.boolean(),
  redacted: z.boolean(),
  url: z.string().describe('the publication page'),
});
export const evaluationListSchema = z
  .object({ limit, next: cursorNext, evaluations: z.array(evaluationSchema) })
  .describe('Published performance-evaluation results (绩效评价结果), by project code, year and publication id, cursor-paged');
export const projectEvaluationsSchema = z.object({ projectCode: z.string(), evaluations: z.array(evaluationSchema).describe('newest year first') });

const count = z.number().int().min(0);
export const projectRatingsSchema = z
  .object({
    ratings: count.describe('confirmed ratings (one per confirmed e-mail address)'),
    scoreSum: count.describe('sum of their scores: the average is scoreSum / ratings'),
    byScore: z.object({ 1: count, 2: count, 3: count, 4: count, 5: count }).describe('ratings per score'),
    satisfied: count.describe('ratings of 4 or 5: the satisfied share is satisfied / ratings'),
    average: decimal.nullable().describe('scoreSum / ratings rounded to two decimals; null without ratings'),
    satisfiedPercent: decimal.nullable().describe('100 × satisfied / ratings rounded to two decimals; null without ratings'),
  })
  .describe("Citizens' 1-5 ratings of the project, confirmed ones only, as exact counts");

export const projectSchema = z
  .object({
    project: projectSummarySchema,
    funding: z.array(z.object({ level, receivedFen: fen, documents: z.array(z.object({ docNumber: z.string(), publicationId: z.number().int(), date: day })) })).describe('money received, by fund level, with the documents that brought it'),
    payees: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), paidFen: fen, byLevel })).describe('who it paid, most first'),
    timeline: z.array(z.object({ stage: z.string(), stageName: z.string(), stageNameEn: z.string(), at: z.string().describe('ISO 8601, UTC'), organisationName: z.string(), organisationNameEn: z.string().nullable() })),
    evaluations: z.array(evaluationSchema.pick({ publicationId: true, year: true, totalScore: true, grade: true, url: true })).describe('published results, newest year first; in full at /api/public/projects/{code}/evaluations'),
    ratings: projectRatingsSchema,
    dataAsOf: day.nullable(),
    transfersUrl: z.string().describe('its published lines in the transfers API'),
  })
  .describe('One public project: where its money came from and went, its stages and evaluations');

/* Counties */

export const countySummarySchema = z.object({
  code: z.string().describe('organisation code of the county or county-level district'),
  name: z.string(),
  nameEn: z.string(),
  receivedFen: fen.describe('received from the city, all levels, net of reversals'),
  byLevel,
  toProjectsFen: fen.describe('passed on to its projects'),
  url: z.string(),
});
export const countyListSchema = z.object({ dataAsOf: day.nullable(), counties: z.array(countySummarySchema) }).describe("The city's counties and the money each received, from published lines only");

export const countySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    receivedFen: fen,
    byLevel,
    passedOnFen: fen.describe('passed on to its projects'),
    years: z.array(z.object({ year: z.string().regex(/^\d{4}$/), received: byLevel, passedOnFen: fen })).describe('newest year first'),
    dataAsOf: day.nullable(),
    transfersUrl: z.string(),
  })
  .describe("One county's money, from published lines only");

/* Payees */

export const payeeSummarySchema = z.object({ code: z.string().describe('payee code, stable'), name: z.string(), nameEn: z.string(), receivedFen: fen, lines: z.number().int().describe('published payment lines, reversals included'), latest: day, url: z.string() });
export const payeeListSchema = z.object({ payees: z.array(payeeSummarySchema) }).describe('Every payee a published line pays, by code');

export const payeeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    receivedFen: fen.describe('net of reversals'),
    byLevel,
    years: z.array(z.object({ year: z.string().regex(/^\d{4}$/), fen })).describe('newest year first'),
    payments: z.array(publicTransferSchema).describe('every published payment to it, newest first'),
    dataAsOf: day.nullable(),
    url: z.string(),
  })
  .describe('What a payee (contractor) was paid, from published lines only');

/* Indicators: the elements of /api/public/targets, one at a time */

export const indicatorTargetSchema = z
  .object({ dataAsOf: z.string().nullable(), includesDemo: z.boolean(), rule: z.string(), indicator: targetsSchema.shape.indicators.element })
  .describe("One of the plan's indicators with its published reports (the list is /api/public/targets)");
