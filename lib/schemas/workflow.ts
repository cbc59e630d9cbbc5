import { z } from 'zod';
import { INDICATOR_CATEGORIES, INDICATOR_SUBCATEGORIES, PROJECT_TYPES } from '@/lib/domain/vocabulary';
import { parseAmount, type AmountUnit } from '@/lib/domain/money';
import { AMOUNT_ERROR_KEYS, amountUnit, clientKey, docNumber, id, isoDate } from './common';

/** An amount that may be zero or left empty (a funding source not asked for). */
function optionalFen(text: string, unit: AmountUnit): { ok: true; fen: bigint } | { ok: false; key: string } {
  const t = text.trim();
  if (t === '' || /^0+(\.0+)?$/.test(t)) return { ok: true, fen: 0n };
  const parsed = parseAmount(t, unit);
  return parsed.ok ? parsed : { ok: false, key: AMOUNT_ERROR_KEYS[parsed.error] };
}

const SOURCES = ['central', 'provincial', 'municipal', 'own'] as const;
export type FundingSource = (typeof SOURCES)[number];
/** The sources that arrive through the ledger; own funds stay with the unit. */
export const LEDGER_SOURCES = ['central', 'provincial', 'municipal'] as const;

export const targetSchema = z.object({
  category: z.enum(INDICATOR_CATEGORIES),
  subcategory: z.enum(INDICATOR_SUBCATEGORIES),
  name: z.string().trim().min(2, 'form.required').max(120),
  unit: z.string().trim().min(1, 'form.required').max(20),
  targetValue: z.string().trim().regex(/^\d{1,16}(\.\d{1,4})?$/, 'workflow.targetValue'),
});
export type TargetInput = z.output<typeof targetSchema>;

const applicationFields = z.object({
  clientKey,
  /** An existing project of the applicant, or empty for a new project named below. */
  projectId: z.union([z.literal(''), id]).optional().default(''),
  newProjectName: z.string().trim().max(120).optional().default(''),
  projectType: z.union([z.literal(''), z.enum(PROJECT_TYPES)]).optional().default(''),
  fiscalYear: z.coerce.number().int().min(2021, 'form.fiscalYear').max(2035, 'form.fiscalYear'),
  countyId: id,
  town: z.string().trim().max(40).optional().default(''),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  description: z.string().trim().min(10, 'workflow.descriptionShort').max(4000),
  unit: amountUnit,
  central: z.string().max(40).optional().default(''),
  provincial: z.string().max(40).optional().default(''),
  municipal: z.string().max(40).optional().default(''),
  own: z.string().max(40).optional().default(''),
  targets: z.array(targetSchema).min(1, 'workflow.targetsRequired').max(30),
});

/** The same schema checks the unit's form in the browser and the server action. */
export const applicationSchema = applicationFields
  .superRefine((v, ctx) => {
    let ledgerTotal = 0n;
    for (const s of SOURCES) {
      const r = optionalFen(v[s], v.unit);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: [s], message: r.key });
      else if (s !== 'own') ledgerTotal += r.fen;
    }
    if (ledgerTotal === 0n && SOURCES.every((s) => optionalFen(v[s], v.unit).ok)) ctx.addIssue({ code: 'custom', path: ['central'], message: 'workflow.amountRequired' });
    if (v.projectId === '' && v.newProjectName.length < 4) ctx.addIssue({ code: 'custom', path: ['newProjectName'], message: 'workflow.projectRequired' });
    if (v.projectId === '' && v.projectType === '') ctx.addIssue({ code: 'custom', path: ['projectType'], message: 'form.required' });
    if (v.plannedEnd < v.plannedStart) ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'workflow.scheduleOrder' });
  })
  .transform((v) => {
    const fen = (s: FundingSource) => {
      const r = optionalFen(v[s], v.unit);
      return r.ok ? r.fen : 0n;
    };
    return { ...v, requested: { central: fen('central'), provincial: fen('provincial'), municipal: fen('municipal'), own: fen('own') } };
  });
export type ApplicationFormInput = z.input<typeof applicationSchema>;
export type ApplicationCommand = z.output<typeof applicationSchema>;

export const applicationUpdateSchema = z.object({ applicationId: id, expectedRevision: z.coerce.number().int().min(0) });

export const transitionSchema = z.object({
  itemId: id,
  action: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'workflow.notAllowedHere'),
  expectedRevision: z.coerce.number().int().min(0),
  reason: z.string().trim().max(1000, 'workflow.reasonTooLong').optional().default(''),
  /** Funding a project: the programme paying each ledger source, with the payment's 文号 and date. */
  fund: z
    .object({
      central: z.union([z.literal(''), id]).optional().default(''),
      provincial: z.union([z.literal(''), id]).optional().default(''),
      municipal: z.union([z.literal(''), id]).optional().default(''),
      docNumber,
      transferDate: isoDate,
    })
    .optional(),
});
export type TransitionInput = z.output<typeof transitionSchema>;
