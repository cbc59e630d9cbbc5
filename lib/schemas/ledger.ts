import { z } from 'zod';
import { TRANSFER_KINDS } from '@/lib/domain/vocabulary';
import { clientKey, docNumber, id, isoDate, withAmount } from './common';

/** A holder as a form names it: an organisation, a project or a payee, created on first use. */
export const holderRef = z.string().regex(/^(org|project|payee):[1-9]\d{0,9}$/, 'form.holder');

export const transferSchema = withAmount({
  clientKey,
  programmeId: id,
  fromRef: holderRef,
  toRef: holderRef,
  transferDate: isoDate,
  docNumber,
  kind: z.enum(['allocation', 'payment', 'disbursement']),
  note: z.string().trim().max(500).optional().default(''),
});
export type TransferFormInput = z.input<typeof transferSchema>;
export type TransferCommand = z.output<typeof transferSchema>;

export const reversalSchema = withAmount({
  clientKey,
  reversesId: id,
  transferDate: isoDate,
  docNumber,
  note: z.string().trim().min(2, 'form.reasonRequired').max(500),
});
export type ReversalCommand = z.output<typeof reversalSchema>;

export const expenditureSchema = withAmount({
  clientKey,
  programmeId: id,
  payeeRef: holderRef,
  spentOn: isoDate,
  voucherNo: z.string().trim().min(1, 'form.required').max(60),
  description: z.string().trim().min(2, 'form.required').max(500),
});
export type ExpenditureCommand = z.output<typeof expenditureSchema>;

export const LEVELS_FOR_PROGRAMMES = ['central', 'provincial', 'municipal', 'county'] as const;

export const programmeSchema = withAmount({
  clientKey,
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'form.programmeCode'),
  name: z.string().trim().min(4, 'form.required').max(120),
  fiscalYear: z.coerce.number().int().min(2021, 'form.fiscalYear').max(2035, 'form.fiscalYear'),
  purpose: z.string().trim().min(4, 'form.required').max(2000),
  openedOn: isoDate,
  docNumber,
  matchingLevel: z.enum(['', 'provincial', 'municipal', 'county']).optional().default(''),
  matchingPercent: z.string().trim().regex(/^(\d{1,3}(\.\d{1,2})?)?$/, 'form.percent').optional().default(''),
});
export type ProgrammeCommand = z.output<typeof programmeSchema>;

export const KIND_LABEL_KEYS: Record<(typeof TRANSFER_KINDS)[number], string> = {
  appropriation: 'ledger.kind.appropriation',
  allocation: 'ledger.kind.allocation',
  payment: 'ledger.kind.payment',
  disbursement: 'ledger.kind.disbursement',
  reversal: 'ledger.kind.reversal',
};

export const programmeDocumentSchema = z.object({
  clientKey,
  programmeId: id,
  kind: z.enum(['management_rules', 'application_guideline']),
  docNumber,
  changeReason: z.string().trim().max(500).optional().default(''),
});
export type ProgrammeDocumentCommand = z.output<typeof programmeDocumentSchema>;
