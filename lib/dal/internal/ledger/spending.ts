import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { holders } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Actor } from '../../auth/actor';
import { projectSpendableBy } from './holder-refs';

/** The payer records the spending: the actor must be allowed to spend from a project that paid this payee. */
export async function assertMayRecordSpending(tx: Tx, actor: Actor, programmeId: number, payeeHolderId: number, line?: number): Promise<void> {
  // The projects that paid this payee of this programme, and whether the actor may spend from one of them: one query.
  const [payers] = rowsOf<{ paid: boolean; allowed: boolean | null }>(
    await tx.execute(sql`select count(*) > 0 as paid, bool_or(${projectSpendableBy(actor, sql`h.project_id`)}) as allowed
      from transfers t join holders h on h.id = t.from_holder_id
      where t.programme_id = ${programmeId} and t.to_holder_id = ${payeeHolderId} and t.kind = 'disbursement'`),
  );
  const field = line ? `line ${line}` : 'payeeRef';
  if (!payers?.paid) throw new AppError('validation', 'ledger.payeeNotPaid', { [field]: 'ledger.payeeNotPaid' });
  if (!payers.allowed) throw new AppError('forbidden', 'ledger.notYourHolder');
}

/**
 * Spending may never exceed what the payee received of the programme. Payee rows are locked in
 * id order first, so concurrent recorders (form or import) are serialised without deadlock.
 */
export async function assertNotOverspent(tx: Tx, items: { programmeId: number; payeeHolderId: number; addFen: bigint; line: number | null }[]): Promise<void> {
  const ids = [...new Set(items.map((i) => i.payeeHolderId))].sort((a, b) => a - b);
  if (ids.length) await tx.select({ id: holders.id }).from(holders).where(inArray(holders.id, ids)).orderBy(holders.id).for('update');
  for (const item of items) {
    const [t] = rowsOf<{ received: string; spent: string }>(
      await tx.execute(sql`select
         coalesce((select sum(amount_fen) from transfers where programme_id = ${item.programmeId} and to_holder_id = ${item.payeeHolderId} and kind = 'disbursement'), 0)
       - coalesce((select sum(amount_fen) from transfers where programme_id = ${item.programmeId} and from_holder_id = ${item.payeeHolderId} and kind = 'reversal'), 0) as received,
         coalesce((select sum(amount_fen) from expenditures where programme_id = ${item.programmeId} and payee_holder_id = ${item.payeeHolderId}), 0) as spent`),
    );
    if (BigInt(t!.spent) + item.addFen > BigInt(t!.received)) {
      throw new AppError('validation', 'ledger.overspent', { [item.line ? `line ${item.line}` : 'amount']: 'ledger.overspent' });
    }
  }
}
