import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '@/db/client';
import { allocationBatches, balances, batchResults, factorValues, formulaFactors, formulaVersions, fundProgrammes, holders, organisations, workflowItems } from '@/db/schema';
import { parseAmount } from '@/lib/domain/money';
import { can } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { AdjustmentCommand, BatchCommand, FactorValuesCommand, FormulaVersionCommand } from '@/lib/schemas/formulas';
import type { Actor } from '../auth/actor';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { lockCodeFamily } from '../internal/codes';
import { distributableOf } from '../internal/formulas/batch-effects';
import { loadBatchInputs } from '../internal/formulas/inputs';
import { once } from '../internal/idempotency';
import { holderFor } from '../internal/ledger/transfers';
import { definitionById, definitionsByIds } from '../internal/workflow/definitions';
import { actorFacts, maySee, startItem } from '../internal/workflow/facts';
import { assertCan, itemReach, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';

/** The organisation may allocate this programme: it manages it or holds some of it. */
async function assertHoldsProgramme(db: Queryable, actor: Actor, programmeId: number): Promise<void> {
  const [row] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`select exists(
      select 1 from fund_programmes where id = ${programmeId} and managing_org_id = ${actor.organisationId}
      union all
      select 1 from balances b join holders h on h.id = b.holder_id
       where b.programme_id = ${programmeId} and h.kind = 'organisation' and h.organisation_id = ${actor.organisationId} and b.received_fen > 0) as ok`),
  );
  if (!row?.ok) throw new AppError('forbidden', 'formula.notYourProgramme');
}

/** A new version of a programme's formula; earlier versions stay as they were. */
export async function createFormulaVersion({ db, actor, clock }: Ctx, cmd: FormulaVersionCommand): Promise<{ id: number; version: number; replayed: boolean }> {
  assertCan(actor, 'formula.write');
  const now = nowOf({ clock });
  await assertHoldsProgramme(db, actor, cmd.programmeId);
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body }, async () => {
      await tx.execute(sql`select id from fund_programmes where id = ${cmd.programmeId} for update`);
      const [programme] = await tx.select({ fiscalYear: fundProgrammes.fiscalYear }).from(fundProgrammes).where(eq(fundProgrammes.id, cmd.programmeId));
      const [last] = await tx.select({ v: sql<number>`coalesce(max(${formulaVersions.version}), 0)::int` }).from(formulaVersions).where(eq(formulaVersions.programmeId, cmd.programmeId));
      const version = Number(last?.v ?? 0) + 1;
      if (version > 1 && cmd.changeReason.length < 4) throw new AppError('validation', 'formula.changeReason', { changeReason: 'formula.changeReason' });
      const [row] = await tx
        .insert(formulaVersions)
        .values({
          programmeId: cmd.programmeId,
          version,
          fiscalYear: programme!.fiscalYear,
          description: cmd.description,
          changeReason: cmd.changeReason || null,
          floorFen: cmd.floorFen,
          capFen: cmd.capFen,
          setAsideBp: cmd.setAsideBp,
          defaultPerformanceValue: cmd.defaultPerformanceValue || null,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning({ id: formulaVersions.id });
      await tx.insert(formulaFactors).values(cmd.factors.map((f, i) => ({ formulaVersionId: row!.id, code: f.code, name: f.name, unit: f.unit, source: f.source, direction: f.direction, weightBp: f.weightBp, isPerformance: f.isPerformance, sort: i })));
      await appendAudit(tx, { actor, action: 'formula_version.created', entityType: 'formula_version', entityId: row!.id, after: { programmeId: cmd.programmeId, version, factors: cmd.factors.map((f) => [f.code, f.weightBp, f.direction]), floorFen: cmd.floorFen, capFen: cmd.capFen, setAsideBp: cmd.setAsideBp }, at: now });
      return { id: row!.id, version };
    });
    return { ...result, replayed };
  });
}

