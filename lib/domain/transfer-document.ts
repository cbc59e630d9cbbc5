import { z } from 'zod';
import { HOLDER_KINDS, INDICATOR_CATEGORIES, INDICATOR_SUBCATEGORIES, TRANSFER_KINDS } from './vocabulary';

/**
 * The allocation result of one document (文号) of one sender: every transfer it moved, one line
 * each. This is the published content; amounts are integer fen as decimal strings.
 */
export const transferPartySchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(HOLDER_KINDS),
  /** The county the party sits in; null above or outside a county. */
  countyCode: z.string().nullable(),
});
export type TransferParty = z.infer<typeof transferPartySchema>;

/**
 * 绩效目标随资金同步下达: the performance targets of the approved application a payment funds,
 * published on that payment's line, so they go wherever the line goes (and are withheld with it).
 */
export const fundedApplicationSchema = z.object({
  code: z.string(),
  targets: z.array(
    z.object({
      category: z.enum(INDICATOR_CATEGORIES),
      subcategory: z.enum(INDICATOR_SUBCATEGORIES),
      name: z.string(),
      unit: z.string(),
      targetValue: z.string().regex(/^\d+(\.\d+)?$/),
    }),
  ),
});
export type FundedApplication = z.infer<typeof fundedApplicationSchema>;

export const transferLineSchema = z.object({
  transferId: z.number().int().positive(),
  kind: z.enum(TRANSFER_KINDS.filter((k) => k !== 'appropriation') as ['allocation', 'payment', 'disbursement', 'reversal']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  docNumber: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  programmeLevel: z.enum(['central', 'provincial', 'municipal', 'county']),
  from: transferPartySchema,
  to: transferPartySchema,
  projectCode: z.string().nullable(),
  amountFen: z.string().regex(/^\d+$/),
  reversesTransferId: z.number().int().positive().nullable(),
  fundedApplication: fundedApplicationSchema.optional(),
});
export type TransferLine = z.infer<typeof transferLineSchema>;

export const transferDocumentSchema = z.object({
  docNumber: z.string(),
  sender: transferPartySchema,
  lines: z.array(transferLineSchema),
});
export type TransferDocument = z.infer<typeof transferDocumentSchema>;

export class DuplicateTransferLine extends Error {
  constructor(readonly transferId: number) {
    super(`transfer ${transferId} is listed twice`);
  }
}

/** The content of a document's allocation result; a transfer listed twice is refused (it would be counted twice). */
export function transferDocumentContent(docNumber: string, sender: TransferParty, lines: TransferLine[]): TransferDocument {
  const seen = new Set<number>();
  for (const line of lines) {
    if (seen.has(line.transferId)) throw new DuplicateTransferLine(line.transferId);
    seen.add(line.transferId);
  }
  return { docNumber, sender, lines };
}

/** The sum of a document's lines by kind; a reversal returns money, so it is kept apart rather than netted. */
export function documentTotals(lines: readonly Pick<TransferLine, 'kind' | 'amountFen'>[]): { movedFen: bigint; reversedFen: bigint } {
  let movedFen = 0n;
  let reversedFen = 0n;
  for (const l of lines) {
    if (l.kind === 'reversal') reversedFen += BigInt(l.amountFen);
    else movedFen += BigInt(l.amountFen);
  }
  return { movedFen, reversedFen };
}
