import 'server-only';
import { eq } from 'drizzle-orm';
import { expenditures, fundProgrammes, holders, transfers } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { ExpenditureCommand, ReversalCommand, TransferCommand } from '@/lib/schemas/ledger';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { storeDocument, uploadDigest, type UploadedFile } from '../internal/documents';
import { assertMaySpendFrom, holderIdFor, parseRef } from '../internal/ledger/holder-refs';
import { once } from '../internal/idempotency';
import { discloseTransfers } from '../internal/disclosure/transfers';
import { insertTransfer } from '../internal/ledger/transfers';
import { assertMayRecordSpending, assertNotOverspent } from '../internal/ledger/spending';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

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
      const { publicationIds } = await discloseTransfers(tx, [row.id], { now });
      await appendAudit(tx, {
        actor,
        action: 'transfer.recorded',
        entityType: 'transfer',
        entityId: row.id,
        after: { programmeId: cmd.programmeId, fromHolderId, toHolderId, amountFen: cmd.amountFen, kind: cmd.kind, transferDate: cmd.transferDate, docNumber: cmd.docNumber, publicationIds },
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
      const { publicationIds } = await discloseTransfers(tx, [row.id], { now });
      await appendAudit(tx, { actor, action: 'transfer.reversed', entityType: 'transfer', entityId: row.id, after: { reversesId: original.id, amountFen: cmd.amountFen, reason: cmd.note, publicationIds }, at: now });
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