export async function listFormulaVersions({ db, actor }: Ctx, programmeId: number) {
  assertCan(actor, 'formula.write');
  return db
    .select({ id: formulaVersions.id, version: formulaVersions.version, description: formulaVersions.description, frozenAt: formulaVersions.frozenAt })
    .from(formulaVersions)
    .where(eq(formulaVersions.programmeId, programmeId))
    .orderBy(desc(formulaVersions.version));
}

/** 分配批次: an allocation of one programme from the actor's organisation, moved by the workflow. */
export async function createBatch({ db, actor, clock, demo = false }: Ctx, cmd: BatchCommand): Promise<{ batchId: number; itemId: number; replayed: boolean }> {
  assertCan(actor, 'formula.write');
  const now = nowOf({ clock });
  await assertHoldsProgramme(db, actor, cmd.programmeId);
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body }, async () => {
      const [version] = await tx.select({ id: formulaVersions.id }).from(formulaVersions).where(and(eq(formulaVersions.id, cmd.formulaVersionId), eq(formulaVersions.programmeId, cmd.programmeId)));
      if (!version) throw new AppError('validation', 'formula.noVersion', { formulaVersionId: 'formula.noVersion' });
      const fromHolderId = await holderFor(tx, { kind: 'organisation', organisationId: actor.organisationId });
      const [bal] = await tx.select({ balanceFen: balances.balanceFen }).from(balances).where(and(eq(balances.programmeId, cmd.programmeId), eq(balances.holderId, fromHolderId)));
      if ((bal?.balanceFen ?? 0n) < cmd.amountFen) throw new AppError('validation', 'formula.totalOverBalance', { amount: 'formula.totalOverBalance' });
      await lockCodeFamily(tx, 'FP');
      const [row] = await tx
        .insert(allocationBatches)
        .values({ programmeId: cmd.programmeId, code: await nextBatchCode(tx, cmd.programmeId, demo), title: cmd.title, totalFen: cmd.amountFen, formulaVersionId: cmd.formulaVersionId, fromHolderId, recipientKind: cmd.recipientKind, docNumber: cmd.docNumber, createdBy: actor.id, createdAt: now })
        .returning({ id: allocationBatches.id, code: allocationBatches.code });
      const item = await startItem(tx, actor, { kind: 'allocation_batch', subjectId: row!.id, organisationId: actor.organisationId }, now);
      await appendAudit(tx, { actor, action: 'batch.created', entityType: 'allocation_batch', entityId: row!.id, after: { code: row!.code, programmeId: cmd.programmeId, totalFen: cmd.amountFen, formulaVersionId: cmd.formulaVersionId, docNumber: cmd.docNumber }, at: now });
      return { batchId: row!.id, itemId: item.id };
    });
    return { ...result, replayed };
  });
}

/** FP-00001, FP-00002, …; demo batches are numbered apart (FP-DEMO-2025-1), so they never take a real batch's number. */
async function nextBatchCode(tx: Tx, programmeId: number, demo: boolean): Promise<string> {
  if (!demo) {
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(allocationBatches).where(sql`${allocationBatches.code} like 'FP-0%'`)) as [{ n: number }];
    return `FP-${String(Number(n) + 1).padStart(5, '0')}`;
  }
  const [programme] = await tx.select({ fiscalYear: fundProgrammes.fiscalYear }).from(fundProgrammes).where(eq(fundProgrammes.id, programmeId));
  const prefix = `FP-DEMO-${programme!.fiscalYear}-`;
  const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(allocationBatches).where(sql`${allocationBatches.code} like ${`${prefix}%`}`)) as [{ n: number }];
  return `${prefix}${Number(n) + 1}`;
}

export type RecipientKind = 'government' | 'project';

export interface RecipientOption {
  /** As forms name it: org:ID or project:ID. */
  ref: string;
  code: string;
  name: string;
}

/**
 * Whom a batch of the actor's organisation may allocate to: the governments one level below
 * (下达), or the projects located in its government's area (拨付).
 */
