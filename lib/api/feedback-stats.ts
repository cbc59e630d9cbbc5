import { z } from 'zod';
import type { FeedbackStatsRowDto } from '@/lib/dal/public/feedback-stats';
import { csvNumber, toCsv } from './csv';
import { parseStrictQuery } from './strict-query';

/* GET /api/public/feedback/stats: how organisations answer citizens, per organisation and month. */

const count = z.number().int().min(0);

export const feedbackStatsSchema = z
  .object({
    asOf: z.string().describe('ISO 8601, UTC: when the answer was computed (overdue is counted at this moment)'),
    rows: z.array(
      z.object({
        month: z.string().regex(/^\d{4}-\d{2}$/).describe('YYYY-MM, China time (UTC+8), when the items were received'),
        organisation: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }).describe('the organisation the items were assigned to'),
        received: count.describe('items received that month and assigned to it'),
        answeredOnTime: count.describe('of these, answered by the deadline'),
        answeredLate: count.describe('of these, answered after the deadline'),
        overdue: count.describe('of these, unanswered and past the deadline now'),
      }),
    ),
  })
  .describe("Citizens' questions, suggestions and reports per organisation and month: received, answered on time or late, overdue now. Items not (yet) assigned to an organisation are not counted");

const year = z
  .string()
  .regex(/^\d{4}$/, 'errors.query.year')
  .transform(Number)
  .pipe(z.number().int().min(2000, 'errors.query.year').max(2100, 'errors.query.year'));

export const feedbackStatsQuerySchema = z.strictObject({ year: year.optional(), format: z.enum(['json', 'csv'], { error: 'errors.query.format' }).optional() });
export const parseFeedbackStatsQuery = (params: URLSearchParams) => parseStrictQuery(feedbackStatsQuerySchema, params, 'errors.query.feedbackStatsUnknown');
export const FEEDBACK_STATS_PARAMETERS = [
  { name: 'year', description: 'Only months of this year (YYYY, China time)', schema: { type: 'integer', minimum: 2000, maximum: 2100 } },
  { name: 'format', description: 'json (default) or csv (UTF-8 with BOM, one line per row)', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
];

export function feedbackStatsJson(rows: FeedbackStatsRowDto[], asOf: Date): z.input<typeof feedbackStatsSchema> {
  return { asOf: asOf.toISOString(), rows };
}

export function feedbackStatsCsv(rows: FeedbackStatsRowDto[]): string {
  return toCsv([
    ['month', 'organisation_code', 'organisation_name', 'organisation_name_en', 'received', 'answered_on_time', 'answered_late', 'overdue'],
    ...rows.map((r) => [r.month, r.organisation.code, r.organisation.name, r.organisation.nameEn, csvNumber(r.received), csvNumber(r.answeredOnTime), csvNumber(r.answeredLate), csvNumber(r.overdue)]),
  ]);
}
