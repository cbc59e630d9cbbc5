'use server';

import { z } from 'zod';
import { adjustResult, createBatch, createFormulaVersion, setFactorValues } from '@/lib/dal/formulas/batches';
import { factorValuesFromSheet } from '@/lib/dal/formulas/sheet';
import { parseInput } from '@/lib/errors/validation';
import { adjustmentSchema, batchSchema, factorValuesSchema, formulaVersionSchema } from '@/lib/schemas/formulas';
import { defineAction, type Revalidation } from './define';

const workspace: Revalidation[] = [['/workspace', 'layout']];

/** The sheet upload's text fields; its rows are then checked by the grid's own schema. */
const sheetUploadSchema = z.object({ batchId: z.coerce.number().int().positive(), expectedRevision: z.coerce.number().int().min(0) });

export const createFormulaVersionAction = defineAction({ permission: 'formula.write', input: formulaVersionSchema }, (ctx, input) => createFormulaVersion(ctx, input));

export const createBatchAction = defineAction({ permission: 'formula.write', input: batchSchema, revalidate: workspace }, (ctx, input) => createBatch(ctx, input));

export const setFactorValuesAction = defineAction({ permission: 'formula.write', input: factorValuesSchema, revalidate: workspace }, (ctx, input) => setFactorValues(ctx, input));

/** A spreadsheet of factor values: read, checked cell by cell, then saved like the form. */
export const importFactorValuesAction = defineAction({ permission: 'formula.write', input: sheetUploadSchema, revalidate: workspace }, async (ctx, input, call) => {
  const rows = await factorValuesFromSheet(ctx, input.batchId, await call.file('sheet'));
  return setFactorValues(ctx, parseInput(factorValuesSchema, { ...input, rows }));
});

export const adjustResultAction = defineAction({ permission: 'formula.write', input: adjustmentSchema, revalidate: workspace }, (ctx, input) => adjustResult(ctx, input));