export async function recipientOptions({ db, actor }: Ctx, kind: RecipientKind = 'government'): Promise<RecipientOption[]> {
  assertCan(actor, 'formula.write');
  return recipientsOf(db, actor, kind);
}

async function recipientsOf(db: Queryable, actor: Actor, kind: RecipientKind): Promise<RecipientOption[]> {
  if (kind === 'project') {
    return rowsOf<{ id: number; code: string; name: string }>(
      // Projects of the plan, or projects whose application was approved: never a draft's or a rejected one's.
      await db.execute(sql`select distinct p.id, p.code, p.name from projects p join project_counties pc on pc.project_id = p.id
        where (pc.county_id = org_government(${actor.organisationId}) or org_is_strict_descendant(pc.county_id, org_government(${actor.organisationId})))
          and (p.from_plan or exists (
            select 1 from project_applications pa
            join workflow_items wi on wi.kind = 'project_application' and wi.subject_id = pa.id
            join workflow_transitions t on t.item_id = wi.id and t.action = 'approve'
            where pa.project_id = p.id))
        order by p.code`),
    ).map((r) => ({ ref: `project:${Number(r.id)}`, code: r.code, name: r.name }));
  }
  return rowsOf<{ id: number; code: string; name: string }>(
    await db.execute(sql`select id, code, name from organisations
      where kind = 'government' and parent_id = org_government(${actor.organisationId}) order by code`),
  ).map((r) => ({ ref: `org:${Number(r.id)}`, code: r.code, name: r.name }));
}

/** The holder of a recipient reference, created on first use (inside the caller's transaction). */
async function recipientHolder(tx: Tx, ref: string): Promise<number> {
  const [kind, raw] = ref.split(':');
  const id = Number(raw);
  return kind === 'project' ? holderFor(tx, { kind: 'project', projectId: id }) : holderFor(tx, { kind: 'organisation', organisationId: id });
}

/** Locks the batch's item for an edit by its own organisation at a stage that allows it; bumps the revision. */
async function lockForEdit(tx: Tx, actor: Actor, batchId: number, expectedRevision: number, allowed: (stage: string, editable: boolean) => boolean) {
  const [item] = await tx.select().from(workflowItems).where(and(eq(workflowItems.kind, 'allocation_batch'), eq(workflowItems.subjectId, batchId)));
  if (!item || item.organisationId !== actor.organisationId) throw new AppError('not_found');
  const def = await definitionById(tx, item.definitionId);
  if (!allowed(item.stage, def.stages.find((s) => s.code === item.stage)?.editable ?? false)) throw new AppError('conflict', 'workflow.notEditable');
  const [bumped] = await tx
    .update(workflowItems)
    .set({ revision: sql`${workflowItems.revision} + 1`, lastEditedBy: actor.id })
    .where(and(eq(workflowItems.id, item.id), eq(workflowItems.revision, expectedRevision), eq(workflowItems.stage, item.stage)))
    .returning({ revision: workflowItems.revision });
  if (!bumped) throw new AppError('stale', 'workflow.stale');
  return bumped.revision;
}

