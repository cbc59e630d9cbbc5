import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import type { Actor } from './actor';
import { expenditures, fundProgrammes, holders, transfers } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { ExpenditureCommand, ReversalCommand, TransferCommand } from '@/lib/schemas/ledger';
import { appendAudit } from './audit';
import { nowOf } from './clock';
import { storeDocument, uploadDigest, type UploadedFile } from './documents';
import { assertMaySpendFrom, holderIdFor, parseRef, projectSpendableBy } from './holder-refs';
import { once } from './idempotency';
import { insertTransfer } from './ledger';
import { assertCan } from './scope';
import type { Ctx } from './session';

export interface RecordedDto {
  id: number;
  replayed: boolean;
}

/** Records an allocation, payment or disbursement: one transaction with its audit entry; the database holds the invariants. */
export async function recordTransfer({ db, actor, clock, demo = false }: Ctx, cmd: TransferCommand): Promise<RecordedDto> {
  assertCan(actor, 'transfer.record');
  const now = nowOf({ clock });
  const from = parseRef(cmd.fromRef);
  const to = parseRef(cmd.toRef);
  await assertMaySpendFrom(db, actor, from);
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body }, async () => {
      const [programme] = await tx.select({ id: fundProgrammes.id }).from(fundProgrammes).where(eq(fundProgrammes.id, cmd.programmeId));
      if (!programme) throw new AppError('validation', 'ledger.unknownProgramme', { programmeId: 'ledger.unknownProgramme' });
      const fromHolderId = await holderIdFor(tx, from, 'fromRef', demo);
      const toHolderId = await holderIdFor(tx, to, 'toRef', demo);
      const row = await insertTransfer(tx, {
        programmeId: cmd.programmeId,
        fromHolderId,
        toHolderId,
        amountFen: cmd.amountFen,
        kind: cmd.kind,
        transferDate: cmd.transferDate,
        docNumber: cmd.docNumber,
        note: cmd.note || null,
        isDemo: demo,
        recordedBy: actor.id,
        recordedAt: now,
      });
      await appendAudit(tx, {
        actor,
        action: 'transfer.recorded',
        entityType: 'transfer',
        entityId: row.id,
        after: { programmeId: cmd.programmeId, fromHolderId, toHolderId, amountFen: cmd.amountFen, kind: cmd.kind, transferDate: cmd.transferDate, docNumber: cmd.docNumber },
        at: now,
      });
      return { id: row.id };
    });
    return { id: result.id, replayed };
  });
}

/** Corrects a transfer by a reversing entry that points to it; the original stays visible. */
export async function reverseTransfer({ db, actor, clock, demo = false }: Ctx, cmd: ReversalCommand): Promise<RecordedDto> {
  assertCan(actor, 'transfer.record');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body }, async () => {
      const [original] = await tx
        .select({ id: transfers.id, programmeId: transfers.programmeId, fromHolderId: transfers.fromHolderId, toHolderId: transfers.toHolderId, fromOrg: holders.organisationId })
        .from(transfers)
        .leftJoin(holders, eq(holders.id, transfers.fromHolderId))
        .where(eq(transfers.id, cmd.reversesId));
      if (!original || original.fromHolderId === null) throw new AppError('not_found');
      // Only whoever sent the money may take it back.
      if (original.fromOrg !== actor.organisationId) throw new AppError('forbidden', 'ledger.notYourHolder');
      const row = await insertTransfer(tx, {
        programmeId: original.programmeId,
        fromHolderId: original.toHolderId,
        toHolderId: original.fromHolderId,
        amountFen: cmd.amountFen,
        kind: 'reversal',
        reversesId: original.id,
        transferDate: cmd.transferDate,
        docNumber: cmd.docNumber,
        note: cmd.note,
        isDemo: demo,
        recordedBy: actor.id,
        recordedAt: now,
      });
      await appendAudit(tx, { actor, action: 'transfer.reversed', entityType: 'transfer', entityId: row.id, after: { reversesId: original.id, amountFen: cmd.amountFen, reason: cmd.note }, at: now });
      return { id: row.id };
    });
    return { id: result.id, replayed };
  });
}

/** What a payee spent of a programme's money; never more than the payee received of it. */
export async function recordExpenditure({ db, actor, clock, demo = false }: Ctx, cmd: ExpenditureCommand, evidence?: UploadedFile): Promise<RecordedDto> {
  assertCan(actor, 'transfer.record');
  const now = nowOf({ clock });
  const payee = parseRef(cmd.payeeRef);
  if (payee.kind !== 'payee') throw new AppError('validation', 'form.holder', { payeeRef: 'form.holder' });
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body: { ...body, evidence: uploadDigest(evidence) } }, async () => {
      const payeeHolderId = await holderIdFor(tx, payee, 'payeeRef');
      await assertMayRecordSpending(tx, actor, cmd.programmeId, payeeHolderId);
      await assertNotOverspent(tx, [{ programmeId: cmd.programmeId, payeeHolderId, addFen: cmd.amountFen, line: null }]);
      const [row] = await tx
        .insert(expenditures)
        .values({
          programmeId: cmd.programmeId,
          payeeHolderId,
          amountFen: cmd.amountFen,
          spentOn: cmd.spentOn,
          voucherNo: cmd.voucherNo,
          description: cmd.description,
          evidenceDocumentId: evidence ? (await storeDocument(tx, evidence, actor.id, 'evidence')).id : null,
          isDemo: demo,
          recordedBy: actor.id,
          recordedAt: now,
        })
        .returning({ id: expenditures.id });
      await appendAudit(tx, { actor, action: 'expenditure.recorded', entityType: 'expenditure', entityId: row!.id, after: { programmeId: cmd.programmeId, payeeHolderId, amountFen: cmd.amountFen, voucherNo: cmd.voucherNo }, at: now });
      return { id: row!.id };
    });
    return { id: result.id, replayed };
  });
}

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
