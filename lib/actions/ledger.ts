'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { requireCtx } from '@/lib/dal/session';
import { createProgramme } from '@/lib/dal/programmes';
import { recordExpenditure, recordTransfer, reverseTransfer } from '@/lib/dal/transfers';
import { AppError } from '@/lib/errors';
import { expenditureSchema, programmeSchema, reversalSchema, transferSchema } from '@/lib/schemas/ledger';
import { runAction } from './result';

/** Parses with the same schema the form used; field messages are keys translated by runAction. */
function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fieldErrors[field] ??= issue.message.includes('.') ? issue.message : 'errors.validation';
  }
  throw new AppError('validation', 'errors.validation', fieldErrors);
}

const fileFrom = async (v: FormDataEntryValue | null) =>
  v instanceof File && v.size > 0 ? { filename: v.name, bytes: new Uint8Array(await v.arrayBuffer()) } : undefined;

export async function recordTransferAction(input: unknown) {
  return runAction(async () => {
    const ctx = await requireCtx('transfer.record');
    const res = await recordTransfer(ctx, parseOrThrow(transferSchema, input));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function reverseTransferAction(input: unknown) {
  return runAction(async () => {
    const ctx = await requireCtx('transfer.record');
    const res = await reverseTransfer(ctx, parseOrThrow(reversalSchema, input));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function recordExpenditureAction(formData: FormData) {
  return runAction(async () => {
    const ctx = await requireCtx('transfer.record');
    const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string'));
    return recordExpenditure(ctx, parseOrThrow(expenditureSchema, fields), await fileFrom(formData.get('evidence')));
  });
}

export async function createProgrammeAction(formData: FormData) {
  return runAction(async () => {
    const ctx = await requireCtx('programme.write');
    const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string'));
    const cmd = parseOrThrow(programmeSchema, fields);
    const res = await createProgramme(ctx, cmd, { rules: await fileFrom(formData.get('rules')), guideline: await fileFrom(formData.get('guideline')) });
    revalidatePath('/workspace', 'layout');
    return res;
  });
}