/** Replaces the batch's factor values (form or spreadsheet); every value carries its source. */
export async function setFactorValues({ db, actor, clock }: Ctx, cmd: FactorValuesCommand): Promise<{ revision: number; rows: number }> {
  assertCan(actor, 'formula.write');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const revision = await lockForEdit(tx, actor, cmd.batchId, cmd.expectedRevision, (_s, editable) => editable);
    const [batch] = await tx.select({ formulaVersionId: allocationBatches.formulaVersionId }).from(allocationBatches).where(eq(allocationBatches.id, cmd.batchId));
    const factors = await tx.select().from(formulaFactors).where(eq(formulaFactors.formulaVersionId, batch!.formulaVersionId!));
    const [kindRow] = await tx.select({ kind: allocationBatches.recipientKind }).from(allocationBatches).where(eq(allocationBatches.id, cmd.batchId));
    const allowedRecipients = new Set((await recipientsOf(tx, actor, kindRow!.kind)).map((r) => r.ref));
    const values: (typeof factorValues.$inferInsert)[] = [];
    for (const row of cmd.rows) {
      if (!allowedRecipients.has(row.recipient)) throw new AppError('validation', 'formula.notARecipient', { [`recipient ${row.recipient}`]: 'formula.notARecipient' });
      const holderId = await recipientHolder(tx, row.recipient);
      for (const f of factors) {
        const v = row.values[f.code];
        if (v === undefined) {
          if (f.isPerformance) continue;
          throw new AppError('validation', 'formula.error.missing_value', { [`${row.recipient}/${f.code}`]: 'formula.error.missing_value' });
        }
        values.push({ batchId: cmd.batchId, recipientHolderId: holderId, factorId: f.id, value: v, source: row.source, enteredBy: actor.id, enteredAt: now });
      }
      const unknown = Object.keys(row.values).filter((k) => !factors.some((f) => f.code === k));
      if (unknown.length) throw new AppError('validation', 'formula.unknownFactor', { [unknown[0]!]: 'formula.unknownFactor' });
    }
    await tx.delete(factorValues).where(eq(factorValues.batchId, cmd.batchId));
    await tx.insert(factorValues).values(values);
    await tx.delete(batchResults).where(eq(batchResults.batchId, cmd.batchId));
    await tx.update(allocationBatches).set({ inputsHash: null, computedAt: null }).where(eq(allocationBatches.id, cmd.batchId));
    await appendAudit(tx, { actor, action: 'batch.factor_values_set', entityType: 'allocation_batch', entityId: cmd.batchId, after: { rows: cmd.rows.length, values: values.length }, at: now });
    return { revision, rows: cmd.rows.length };
  });
}

/** The holder row a recipient reference names, without creating it. */
function refMatches(ref: string) {
  const [kind, raw] = ref.split(':');
  const id = Number(raw);
  return kind === 'project' ? and(eq(holders.kind, 'project'), eq(holders.projectId, id)) : and(eq(holders.kind, 'organisation'), eq(holders.organisationId, id));
}

/** A manual change to one computed amount, only with a reason; the formula's amount stays beside it. */
export async function adjustResult({ db, actor }: Ctx, cmd: AdjustmentCommand): Promise<{ revision: number }> {
  assertCan(actor, 'formula.write');
  let adjustedFen: bigint | null = null;
  if (cmd.amount.trim() !== '') {
    if (/^0+(\.0+)?$/.test(cmd.amount.trim())) adjustedFen = 0n;
    else {
      const p = parseAmount(cmd.amount, cmd.unit);
      if (!p.ok) throw new AppError('validation', 'form.amountFormat', { amount: 'form.amountFormat' });
      adjustedFen = p.fen;
    }
    if (cmd.reason.length < 4) throw new AppError('validation', 'formula.adjustmentReason', { reason: 'formula.adjustmentReason' });
  }
  return db.transaction(async (tx) => {
    const revision = await lockForEdit(tx, actor, cmd.batchId, cmd.expectedRevision, (stage) => stage === 'computed');
    // Only a recipient of this batch's table; nothing is created for an unknown organisation.
    const [before] = await tx
      .select({ recipientHolderId: batchResults.recipientHolderId, computedFen: batchResults.computedFen, adjustedFen: batchResults.adjustedFen })
      .from(batchResults)
      .innerJoin(holders, and(eq(holders.id, batchResults.recipientHolderId), refMatches(cmd.recipient)))
      .where(eq(batchResults.batchId, cmd.batchId));
    if (!before) throw new AppError('validation', 'formula.notARecipient', { recipient: 'formula.notARecipient' });
    const holderId = before.recipientHolderId;
    await tx
      .update(batchResults)
      .set({ adjustedFen, adjustmentReason: adjustedFen === null ? null : cmd.reason })
      .where(and(eq(batchResults.batchId, cmd.batchId), eq(batchResults.recipientHolderId, holderId)));
    await appendAudit(tx, { actor, action: 'batch.adjusted', entityType: 'allocation_batch', entityId: cmd.batchId, before: { recipientHolderId: holderId, computedFen: before.computedFen, adjustedFen: before.adjustedFen }, after: { adjustedFen, reason: cmd.reason || null } });
    return { revision };
  });
}

