'use server';

import { revalidatePath } from 'next/cache';
import { adjustResult, createBatch, createFormulaVersion, setFactorValues } from '@/lib/dal/formulas/batches';
import { factorValuesFromSheet } from '@/lib/dal/formulas/sheet';
import { adjustmentSchema, batchSchema, factorValuesSchema, formulaVersionSchema } from '@/lib/schemas/formulas';
import { fieldsOf, fileFrom, parseOrThrow } from './parse';
import { runAuthorized } from './result';

export async function createFormulaVersionAction(input: unknown) {
  return runAuthorized('formula.write', async (ctx) => {
    return createFormulaVersion(ctx, parseOrThrow(formulaVersionSchema, input));
  });
}

export async function createBatchAction(input: unknown) {
  return runAuthorized('formula.write', async (ctx) => {
    const res = await createBatch(ctx, parseOrThrow(batchSchema, input));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function setFactorValuesAction(input: unknown) {
  return runAuthorized('formula.write', async (ctx) => {
    const res = await setFactorValues(ctx, parseOrThrow(factorValuesSchema, input));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

/** A spreadsheet of factor values: read, checked cell by cell, then saved like the form. */
export async function importFactorValuesAction(formData: FormData) {
  return runAuthorized('formula.write', async (ctx) => {
    const fields = fieldsOf(formData);
    const file = await fileFrom(formData.get('sheet'));
    const rows = await factorValuesFromSheet(ctx, Number(fields.batchId), file);
    const res = await setFactorValues(ctx, parseOrThrow(factorValuesSchema, { batchId: fields.batchId, expectedRevision: fields.expectedRevision, rows }));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function adjustResultAction(input: unknown) {
  return runAuthorized('formula.write', async (ctx) => {
    const res = await adjustResult(ctx, parseOrThrow(adjustmentSchema, input));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}
