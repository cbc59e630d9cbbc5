import { z } from 'zod';
import { PUBLICATION_KINDS } from '@/lib/domain/vocabulary';
import { PUBLICATION_QUERY_PARAMETERS, PUBLICATIONS_MAX_PAGE_SIZE } from './publication-query';
import { TRANSFER_QUERY_PARAMETERS, TRANSFERS_MAX_PAGE_SIZE } from './transfer-query';
import { OVERVIEW_QUERY_PARAMETERS, OVERVIEW_TABLES } from './overview-tables';
import { TARGETS_QUERY_PARAMETERS, targetsSchema } from './targets-table';
import { OC4IDS_ENDPOINTS } from './oc4ids-schemas';
import { BULK_QUERY_PARAMETERS } from './bulk-query';

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
  performance: z
    .array(z.object({ recipient: z.string(), factor: z.string(), source: z.enum(['evaluation', 'default', 'entered']), score: z.string().nullable().optional().describe('absent when a withheld amount is not shown'), year: z.number().int(), evaluations: z.number().int() }))
    .optional()
    .describe('per recipient: the approved evaluation score its performance factor used, or that the default applied'),
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

const withheldLinesSchema = z
  .array(z.object({ basisCode: z.string(), basis: z.string(), basisEn: z.string(), items: z.number().int(), amountFen: fenText.nullable().describe('null below the threshold on /disclosure/withheld') }))
  .describe('one line per legal basis under which parts of this publication are withheld');

const partySchema = z.looseObject({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(['organisation', 'project', 'payee']),
  countyCode: z.string().nullable().describe('the county the party lies in, when it lies in one'),
});

