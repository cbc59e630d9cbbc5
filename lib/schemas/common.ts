import { z } from 'zod';
import { parseAmount } from '@/lib/domain/money';
import { isDocNumber, normaliseDocNumber } from '@/lib/domain/doc-number';

/** Message keys (translated where shown); the same schema runs in the browser form and the server action. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'form.dateFormat')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'form.dateFormat');

export const docNumber = z
  .string()
  .transform(normaliseDocNumber)
  .refine(isDocNumber, 'form.docNumber');

export const clientKey = z.string().uuid('form.clientKey');

export const amountUnit = z.enum(['yuan', 'wan']);

export const AMOUNT_ERROR_KEYS = {
  empty: 'form.amountRequired',
  format: 'form.amountFormat',
  fraction: 'form.amountFraction',
  not_positive: 'form.amountPositive',
  too_large: 'form.amountTooLarge',
} as const;

/**
 * Adds `amountFen` (bigint) from `amount` text in `unit`. The amount is checked even when other
 * fields are wrong, so the form shows every problem at once.
 */
export function withAmount<T extends z.ZodRawShape>(shape: T) {
  const base = z.object({ ...shape, amount: z.string().max(40), unit: amountUnit });
  type Out = z.output<typeof base> & { amountFen: bigint };
  const amountOf = (v: unknown) => {
    const { amount, unit } = v as { amount: string; unit?: 'yuan' | 'wan' };
    return parseAmount(amount, unit === 'wan' ? 'wan' : 'yuan');
  };
  return base
    .superRefine(
      (v, ctx) => {
        const parsed = amountOf(v);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: AMOUNT_ERROR_KEYS[parsed.error] });
      },
      { when: (payload) => typeof (payload.value as { amount?: unknown } | undefined)?.amount === 'string' },
    )
    .transform((v): Out => {
      const parsed = amountOf(v);
      return { ...(v as object), amountFen: parsed.ok ? parsed.fen : 0n } as Out;
    });
}

/** The largest id the database's integer keys hold. */
export const MAX_ID = 2_147_483_647;
export const id = z.coerce.number().int().positive().max(MAX_ID);
/** A path or query parameter as a row id, or null when it cannot be one. */
export const idParam = (raw: string | undefined | null): number | null => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null;
};
