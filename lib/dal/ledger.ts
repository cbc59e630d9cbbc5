import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { balances, holders, transfers, type TransferKind } from '@/db/schema';
import { AppError } from '@/lib/errors';

export type HolderRef = { kind: 'organisation' | 'payee'; organisationId: number } | { kind: 'project'; projectId: number };

/** The holder row for an organisation, project or payee, created on first use. */
export async function holderFor(tx: Tx, ref: HolderRef, isDemo = false): Promise<number> {
  const where =
    ref.kind === 'project'
      ? and(eq(holders.kind, 'project'), eq(holders.projectId, ref.projectId))
      : and(eq(holders.kind, ref.kind), eq(holders.organisationId, ref.organisationId));
  const [found] = await tx.select({ id: holders.id }).from(holders).where(where);
  if (found) return found.id;
  const [row] = await tx
    .insert(holders)
    .values(ref.kind === 'project' ? { kind: 'project', projectId: ref.projectId, isDemo } : { kind: ref.kind, organisationId: ref.organisationId, isDemo })
    .onConflictDoNothing()
    .returning({ id: holders.id });
  if (row) return row.id;
  const [again] = await tx.select({ id: holders.id }).from(holders).where(where);
  return again!.id;
}

export interface TransferInput {
  programmeId: number;
  fromHolderId: number | null;
  toHolderId: number;
  amountFen: bigint;
  kind: TransferKind;
  transferDate: string;
  docNumber?: string | null;
  reversesId?: number | null;
  batchId?: number | null;
  note?: string | null;
  importLine?: number | null;
  isDemo?: boolean;
  recordedBy: number | null;
  /** The command's clock; the database's time when absent. */
  recordedAt?: Date;
}

const LEDGER_ERRORS = [
  'insufficient_balance',
  'flow_not_down_the_tree',
  'payment_must_go_to_project',
  'disbursement_must_go_to_payee',
  'appropriation_to_manager_only',
  'over_programme_total',
  'reversal_mismatch',
  'reversal_exceeds_original',
  'date_before_programme_year',
  'append_only',
  'amount_range',
  'date_in_future',
  'reversal_before_original',
] as const;

/** Turns a refusal by the ledger's triggers or constraints into an AppError the user can read. */
export function ledgerError(e: unknown): AppError | null {
  const text = `${(e as { message?: string })?.message ?? ''} ${(e as { cause?: { message?: string } })?.cause?.message ?? ''}`;
  const match = /ledger:([a-z_]+)/.exec(text);
  if (match && (LEDGER_ERRORS as readonly string[]).includes(match[1]!)) return new AppError('ledger', `ledger.${match[1]}`);
  if (/transfers_amount_range|balances_non_negative/.test(text)) return new AppError('ledger', 'ledger.amount_range');
  if (/transfers_import_line_key/.test(text)) return new AppError('conflict', 'ledger.duplicate_line');
  return dbError(e);
}

/** Database refusals that are the caller's doing: a unique key taken, a deadlock or serialisation retry, text the database cannot store. */
export function dbError(e: unknown): AppError | null {
  const code = (e as { code?: string })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  if (code === '23505') return new AppError('conflict');
  if (code === '40P01' || code === '40001') return new AppError('stale');
  // Unstorable text, a value out of range, a bad date, a reference to nothing: all the caller's input.
  if (code === '22P05' || code === '22021' || code === '54000' || code === '22003' || code === '22008' || code === '22007' || code === '23503') return new AppError('validation');
  return null;
}

/**
 * Inserts one transfer; the database refuses anything that breaks the ledger's invariants.
 * Runs inside a savepoint so a refusal leaves the caller's transaction usable.
 */
export async function insertTransfer(tx: Tx, input: TransferInput): Promise<{ id: number }> {
  try {
    return await tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(transfers)
        .values({
          programmeId: input.programmeId,
          fromHolderId: input.fromHolderId,
          toHolderId: input.toHolderId,
          amountFen: input.amountFen,
          kind: input.kind,
          transferDate: input.transferDate,
          docNumber: input.docNumber ?? null,
          reversesId: input.reversesId ?? null,
          batchId: input.batchId ?? null,
          note: input.note ?? null,
          importLine: input.importLine ?? null,
          isDemo: input.isDemo ?? false,
          recordedBy: input.recordedBy,
          recordedAt: input.recordedAt,
        })
        .returning({ id: transfers.id });
      return row!;
    });
  } catch (e) {
    throw ledgerError(e) ?? e;
  }
}

export async function balanceOf(tx: Tx, programmeId: number, holderId: number): Promise<bigint> {
  const [row] = await tx
    .select({ balanceFen: balances.balanceFen })
    .from(balances)
    .where(and(eq(balances.programmeId, programmeId), eq(balances.holderId, holderId)));
  return row?.balanceFen ?? 0n;
}
