import { z } from 'zod';
import { clientKey, id, isoDate } from './common';

const text = (max: number, key: string) => z.string().trim().min(2, key).max(max, key);

/**
 * A measured value of one plan indicator for one year. The value's bounds depend on what the
 * indicator measures (lib/domain/plan-indicators.ts), so the data layer checks them against the
 * indicator; here only its shape: digits, at most two decimals.
 */
export const indicatorReportSchema = z.object({
  clientKey,
  indicatorId: id,
  year: z.coerce.number({ error: 'indicators.yearRange' }).int('indicators.yearRange').min(2021, 'indicators.yearRange').max(2035, 'indicators.yearRange'),
  value: z.string().trim().regex(/^-?\d{1,10}(?:\.\d{1,2})?$/, 'indicators.valueFormat'),
  source: text(500, 'indicators.sourceRequired'),
  method: text(1000, 'indicators.methodRequired'),
  measuredOn: isoDate,
  /** Required once the year has an approved value: a correction says why. */
  changeReason: z.string().trim().max(2000).optional().transform((v) => v || null),
});
export type IndicatorReportInput = z.output<typeof indicatorReportSchema>;

export const indicatorDecisionSchema = z.object({ submissionId: id });
export const indicatorReturnSchema = z.object({ submissionId: id, reason: z.string().trim().min(4, 'indicators.returnReasonRequired').max(2000) });
