import { z } from 'zod';
import { PUBLICATIONS_MAX_PAGE, queryCode, queryWholeNumber } from './publication-query';
import { parseStrictQuery } from './strict-query';
import { cursorParameters, dayAndIdKey, onePagingOnly, queryCursor, queryLimit } from './cursor';

/** The query string of /api/public/transfers: the published lines (the chain's edges), filtered, paged. */

export const TRANSFERS_DEFAULT_PAGE_SIZE = 100;
export const TRANSFERS_MAX_PAGE_SIZE = 1000;

export const transferQuerySchema = z.strictObject({
  party: queryCode('errors.query.party').optional(),
  programme: queryCode('errors.query.programme').optional(),
  project: queryCode('errors.query.project').optional(),
  county: queryCode('errors.query.county').optional(),
  page: queryWholeNumber('errors.query.page', PUBLICATIONS_MAX_PAGE).optional(),
  pageSize: queryWholeNumber('errors.query.transfersPageSize', TRANSFERS_MAX_PAGE_SIZE).optional(),
  format: z.enum(['json', 'csv'], { error: 'errors.query.format' }).optional(),
  /** Cursor paging (keyset on date, transfer id), beside page numbers. */
  limit: queryLimit(TRANSFERS_MAX_PAGE_SIZE).optional(),
  cursor: queryCursor(dayAndIdKey).optional(),
}).superRefine(onePagingOnly);
export type TransferQueryParams = z.output<typeof transferQuerySchema>;

export const TRANSFER_QUERY_PARAMETERS = [
  { name: 'party', description: 'A sender or recipient: organisation, project or payee code', schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' } },
  { name: 'programme', description: 'Programme code', schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' } },
  { name: 'project', description: 'Lines for a project: into it, out of it, or naming it', schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' } },
  { name: 'county', description: 'Lines whose sender or recipient is in this county', schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' } },
  { name: 'page', description: 'Page number, from 1', schema: { type: 'integer', minimum: 1, maximum: PUBLICATIONS_MAX_PAGE, default: 1 } },
  { name: 'pageSize', description: 'Lines per page', schema: { type: 'integer', minimum: 1, maximum: TRANSFERS_MAX_PAGE_SIZE, default: TRANSFERS_DEFAULT_PAGE_SIZE } },
  { name: 'format', description: 'json (default) or csv (UTF-8 with BOM, the same lines)', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
  ...cursorParameters(TRANSFERS_MAX_PAGE_SIZE, TRANSFERS_DEFAULT_PAGE_SIZE, 'Lines').map((p) => ({ ...p, description: `${p.description}. Either limit/cursor or page/pageSize, not both` })),
];

export function parseTransferQuery(params: URLSearchParams): TransferQueryParams {
  return parseStrictQuery(transferQuerySchema, params, 'errors.query.transfersUnknown');
}
