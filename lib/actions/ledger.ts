'use server';

import { addProgrammeDocument } from '@/lib/dal/ledger/programme-documents';
import { createProgramme } from '@/lib/dal/ledger/programmes';
import { recordExpenditure, recordTransfer, reverseTransfer } from '@/lib/dal/ledger/transfers';
import { expenditureSchema, programmeDocumentSchema, programmeSchema, reversalSchema, transferSchema } from '@/lib/schemas/ledger';
import { defineAction, type Revalidation } from './define';

const workspace: Revalidation[] = [['/workspace', 'layout']];

export const recordTransferAction = defineAction({ permission: 'transfer.record', input: transferSchema, revalidate: workspace }, (ctx, input) => recordTransfer(ctx, input));

export const reverseTransferAction = defineAction({ permission: 'transfer.record', input: reversalSchema, revalidate: workspace }, (ctx, input) => reverseTransfer(ctx, input));

export const recordExpenditureAction = defineAction({ permission: 'transfer.record', input: expenditureSchema }, async (ctx, input, call) =>
  recordExpenditure(ctx, input, await call.file('evidence')),
);

export const createProgrammeAction = defineAction({ permission: 'programme.write', input: programmeSchema, revalidate: workspace }, async (ctx, input, call) =>
  createProgramme(ctx, input, { rules: await call.file('rules'), guideline: await call.file('guideline') }),
);

export const addProgrammeDocumentAction = defineAction({ permission: 'programme.write', input: programmeDocumentSchema, revalidate: workspace }, async (ctx, input, call) =>
  addProgrammeDocument(ctx, input, await call.file('file')),
);
