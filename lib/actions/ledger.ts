'use server';

import { revalidatePath } from 'next/cache';
import { addProgrammeDocument } from '@/lib/dal/programme-documents';
import { createProgramme } from '@/lib/dal/programmes';
import { recordExpenditure, recordTransfer, reverseTransfer } from '@/lib/dal/transfers';
import { expenditureSchema, programmeDocumentSchema, programmeSchema, reversalSchema, transferSchema } from '@/lib/schemas/ledger';
import { fileFrom, parseOrThrow } from './parse';
import { runAuthorized } from './result';

export async function recordTransferAction(input: unknown) {
  return runAuthorized('transfer.record', async (ctx) => {
    const res = await recordTransfer(ctx, parseOrThrow(transferSchema, input));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function reverseTransferAction(input: unknown) {
  return runAuthorized('transfer.record', async (ctx) => {
    const res = await reverseTransfer(ctx, parseOrThrow(reversalSchema, input));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function recordExpenditureAction(formData: FormData) {
  return runAuthorized('transfer.record', async (ctx) => {
    const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string'));
    return recordExpenditure(ctx, parseOrThrow(expenditureSchema, fields), await fileFrom(formData.get('evidence')));
  });
}

export async function createProgrammeAction(formData: FormData) {
  return runAuthorized('programme.write', async (ctx) => {
    const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string'));
    const cmd = parseOrThrow(programmeSchema, fields);
    const res = await createProgramme(ctx, cmd, { rules: await fileFrom(formData.get('rules')), guideline: await fileFrom(formData.get('guideline')) });
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function addProgrammeDocumentAction(formData: FormData) {
  return runAuthorized('programme.write', async (ctx) => {
    const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string'));
    const res = await addProgrammeDocument(ctx, parseOrThrow(programmeDocumentSchema, fields), await fileFrom(formData.get('file')));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}