export interface BatchListDto {
  id: number;
  code: string;
  title: string;
  programmeName: string;
  programmeNameEn: string | null;
  totalFen: bigint;
  stage: string;
  stageName: string;
  stageNameEn: string;
  itemId: number;
  dueAt: Date | null;
}

/** Batches of the actor's organisation and of those it governs (all for cross-organisation roles). */
export async function listBatches(ctx: Ctx): Promise<BatchListDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'programme.read');
  const rows = await db
    .select({ id: allocationBatches.id, code: allocationBatches.code, title: allocationBatches.title, programmeName: fundProgrammes.name, programmeNameEn: fundProgrammes.nameEn, totalFen: allocationBatches.totalFen, stage: workflowItems.stage, definitionId: workflowItems.definitionId, itemId: workflowItems.id, dueAt: workflowItems.dueAt })
    .from(allocationBatches)
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, allocationBatches.programmeId))
    .innerJoin(workflowItems, and(eq(workflowItems.kind, 'allocation_batch'), eq(workflowItems.subjectId, allocationBatches.id)))
    .where(scopeWhere(ctx, workflowItems.organisationId, itemReach(actor)))
    .orderBy(desc(allocationBatches.id))
    .limit(200);
  const defs = await definitionsByIds(db, rows.map((r) => r.definitionId));
  return rows.map(({ definitionId, ...r }) => {
    const stage = defs.get(definitionId)?.stages.find((x) => x.code === r.stage);
    return { ...r, stageName: stage?.name ?? r.stage, stageNameEn: stage?.nameEn ?? r.stage };
  });
}

/** Programmes the actor's organisation holds money of, for the batch form. */
export async function programmesHeld({ db, actor }: Ctx) {
  assertCan(actor, 'formula.write');
  return db
    .select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn, balanceFen: balances.balanceFen })
    .from(balances)
    .innerJoin(holders, and(eq(holders.id, balances.holderId), eq(holders.kind, 'organisation'), eq(holders.organisationId, actor.organisationId)))
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, balances.programmeId))
    .where(sql`${balances.balanceFen} > 0`)
    .orderBy(desc(fundProgrammes.fiscalYear), asc(fundProgrammes.code));
}


export interface BatchDetailDto {
  id: number;
  code: string;
  title: string;
  docNumber: string | null;
  totalFen: bigint;
  programmeName: string;
  programmeNameEn: string | null;
  inputsHash: string | null;
  ownedByActor: boolean;
  /** Whether the actor may edit its values and adjust its results (its own organisation's officers). */
  mayEdit: boolean;
  /** What the recipients share: the total less the formula's set-aside. */
  distributableFen: bigint;
  version: { version: number; description: string; floorFen: bigint | null; capFen: bigint | null; setAsideBp: number; defaultPerformanceValue: string | null };
  factors: { code: string; name: string; unit: string; source: string; direction: 'more_is_more' | 'less_is_more'; weightBp: number; isPerformance: boolean }[];
  recipientKind: RecipientKind;
  /** Recipients: a government by its Chinese and English names, a project by its (Chinese) name with nameEn null. */
  recipients: { ref: string; code: string; name: string; nameEn: string | null; values: Record<string, string>; source: string }[];
  results: { code: string; name: string; nameEn: string | null; ref: string; share: string; computedFen: bigint; adjustedFen: bigint | null; adjustmentReason: string | null }[];
}

