import { z } from 'zod';
import { INDICATOR_CATEGORIES, INDICATOR_DIRECTIONS, INDICATOR_SUBCATEGORIES, SCORING_RULES } from '@/lib/domain/vocabulary';
import { FULL_WEIGHT_BP, weightBpOf } from '@/lib/domain/evaluation';
import { id } from './common';

/** An indicator value: up to 16 digits and four decimals, never negative (numeric(20,4)). */
export const indicatorValue = z.string().trim().regex(/^\d{1,16}(\.\d{1,4})?$/, 'evaluation.valueFormat');
const optionalValue = z.union([z.literal(''), indicatorValue]).optional().default('');
/** A weight in percent with up to two decimals, above 0 and at most 100. */
const weight = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'evaluation.weightFormat')
  .refine((w) => weightBpOf(w) > 0 && weightBpOf(w) <= FULL_WEIGHT_BP, 'evaluation.weightFormat');

/** The evaluation one accepted application's works get; its indicators start from the targets committed at application. */
export const openEvaluationSchema = z.object({ applicationId: id });

export const selfIndicatorSchema = z.object({
  /** An indicator already saved, or empty for a new one. */
  id: z.union([z.literal(''), id]).optional().default(''),
  category: z.enum(INDICATOR_CATEGORIES),
  subcategory: z.enum(INDICATOR_SUBCATEGORIES),
  name: z.string().trim().min(2, 'form.required').max(120),
  unit: z.string().trim().min(1, 'form.required').max(20),
  weight,
  direction: z.enum(INDICATOR_DIRECTIONS),
  rule: z.enum(SCORING_RULES),
  target: indicatorValue,
  /** The unit's reported actual value; may stay empty while a draft is saved. */
  selfValue: optionalValue,
  evidenceRequired: z.boolean().optional().default(true),
  source: z.string().trim().max(200).optional().default(''),
  note: z.string().trim().max(500).optional().default(''),
});
export type SelfIndicatorInput = z.output<typeof selfIndicatorSchema>;

/**
 * 项目单位自评: the indicator set with its actual values. Weights must sum to exactly 100; the
 * message sits on the first weight so the form shows it where it is fixed.
 */
export const selfEvaluationSchema = z
  .object({
    evaluationId: id,
    expectedRevision: z.coerce.number().int().min(0),
    intent: z.enum(['save', 'submit']),
    summary: z.string().trim().max(4000).optional().default(''),
    indicators: z.array(selfIndicatorSchema).min(1, 'evaluation.indicatorsRequired').max(40),
  })
  .superRefine((v, ctx) => {
    const sum = v.indicators.reduce((s, i) => s + (/^\d{1,3}(\.\d{1,2})?$/.test(i.weight) ? weightBpOf(i.weight) : 0), 0);
    if (sum !== FULL_WEIGHT_BP) ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'evaluation.weightsSum' });
    if (v.intent !== 'submit') return;
    if (v.summary.length < 10) ctx.addIssue({ code: 'custom', path: ['summary'], message: 'evaluation.summaryRequired' });
    v.indicators.forEach((i, n) => {
      if (i.selfValue === '') ctx.addIssue({ code: 'custom', path: ['indicators', n, 'selfValue'], message: 'evaluation.actualRequired' });
      if (i.category === 'satisfaction' && i.source.length < 2) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'source'], message: 'evaluation.sourceRequired' });
    });
  });
export type SelfEvaluationInput = z.output<typeof selfEvaluationSchema>;

/** 复核: the values the evaluator accepts, the findings and the corrections required. */
export const reviewSchema = z
  .object({
    evaluationId: id,
    expectedRevision: z.coerce.number().int().min(0),
    intent: z.enum(['save', 'complete']),
    actuals: z.array(z.object({ indicatorId: id, actual: optionalValue })).min(1).max(40),
    findings: z.string().trim().max(4000).optional().default(''),
    corrections: z.string().trim().max(4000).optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.intent !== 'complete') return;
    if (v.findings.length < 10) ctx.addIssue({ code: 'custom', path: ['findings'], message: 'evaluation.findingsRequired' });
    v.actuals.forEach((a, n) => {
      if (a.actual === '') ctx.addIssue({ code: 'custom', path: ['actuals', n, 'actual'], message: 'evaluation.actualRequired' });
    });
  });
export type ReviewInput = z.output<typeof reviewSchema>;

/** Sending an evaluation back a step: always with its reason. */
export const returnEvaluationSchema = z.object({
  evaluationId: id,
  expectedRevision: z.coerce.number().int().min(0),
  reason: z.string().trim().min(4, 'workflow.reasonRequired').max(1000),
});

export const approveEvaluationSchema = z.object({
  evaluationId: id,
  expectedRevision: z.coerce.number().int().min(0),
  reason: z.string().trim().max(1000).optional().default(''),
});

/** 绩效结果运用: what a 差 grade does to the recipient's next allocation. */
export const poorGradeRuleSchema = z
  .object({
    mode: z.enum(['none', 'reduce', 'stop']),
    percent: z.string().trim().optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== 'reduce') return;
    const ok = /^\d{1,3}(\.\d{1,2})?$/.test(v.percent) && weightBpOf(v.percent) > 0 && weightBpOf(v.percent) <= FULL_WEIGHT_BP;
    if (!ok) ctx.addIssue({ code: 'custom', path: ['percent'], message: 'evaluation.rulePercent' });
  });
