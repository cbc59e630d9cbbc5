import { z } from 'zod';
import { parseAmount } from '@/lib/domain/money';
import { AMOUNT_ERROR_KEYS, amountUnit, clientKey, docNumber, id, withAmount } from './common';

/** A percentage with up to two decimals, as integer basis points: "12.5" → 1250. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** One cell of factor data: one message per problem, the most specific first. */
export const factorValueText = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === '') ctx.addIssue({ code: 'custom', message: 'formula.error.missing_value' });
    else if (v.startsWith('-')) ctx.addIssue({ code: 'custom', message: 'formula.error.negative_value' });
    else if (!/^\d{1,18}(\.\d{1,6})?$/.test(v)) ctx.addIssue({ code: 'custom', message: 'formula.error.bad_value' });
  });

const factorSchema = z.object({
  code: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,15}$/, 'formula.factorCode'),
  name: z.string().trim().min(2, 'form.required').max(60),
  unit: z.string().trim().min(1, 'form.required').max(20),
  source: z.string().trim().min(2, 'formula.sourceRequired').max(200),
  direction: z.enum(['more_is_more', 'less_is_more']),
  weightPercent: z.string().trim().refine((v) => { const bp = percentToBp(v); return bp !== null && bp > 0 && bp <= 10_000; }, 'formula.error.weight_range'),
  isPerformance: z.boolean().optional().default(false),
});

function optionalAmountFen(text: string, unit: 'yuan' | 'wan'): bigint | null | 'bad' {
  if (text.trim() === '') return null;
  const p = parseAmount(text, unit);
  return p.ok ? p.fen : 'bad';
}

/** A formula version: weights must sum to exactly 100 %, factor codes must differ. */
export const formulaVersionSchema = z
  .object({
    clientKey,
    programmeId: id,
    description: z.string().trim().min(4, 'form.required').max(2000),
    changeReason: z.string().trim().max(1000).optional().default(''),
    unit: amountUnit,
    floor: z.string().max(40).optional().default(''),
    cap: z.string().max(40).optional().default(''),
    setAsidePercent: z.string().trim().optional().default('0').refine((v) => { const bp = percentToBp(v || '0'); return bp !== null && bp < 10_000; }, 'formula.setAside'),
    defaultPerformanceValue: z.string().trim().optional().default('').refine((v) => v === '' || /^\d{1,14}(\.\d{1,6})?$/.test(v), 'formula.error.bad_value'),
    factors: z.array(factorSchema).min(1, 'formula.error.no_factors').max(20),
  })
  .superRefine((v, ctx) => {
    const sum = v.factors.reduce((s, f) => s + (percentToBp(f.weightPercent) ?? 0), 0);
    if (sum !== 10_000) ctx.addIssue({ code: 'custom', path: ['factors'], message: 'formula.error.weights_sum' });
    if (new Set(v.factors.map((f) => f.code)).size !== v.factors.length) ctx.addIssue({ code: 'custom', path: ['factors'], message: 'formula.error.duplicate_factor' });
    for (const k of ['floor', 'cap'] as const) {
      const r = optionalAmountFen(v[k], v.unit);
      if (r === 'bad') ctx.addIssue({ code: 'custom', path: [k], message: AMOUNT_ERROR_KEYS.format });
    }
    if (v.factors.some((f) => f.isPerformance) && v.defaultPerformanceValue === '') ctx.addIssue({ code: 'custom', path: ['defaultPerformanceValue'], message: 'formula.performanceDefault' });
  })
  .transform((v) => ({
    ...v,
    floorFen: optionalAmountFen(v.floor, v.unit) as bigint | null,
    capFen: optionalAmountFen(v.cap, v.unit) as bigint | null,
    setAsideBp: percentToBp(v.setAsidePercent || '0') ?? 0,
    factors: v.factors.map((f) => ({ ...f, weightBp: percentToBp(f.weightPercent)! })),
  }));
export type FormulaVersionInput = z.input<typeof formulaVersionSchema>;
export type FormulaVersionCommand = z.output<typeof formulaVersionSchema>;

/** A recipient as forms name it: a government (org:ID) or a project (project:ID). */
export const recipientRef = z.string().regex(/^(org|project):[1-9]\d{0,9}$/, 'formula.notARecipient');

export const batchSchema = withAmount({
  clientKey,
  programmeId: id,
  formulaVersionId: id,
  recipientKind: z.enum(['government', 'project']).optional().default('government'),
  title: z.string().trim().min(4, 'form.required').max(120),
  docNumber,
});
export type BatchFormInput = z.input<typeof batchSchema>;
export type BatchCommand = z.output<typeof batchSchema>;

export const factorValuesSchema = z
  .object({
    batchId: id,
    expectedRevision: z.coerce.number().int().min(0),
    rows: z
      .array(
        z.object({
          recipient: recipientRef,
          source: z.string().trim().min(2, 'formula.sourceRequired').max(200),
          values: z.record(z.string(), factorValueText),
        }),
      )
      .min(1, 'formula.error.no_recipients')
      .max(5000),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.rows.map((r) => r.recipient)).size !== v.rows.length) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'formula.error.duplicate_recipient' });
  });
export type FactorValuesCommand = z.output<typeof factorValuesSchema>;

export const adjustmentSchema = z.object({
  batchId: id,
  expectedRevision: z.coerce.number().int().min(0),
  recipient: recipientRef,
  unit: amountUnit,
  /** Empty removes the adjustment, back to the formula's amount. */
  amount: z.string().max(40),
  reason: z.string().trim().max(1000).optional().default(''),
});
export type AdjustmentCommand = z.output<typeof adjustmentSchema>;
