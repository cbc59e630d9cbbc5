import { z } from 'zod';
import type { BulkFormat } from './bulk-stream';
import { parseStrictQuery } from './strict-query';

/** The query string of the bulk exports (/api/public/bulk/*): the format alone. */

const bulkQuerySchema = z.strictObject({ format: z.enum(['json', 'csv'], { error: 'errors.query.format' }).optional() });

export const BULK_QUERY_PARAMETERS = [
  {
    name: 'format',
    description:
      'json (default: one JSON array, streamed, one element per line) or csv (UTF-8 with BOM). A failure after the answer began ends it with an error marker: in JSON a last element {"error":{"code","message"}} and no closing bracket; in CSV a last line #error,<code>,<message>',
    schema: { type: 'string', enum: ['json', 'csv'], default: 'json' },
  },
];

export function parseBulkQuery(params: URLSearchParams): BulkFormat {
  // The same accepted set as /api/public/targets (format alone), so the same message.
  return parseStrictQuery(bulkQuerySchema, params, 'errors.query.targetsUnknown').format ?? 'json';
}
