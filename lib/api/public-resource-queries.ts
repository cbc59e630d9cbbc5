import { z } from 'zod';
import { EVALUATION_GRADES, FUND_LEVELS, PROJECT_TYPES } from '@/lib/domain/vocabulary';
import { codeKey, codeYearIdKey, cursorParameters, queryCursor, queryLimit } from './cursor';
import { PUBLIC_CODE, queryCode } from './publication-query';
import { parseStrictQuery } from './strict-query';

/*
 * The query strings of the public API's resources: strict (an unknown, repeated or unreadable
 * parameter is a 400 naming it, in the reader's language), described once here for the OpenAPI
 * document beside the schema that reads them.
 */

export const PROJECTS_DEFAULT_LIMIT = 100;
export const PROJECTS_MAX_LIMIT = 500;
export const EVALUATIONS_DEFAULT_LIMIT = 50;
export const EVALUATIONS_MAX_LIMIT = 200;

const format = z.enum(['json', 'csv'], { error: 'errors.query.format' }).optional();
const year = z
  .string()
  .regex(/^\d{4}$/, 'errors.query.year')
  .transform(Number)
  .pipe(z.number().int().min(2000, 'errors.query.year').max(2100, 'errors.query.year'));

/** A path segment holding a code: anything else is a page that does not exist (404). */
export const codeParams = z.object({ code: z.string().regex(PUBLIC_CODE) });

const formatParameter = { name: 'format', description: 'json (default) or csv (UTF-8 with BOM, one line per row; amounts as bare integer fen)', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } };

/* A detail answer takes no parameter: one given is a mistake worth naming. */
export const noQuerySchema = z.strictObject({});
export const parseNoQuery = (params: URLSearchParams) => parseStrictQuery(noQuerySchema, params, 'errors.query.noneAccepted');

export const formatOnlySchema = z.strictObject({ format });
export const parseFormatOnly = (params: URLSearchParams) => parseStrictQuery(formatOnlySchema, params, 'errors.query.formatOnlyUnknown');
export const FORMAT_ONLY_PARAMETERS = [formatParameter];

export const programmeQuerySchema = z.strictObject({ year: year.optional(), level: z.enum(FUND_LEVELS, { error: 'errors.query.level' }).optional(), format });
export const parseProgrammeQuery = (params: URLSearchParams) => parseStrictQuery(programmeQuerySchema, params, 'errors.query.programmesUnknown');
export const PROGRAMME_QUERY_PARAMETERS = [
  { name: 'year', description: 'Fiscal year of the catalogue (YYYY)', schema: { type: 'integer', minimum: 2000, maximum: 2100 } },
  { name: 'level', description: 'Fund level', schema: { type: 'string', enum: [...FUND_LEVELS] } },
  formatParameter,
];

/** The filters of the /projects page, with cursor paging in place of page numbers. */
export const projectQuerySchema = z.strictObject({
  q: z.string().max(60, 'errors.query.q').optional(),
  zone: queryCode('errors.query.zone').optional(),
  keyArea: queryCode('errors.query.keyArea').optional(),
  group: queryCode('errors.query.group').optional(),
  type: z.enum(PROJECT_TYPES, { error: 'errors.query.type' }).optional(),
  county: queryCode('errors.query.county').optional(),
  year: year.optional(),
  level: z.enum(FUND_LEVELS, { error: 'errors.query.level' }).optional(),
  stage: z.string().regex(/^[a-z_]{1,40}$/, 'errors.query.stage').optional(),
  limit: queryLimit(PROJECTS_MAX_LIMIT).optional(),
  cursor: queryCursor(codeKey).optional(),
  format,
});
export const parseProjectQuery = (params: URLSearchParams) => parseStrictQuery(projectQuerySchema, params, 'errors.query.projectsUnknown');
export const PROJECT_QUERY_PARAMETERS = [
  { name: 'q', description: 'Search: parts of the code, name, town, implementing unit, county, document number or payee name (at most 60 characters)', schema: { type: 'string', maxLength: 60 } },
  { name: 'zone', description: 'Plan zone code (see /api/public/plan)', schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'keyArea', description: 'Plan key area code (see /api/public/plan)', schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'group', description: 'Plan engineering group code (see /api/public/plan)', schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'type', description: 'Project type', schema: { type: 'string', enum: [...PROJECT_TYPES] } },
  { name: 'county', description: 'County organisation code (see /api/public/counties)', schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'year', description: 'Money reached the project in this year (YYYY)', schema: { type: 'integer', minimum: 2000, maximum: 2100 } },
  { name: 'level', description: 'Money of this fund level reached the project', schema: { type: 'string', enum: [...FUND_LEVELS] } },
  { name: 'stage', description: 'Latest public stage code', schema: { type: 'string', pattern: '^[a-z_]{1,40}$' } },
  ...cursorParameters(PROJECTS_MAX_LIMIT, PROJECTS_DEFAULT_LIMIT, 'Projects'),
  formatParameter,
];

export const evaluationQuerySchema = z.strictObject({
  project: queryCode('errors.query.project').optional(),
  programme: queryCode('errors.query.programme').optional(),
  county: queryCode('errors.query.county').optional(),
  year: year.optional(),
  grade: z.enum(EVALUATION_GRADES, { error: 'errors.query.grade' }).optional(),
  limit: queryLimit(EVALUATIONS_MAX_LIMIT).optional(),
  cursor: queryCursor(codeYearIdKey).optional(),
  format,
});
export const parseEvaluationQuery = (params: URLSearchParams) => parseStrictQuery(evaluationQuerySchema, params, 'errors.query.evaluationsUnknown');
export const EVALUATION_QUERY_PARAMETERS = [
  { name: 'project', description: 'Project code', schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'programme', description: 'Programme code: results of projects it funded', schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'county', description: 'County organisation code: results of projects in it', schema: { type: 'string', pattern: PUBLIC_CODE.source } },
  { name: 'year', description: 'The year evaluated (YYYY)', schema: { type: 'integer', minimum: 2000, maximum: 2100 } },
  { name: 'grade', description: 'Grade', schema: { type: 'string', enum: [...EVALUATION_GRADES] } },
  ...cursorParameters(EVALUATIONS_MAX_LIMIT, EVALUATIONS_DEFAULT_LIMIT, 'Results'),
  formatParameter,
];

