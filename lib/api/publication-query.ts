import { z } from 'zod';
import { PUBLICATION_KINDS } from '@/lib/domain/vocabulary';
import { parseStrictQuery } from './strict-query';
import { cursorParameters, instantAndIdKey, onePagingOnly, queryCursor, queryLimit } from './cursor';

/*
 * The query string of /api/public/publications. Unlike the feeds (which ignore a malformed filter),
 * this endpoint refuses one: 400 with a message per parameter in the reader's language, so a
 * mistyped filter never silently lists everything.
 */

export const PUBLICATIONS_DEFAULT_PAGE_SIZE = 50;
export const PUBLICATIONS_MAX_PAGE_SIZE = 200;
export const PUBLICATIONS_MAX_PAGE = 1_000_000;

/** A programme, organisation or project code as the public content carries it. */
export const PUBLIC_CODE = /^[A-Za-z0-9-]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day from 2000 on ("2026-02-30" is not one). */
export function isCalendarDay(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= '2000-01-01';
}

export const queryCode = (key: string) => z.string().regex(PUBLIC_CODE, key);
export const queryWholeNumber = (key: string, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,7}$/, key)
    .transform(Number)
    .pipe(z.number().int().min(1, key).max(max, key));

export const publicationQuerySchema = z.strictObject({
  kind: z.enum(PUBLICATION_KINDS, { error: 'errors.query.kind' }).optional(),
  programme: queryCode('errors.query.programme').optional(),
  county: queryCode('errors.query.county').optional(),
  project: queryCode('errors.query.project').optional(),
  since: z.string().refine(isCalendarDay, 'errors.query.since').optional(),
  page: queryWholeNumber('errors.query.page', PUBLICATIONS_MAX_PAGE).optional(),
  pageSize: queryWholeNumber('errors.query.pageSize', PUBLICATIONS_MAX_PAGE_SIZE).optional(),
  versions: z.enum(['latest', 'all'], { error: 'errors.query.versions' }).optional(),
  /** Cursor paging (keyset on publishedAt, id, newest first), beside page numbers. */
  limit: queryLimit(PUBLICATIONS_MAX_PAGE_SIZE).optional(),
  cursor: queryCursor(instantAndIdKey).optional(),
  format: z.enum(['json', 'csv'], { error: 'errors.query.format' }).optional(),
}).superRefine(onePagingOnly);
export type PublicationQueryParams = z.output<typeof publicationQuerySchema>;

/** The parameters for the OpenAPI document, described once beside the schema that reads them. */
export const PUBLICATION_QUERY_PARAMETERS = [
  { name: 'kind', description: 'Publication kind', schema: { type: 'string', enum: [...PUBLICATION_KINDS] } },
  { name: 'programme', description: "Programme code: a catalogue entry, the programme's documents, its batches' formula and result, transfer-document lines of the programme", schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'county', description: "A county's organisation code: publications issued by it or below it, batch results with it as a recipient, transfer-document lines from or to it", schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'project', description: "Project code: the project's own publications, batch results with it as a recipient, transfer-document lines of the project", schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'since', description: 'Published on or after this day (YYYY-MM-DD, China time, UTC+8)', schema: { type: 'string', format: 'date' } },
  { name: 'page', description: 'Page number, from 1', schema: { type: 'integer', minimum: 1, maximum: PUBLICATIONS_MAX_PAGE, default: 1 } },
  { name: 'pageSize', description: 'Publications per page', schema: { type: 'integer', minimum: 1, maximum: PUBLICATIONS_MAX_PAGE_SIZE, default: PUBLICATIONS_DEFAULT_PAGE_SIZE } },
  { name: 'versions', description: 'latest: the newest public version of each publication series; all: every public version', schema: { type: 'string', enum: ['latest', 'all'], default: 'latest' } },
  ...cursorParameters(PUBLICATIONS_MAX_PAGE_SIZE, PUBLICATIONS_DEFAULT_PAGE_SIZE, 'Publications').map((p) => ({ ...p, description: `${p.description}. Either limit/cursor or page/pageSize, not both` })),
  { name: 'format', description: 'json (default) or csv (UTF-8 with BOM: one line per publication, its metadata; the content stays in JSON)', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
];

/**
 * Reads the query string; empty values count as absent. Anything unreadable (an unknown or
 * repeated parameter, a value out of range) is a `bad_request` naming each parameter, with the
 * first problem as the message.
 */
export function parsePublicationQuery(params: URLSearchParams): PublicationQueryParams {
  return parseStrictQuery(publicationQuerySchema, params);
}
