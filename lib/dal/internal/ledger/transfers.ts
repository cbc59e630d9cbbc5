import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { balances, holders, transfers } from '@/db/schema';
import { type TransferKind } from '@/lib/domain/vocabulary';
import { databaseRefusal } from '@/lib/errors/database';

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
    throw databaseRefusal(e) ?? e;
  }
}

export async function balanceOf(tx: Tx, programmeId: number, holderId: number): Promise<bigint> {
  const [row] = await tx
    .select({ balanceFen: balances.balanceFen })
    .from(balances)
    .where(and(eq(balances.programmeId, programmeId), eq(balances.holderId, holderId)));
  return row?.balanceFen ?? 0n;
}
