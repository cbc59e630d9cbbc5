import { z } from 'zod';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('Exact decimal as a string');

export const zoneSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), areaKm2: decimal });
export const keyAreaSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), zoneCode: z.string() });
export const groupSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), projects: z.number().int() });
export const indicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  comparator: z.enum(['gte', 'lte', 'eq']),
  baseline2020: decimal.nullable(),
  target2025: decimal.nullable(),
  target2035: decimal.nullable(),
});
export const planOverviewSchema = z
  .object({ zones: z.array(zoneSchema), keyAreas: z.array(keyAreaSchema), groups: z.array(groupSchema), indicators: z.array(indicatorSchema) })
  .describe("The plan's reference data: zones, key areas, engineering groups, indicators");

export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ driver: z.enum(['postgres', 'pglite']).optional(), reachable: z.boolean(), migrations: z.number().int().optional() }),
  auditChainHead: z.string().optional(),
});

/** Every refusal: a stable code, a message in the reader's language, and per-field messages for a form. */
export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), fieldErrors: z.record(z.string(), z.string()).optional() }) });

const fenText = z.string().regex(/^-?\d+$/).describe('integer fen as a decimal string');

export const allocationSummarySchema = z.object({
  batchId: z.number().int(),
  title: z.string(),
  programmeName: z.string(),
  fiscalYear: z.number().int(),
  totalFen: fenText.nullable().describe('null when a withheld amount would follow from it'),
  issuerName: z.string(),
  docNumber: z.string().nullable(),
  publishedAt: z.string(),
  version: z.number().int(),
});
export const allocationListSchema = z.object({ allocations: z.array(allocationSummarySchema) });

/** A published allocation: every input needed to recompute it, and the result as published. */
export const allocationSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  contentHash: z.string(),
  batch: z.object({ id: z.number().int(), code: z.string(), title: z.string(), docNumber: z.string().nullable(), programmeCode: z.string(), programmeName: z.string(), fiscalYear: z.number().int(), totalFen: fenText.nullable().describe('null when a withheld amount would follow from it'), inputsHash: z.string().optional().describe('absent when lines are withheld'), issuerCode: z.string(), issuerName: z.string() }),
  formula: z.object({
    version: z.number().int(),
    description: z.string(),
    changeReason: z.string().nullable(),
    floorFen: fenText.nullable(),
    capFen: fenText.nullable(),
    setAsideBp: z.number().int(),
    defaultPerformanceValue: z.string().nullable(),
    factors: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string(), source: z.string(), direction: z.enum(['more_is_more', 'less_is_more']), weightBp: z.number().int(), isPerformance: z.boolean() })),
  }),
  recipients: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      values: z.record(z.string(), z.string()).describe('empty when a withheld amount is not shown'),
      sources: z.record(z.string(), z.string()).describe('empty when a withheld amount is not shown'),
      share: z.string().optional().describe('exact fraction; absent when lines are withheld'),
      computedFen: fenText,
      finalFen: fenText,
      adjustmentReason: z.string().nullable(),
    }),
  ),
  defaultedPerformance: z.array(z.object({ recipient: z.string(), factor: z.string() })),
  withheld: z.array(z.object({ basisCode: z.string(), basis: z.string(), basisEn: z.string(), items: z.number().int(), amountFen: fenText.nullable().describe('null below the threshold on /disclosure/withheld') })).optional(),
});

/** JSON Feed 1.1 of publications and corrections; the Atom feed at /api/public/feed/atom carries the same entries. */
export const jsonFeedSchema = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string(),
  home_page_url: z.string(),
  feed_url: z.string(),
  items: z.array(z.object({ id: z.string(), url: z.string(), title: z.string(), content_text: z.string(), date_modified: z.string(), authors: z.array(z.object({ name: z.string() })), tags: z.array(z.string()) })),
});

/** Every public endpoint, described once; the OpenAPI document is generated from this list. */
export const PUBLIC_ENDPOINTS = [
  { path: '/api/public/plan', summary: 'Plan overview (reference data)', schema: planOverviewSchema },
  { path: '/api/public/allocations', summary: 'Published allocation results (factor method), newest first', schema: allocationListSchema },
  { path: '/api/public/feed/json', summary: 'Change feed of publications (JSON Feed); filters: programme, county, project, since=YYYY-MM-DD', schema: jsonFeedSchema },
  { path: '/api/public/allocations/{batchId}', summary: 'One published allocation: formula, factor values and result (add ?format=csv for CSV)', schema: allocationSchema },
  { path: '/api/health', summary: 'Health: database reachable, migration level, audit chain head', schema: healthSchema },
] as const;