/** A batch as its officers and reviewers work on it; null when there is none or the actor may not see its item. */
export async function batchDetail({ db, actor }: Ctx, batchId: number): Promise<BatchDetailDto | null> {
  assertCan(actor, 'programme.read');
  const [item] = await db.select().from(workflowItems).where(and(eq(workflowItems.kind, 'allocation_batch'), eq(workflowItems.subjectId, batchId)));
  if (!item || !maySee(actor, await actorFacts(db, actor, item))) return null;
  const inputs = await loadBatchInputs(db, batchId);
  const [batch] = await db
    .select({ b: allocationBatches, programmeName: fundProgrammes.name, programmeNameEn: fundProgrammes.nameEn, orgId: holders.organisationId })
    .from(allocationBatches)
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, allocationBatches.programmeId))
    .innerJoin(holders, eq(holders.id, allocationBatches.fromHolderId))
    .where(eq(allocationBatches.id, batchId));
  if (!batch || !inputs) return null;
  const owned = batch.orgId === actor.organisationId;
  const options = owned ? await recipientsOf(db, actor, batch.b.recipientKind) : inputs.recipients.map((r) => ({ ref: r.ref, code: r.code, name: r.name }));
  const results = await db.select().from(batchResults).where(eq(batchResults.batchId, batchId));
  const byHolder = new Map(inputs.recipients.map((r) => [r.holderId, r]));
  const orgIds = [...new Set([...options.map((o) => o.ref), ...inputs.recipients.map((r) => r.ref)].filter((ref) => ref.startsWith('org:')).map((ref) => Number(ref.slice(4))))];
  const namesEn = new Map(
    (orgIds.length ? await db.select({ id: organisations.id, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.id, orgIds)) : []).map((o) => [`org:${o.id}`, o.nameEn]),
  );
  return {
    id: batch.b.id,
    code: batch.b.code,
    title: batch.b.title,
    docNumber: batch.b.docNumber,
    totalFen: batch.b.totalFen,
    programmeName: batch.programmeName,
    programmeNameEn: batch.programmeNameEn,
    inputsHash: batch.b.inputsHash,
    ownedByActor: owned,
    mayEdit: owned && can(actor, 'formula.write'),
    distributableFen: distributableOf(batch.b.totalFen, inputs.version.setAsideBp),
    recipientKind: batch.b.recipientKind,
    version: { version: inputs.version.version, description: inputs.version.description, floorFen: inputs.version.floorFen, capFen: inputs.version.capFen, setAsideBp: inputs.version.setAsideBp, defaultPerformanceValue: inputs.version.defaultPerformanceValue },
    factors: inputs.factors.map((f) => ({ code: f.code, name: f.name, unit: f.unit, source: f.source, direction: f.direction, weightBp: f.weightBp, isPerformance: f.isPerformance })),
    recipients: options.map((o) => {
      const r = inputs.recipients.find((x) => x.ref === o.ref);
      const stored = r ? inputs.values.get(r.holderId) : undefined;
      return { ref: o.ref, code: o.code, name: o.name, nameEn: namesEn.get(o.ref) ?? null, values: Object.fromEntries([...(stored?.entries() ?? [])].map(([k, v]) => [k, v.value])), source: stored?.values().next().value?.source ?? '' };
    }),
    results: results
      .map((r) => {
        const who = byHolder.get(r.recipientHolderId);
        return { code: who?.code ?? '', name: who?.name ?? '', nameEn: (who && namesEn.get(who.ref)) ?? null, ref: who?.ref ?? '', share: `${r.shareNumerator}/${r.shareDenominator}`, computedFen: r.computedFen, adjustedFen: r.adjustedFen, adjustmentReason: r.adjustmentReason };
      })
      .sort((a, b) => (a.code < b.code ? -1 : 1)),
  };
}

export async function formulaVersionsForBatch({ db, actor }: Ctx) {
  assertCan(actor, 'formula.write');
  const held = await programmesHeld({ db, actor });
  if (!held.length) return [];
  return db
    .select({ id: formulaVersions.id, programmeId: formulaVersions.programmeId, version: formulaVersions.version, description: formulaVersions.description })
    .from(formulaVersions)
    .where(inArray(formulaVersions.programmeId, held.map((h) => h.id)))
    .orderBy(desc(formulaVersions.version));
}
