import { z } from 'zod';
import type { PlanTargetsDto } from '@/lib/dal/public/targets';
import { csvNumber, toCsv, type CsvValue } from './csv';
import { parseStrictQuery } from './strict-query';

/**
 * The /targets page's data as JSON and CSV, built from the same data-layer answer the page renders,
 * so a download holds exactly the values and the progress on the page.
 */
export const targetsQuerySchema = z.strictObject({ format: z.enum(['json', 'csv'], { error: 'errors.query.format' }).optional() });

export function parseTargetsQuery(params: URLSearchParams): z.output<typeof targetsQuerySchema> {
  return parseStrictQuery(targetsQuerySchema, params, 'errors.query.targetsUnknown');
}

export const TARGETS_QUERY_PARAMETERS = [
  { name: 'format', description: 'json (default: values as decimal strings) or csv (UTF-8 with BOM, one line per indicator and year)', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
];

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('a decimal as a string');
const org = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

export const targetsSchema = z
  .object({
    dataAsOf: z.string().nullable(),
    includesDemo: z.boolean(),
    rule: z.string(),
    indicators: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        nameEn: z.string(),
        unit: z.string(),
        comparator: z.enum(['gte', 'lte', 'eq']),
        baseline2020: decimal.nullable(),
        target2025: decimal.nullable(),
        target2035: decimal.nullable(),
        responsibleOrg: org.nullable(),
        status: z.enum(['no_data', 'reached', 'on_track', 'behind', 'no_trend']),
        targetYear: z.number().int().nullable(),
        expected: decimal.nullable().describe('where the straight path to the target stands in the latest year'),
        reports: z.array(
          z.object({
            year: z.number().int(),
            value: decimal,
            source: z.string(),
            method: z.string(),
            measuredOn: z.string(),
            version: z.number().int(),
            changeReason: z.string().nullable(),
            publicationId: z.number().int(),
            publishedAt: z.string(),
          }),
        ),
        projectTypes: z.array(z.string()),
        projects: z.array(z.object({ code: z.string(), name: z.string() })),
        projectCount: z.number().int(),
      }),
    ),
  })
  .describe("The plan's indicators against their 2025 and 2035 targets, with the published value of each year and the progress rule");

export const TARGETS_RULE =
  "The latest year's value against the target it answers to (2025 up to 2025, 2035 after; the 2025 target where the plan states no 2035 one), on the straight line from the 2020 baseline (or the first published value) to that target: at or beyond the line is on track (at least for gte and eq, at most for lte), a met target is reached, a missed target in or after its year is behind, a single value without a baseline shows no trend.";

export function targetsJson(t: PlanTargetsDto): z.input<typeof targetsSchema> {
  return {
    dataAsOf: t.dataAsOf,
    includesDemo: t.includesDemo,
    rule: TARGETS_RULE,
    indicators: t.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      nameEn: i.nameEn,
      unit: i.unit,
      comparator: i.comparator,
      baseline2020: i.baseline2020,
      target2025: i.target2025,
      target2035: i.target2035,
      responsibleOrg: i.responsibleOrg,
      status: i.tracking.status,
      targetYear: i.tracking.targetYear,
      expected: i.tracking.expected,
      reports: i.reports.map((r) => ({ year: r.year, value: r.value, source: r.source, method: r.method, measuredOn: r.measuredOn, version: r.version, changeReason: r.changeReason, publicationId: r.publicationId, publishedAt: r.publishedAt })),
      projectTypes: i.projectTypes.map((p) => p.code),
      projects: i.projects,
      projectCount: i.projectCount,
    })),
  };
}

/** One line per indicator and reported year (an indicator with none keeps one line without a year). */
export function targetsCsv(t: PlanTargetsDto): string {
  const header = ['indicator_code', 'indicator', 'indicator_en', 'unit', 'comparator', 'target_2025', 'target_2035', 'status', 'year', 'value', 'source', 'method', 'measured_on', 'version', 'change_reason', 'publication_id'];
  const num = (v: string | null) => (v === null ? null : csvNumber(v));
  const rows: CsvValue[][] = t.indicators.flatMap((i) => {
    const head: CsvValue[] = [i.code, i.name, i.nameEn, i.unit, i.comparator, num(i.target2025), num(i.target2035), i.tracking.status];
    if (!i.reports.length) return [[...head, null, null, null, null, null, null, null, null]];
    return i.reports.map((r) => [...head, csvNumber(r.year), csvNumber(r.value), r.source, r.method, r.measuredOn, csvNumber(r.version), r.changeReason, csvNumber(r.publicationId)]);
  });
  return toCsv([header, ...rows]);
}