/** One ledger line of a published transfer document. */
export const transferDocumentLineSchema = z.looseObject({
  transferId: z.number().int(),
  kind: z.enum(['allocation', 'payment', 'disbursement', 'reversal']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD'),
  docNumber: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  programmeLevel: z.enum(['central', 'provincial', 'municipal', 'county']),
  from: partySchema,
  to: partySchema,
  projectCode: z.string().nullable(),
  amountFen: fenText,
  reversesTransferId: z.number().int().nullable(),
});

/** The allocation result of a transfer document (文件): who sent it and every line it carries that is public. */
export const transferDocumentContentSchema = z
  .looseObject({
    docNumber: z.string(),
    sender: z.looseObject({ code: z.string(), name: z.string(), nameEn: z.string(), kind: z.string() }),
    lines: z.array(transferDocumentLineSchema).describe('withheld lines are absent (see withheld)'),
    withheld: withheldLinesSchema.optional(),
  })
  .describe('a transfer document (subject type transfer_document)');

/** Any other publication's content, as published (a catalogue entry, a document, a batch's formula or result, an evaluation). */
export const otherContentSchema = z
  .looseObject({ lines: z.never().optional().describe('only a transfer document has lines'), withheld: withheldLinesSchema.optional() })
  .describe('the content as published: see /disclosure/publications/{id}');

/** One published snapshot with its public content. Amounts anywhere in it are integer fen as decimal strings. */
export const publicationSchema = z.object({
  id: z.number().int(),
  url: z.string().describe('its page, with every version and the diff'),
  kind: z.enum(PUBLICATION_KINDS),
  subjectType: z.string(),
  subjectId: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  notice: z.string(),
  changeReason: z.string().nullable(),
  docNumber: z.string().nullable(),
  dataAsOf: z.string().describe('YYYY-MM-DD'),
  publishedAt: z.string().describe('ISO 8601, UTC'),
  issuer: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  contentHash: z.string().describe('SHA-256 of the content and notice as the public sees them'),
  redacted: z.boolean().describe('parts are withheld (see content.withheld)'),
  isDemo: z.boolean(),
  content: z.union([transferDocumentContentSchema, otherContentSchema]),
});

/** A page of published snapshots, newest first (publishedAt desc, id desc). */
export const publicationListSchema = z.object({
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(PUBLICATIONS_MAX_PAGE_SIZE),
  total: z.number().int().min(0).describe('publications matching the filters, over all pages'),
  pages: z.number().int().min(0),
  versions: z.enum(['latest', 'all']),
  publications: z.array(publicationSchema),
});

/** One published line as the transfers list gives it: an edge of the public chain. */
export const publicTransferSchema = z.object({
  transferId: z.number().int(),
  kind: z.enum(['allocation', 'payment', 'disbursement', 'reversal']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD'),
  docNumber: z.string(),
  programme: z.object({ code: z.string(), name: z.string(), level: z.enum(['central', 'provincial', 'municipal', 'county']) }),
  from: z.object({ code: z.string(), kind: z.string(), name: z.string(), nameEn: z.string() }),
  to: z.object({ code: z.string(), kind: z.string(), name: z.string(), nameEn: z.string() }),
  projectCode: z.string().nullable(),
  amountFen: fenText,
  reversesTransferId: z.number().int().nullable().describe('for a reversal, the transfer it reverses (money back from "from" to "to")'),
  publicationUrl: z.string().describe('the allocation result that publishes this line'),
});

/** A page of published lines, oldest first (date, then transfer id). */
export const transferListSchema = z.object({
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(TRANSFERS_MAX_PAGE_SIZE),
  total: z.number().int().min(0).describe('lines matching the filters, over all pages'),
  pages: z.number().int().min(0),
  transfers: z.array(publicTransferSchema),
});

/* Cursor paging of the long lists (limit/cursor beside page/pageSize): the answer when limit or cursor is given. */
const nextCursor = z.string().nullable().describe('pass as `cursor` for the following page; null on the last page');

/** Published lines after the cursor, oldest first (date, then transfer id). */
export const transferCursorListSchema = z.object({ limit: z.number().int().min(1).max(TRANSFERS_MAX_PAGE_SIZE), next: nextCursor, transfers: z.array(publicTransferSchema) });
export const transferAnswerSchema = z.union([transferListSchema, transferCursorListSchema]).describe('page/pageSize: a numbered page with totals; limit/cursor: the next rows after the cursor');

/** Published snapshots after the cursor, newest first (publishedAt desc, id desc). */
export const publicationCursorListSchema = z.object({ limit: z.number().int().min(1).max(PUBLICATIONS_MAX_PAGE_SIZE), next: nextCursor, versions: z.enum(['latest', 'all']), publications: z.array(publicationSchema) });
export const publicationAnswerSchema = z.union([publicationListSchema, publicationCursorListSchema]).describe('page/pageSize: a numbered page with totals; limit/cursor: the next rows after the cursor');

/** One of the home page's tables (/api/public/overview): exactly the figures the page shows. */
export const overviewTableSchema = z.object({
  table: z.enum(OVERVIEW_TABLES),
  dataAsOf: z.string().nullable().describe('the latest date of the published lines summed; null when none is public'),
  includesDemo: z.boolean().describe('true when demo figures are counted'),
  columns: z.array(z.string()).describe('in order; a column ending in Fen is an amount'),
  rows: z.array(z.record(z.string(), z.string().nullable()).describe('amounts (…Fen) as integer fen in decimal strings')),
});

/** Every public endpoint, described once; the OpenAPI document is generated from this list. */
export const PUBLIC_ENDPOINTS = [
  { path: '/api/public/plan', summary: 'Plan overview (reference data)', schema: planOverviewSchema },
  { path: '/api/public/allocations', summary: 'Published allocation results (factor method), newest first', schema: allocationListSchema },
  {
    path: '/api/public/publications',
    summary: 'Published snapshots with their public content, newest first (publishedAt desc, id desc), paged by page number or by cursor (limit/cursor); the latest version of each publication unless versions=all; format=csv for CSV',
    schema: publicationAnswerSchema,
    parameters: PUBLICATION_QUERY_PARAMETERS,
  },
  {
    path: '/api/public/transfers',
    summary: 'Published lines (allocations, payments, disbursements, reversals): the edges of the public chain of funds, oldest first, paged by page number or by cursor (limit/cursor); format=csv for CSV',
    schema: transferAnswerSchema,
    parameters: TRANSFER_QUERY_PARAMETERS,
  },
  {
    path: '/api/public/overview',
    summary: "The home page's figures, one table at a time: where the money went (by stage, level, county, year, zone, group, type, key area) and the Sankey's links; format=csv for CSV",
    schema: overviewTableSchema,
    parameters: OVERVIEW_QUERY_PARAMETERS,
  },
  {
    path: '/api/public/targets',
    summary: "The plan's nine indicators against their 2025 and 2035 targets: the published value of each year, on track or behind by the stated rule, and the related public projects; format=csv for CSV",
    schema: targetsSchema,
    parameters: TARGETS_QUERY_PARAMETERS,
  },
  // Bulk exports (#15): every row, streamed; the schema is the whole answer, one array.
  {
    path: '/api/public/bulk/transfers',
    summary: 'Every published transfer line, as /api/public/transfers gives them, streamed in one answer (by transfer document, then transfer id); format=csv for CSV',
    schema: z.array(publicTransferSchema).describe('every published line'),
    parameters: BULK_QUERY_PARAMETERS,
  },
  {
    path: '/api/public/bulk/publications',
    summary: 'Every public version of every publication, as /api/public/publications?versions=all gives them, streamed in one answer (by id); format=csv for CSV (content as JSON text)',
    schema: z.array(publicationSchema).describe('every public version of every publication'),
    parameters: BULK_QUERY_PARAMETERS,
  },
  { path: '/api/public/feed/json', summary: 'Change feed of publications (JSON Feed); filters: programme, county, project, since=YYYY-MM-DD', schema: jsonFeedSchema },
  { path: '/api/public/allocations/{batchId}', summary: 'One published allocation: formula, factor values and result (add ?format=csv for CSV)', schema: allocationSchema },
  { path: '/api/health', summary: 'Health: database reachable, migration level, audit chain head', schema: healthSchema },
  ...OC4IDS_ENDPOINTS,
] as const;
