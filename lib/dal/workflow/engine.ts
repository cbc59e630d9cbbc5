import 'server-only';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { outbox, projectApplications, workflowItems, workflowTransitions } from '@/db/schema';
import {
  automaticTransitionFrom,
  diffSnapshots,
  dueAtFor,
  findTransition,
  refusalFor,
  stageDef,
  type TransitionDef,
  type WorkflowDefinition,
} from '@/lib/domain/workflow';
import { AppError } from '@/lib/errors';
import type { Actor } from '../auth/actor';
import { appendAudit } from '../internal/audit';
import { announcePublicChange, tagsOfWorkflowItem } from '../internal/public-change';
import { nowOf } from '../internal/clock';
import { oweForEvent } from '../internal/disclosure/obligations';
import { eventOfStage } from '@/lib/domain/disclosure-events';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { definitionById } from '../internal/workflow/definitions';
import { followSubjectOf, runEffects, snapshotOf, type EffectParams } from '../internal/workflow/effects';
import { actorFacts, follow, itemFacts, maySee, type WorkflowItemRow } from '../internal/workflow/facts';

export type { WorkflowItemRow } from '../internal/workflow/facts';

export interface TransitionCommand {
  itemId: number;
  action: string;
  /** The revision the actor's page showed; another revision means someone moved first. */
  expectedRevision: number;
  reason?: string;
  params?: EffectParams;
}

export interface TransitionResult {
  stage: string;
  stageName: string;
  stageNameEn: string;
  revision: number;
  transitionIds: number[];
}

/**
 * Moves an item: one transaction holding the guarded stage update, the transition record, the
 * audit entry, the stage's effects (transfers, publications) and the notifications to send.
 * Automatic transitions that follow are taken in the same transaction.
 */
export async function applyTransition({ db, actor, clock }: Ctx, cmd: TransitionCommand): Promise<TransitionResult> {
  assertCan(actor, 'workspace.enter');
  // Automatic steps that follow happen at the same instant.
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(workflowItems).where(eq(workflowItems.id, cmd.itemId));
    if (!item) throw new AppError('not_found');
    const def = await definitionById(tx, item.definitionId);
    const facts = await actorFacts(tx, actor, item);
    if (!maySee(actor, facts)) throw new AppError('not_found');
    if (item.revision !== cmd.expectedRevision) throw new AppError('stale', 'workflow.stale');
    const t = findTransition(def, item.stage, cmd.action);
    if (!t || t.automatic) throw new AppError('conflict', 'workflow.notAllowedHere');
    const refusal = refusalFor(t, facts, await itemFacts(tx, def, item));
    if (refusal) throw new AppError('forbidden', `workflow.refused.${refusal}`);
    const reason = cmd.reason?.trim() || null;
    if (t.reason === 'required' && !reason) throw new AppError('validation', 'workflow.reasonRequired', { reason: 'workflow.reasonRequired' });
    if (t.reason === 'none' && reason) throw new AppError('validation', 'workflow.noReasonHere', { reason: 'workflow.noReasonHere' });

    const ids: number[] = [];
    let current = await step(tx, actor, def, item, t, reason, cmd.params, now);
    ids.push(current.transitionId);
    for (let next = automaticTransitionFrom(def, current.item.stage); next; next = automaticTransitionFrom(def, current.item.stage)) {
      current = await step(tx, actor, def, current.item, next, null, undefined, now);
      ids.push(current.transitionId);
    }
    const reached = stageDef(def, current.item.stage);
    return { stage: current.item.stage, stageName: reached?.name ?? current.item.stage, stageNameEn: reached?.nameEn ?? current.item.stage, revision: current.item.revision, transitionIds: ids };
  });
}

async function step(tx: Tx, actor: Actor, def: WorkflowDefinition, item: WorkflowItemRow, t: TransitionDef, reason: string | null, params: EffectParams | undefined, now: Date) {
  const isSubmit = t.action === def.submitAction;
  const [moved] = await tx
    .update(workflowItems)
    .set({
      stage: t.to,
      revision: sql`${workflowItems.revision} + 1`,
      stageEnteredAt: now,
      dueAt: dueAtFor(def, t.to, now),
      returnReason: stageDef(def, t.to)?.editable && reason ? reason : null,
      ...(isSubmit ? { submittedBy: actor.id } : {}),
    })
    // The guard: zero rows means someone else moved the item since it was read.
    .where(and(eq(workflowItems.id, item.id), eq(workflowItems.stage, item.stage), eq(workflowItems.revision, item.revision)))
    .returning();
  if (!moved) throw new AppError('stale', 'workflow.stale');

  const changes = await changesFor(tx, def, item, t, reason);
  const effects = await runEffects(tx, actor, t.effects, moved, params, now);
  await oweForStage(tx, actor, item, t.to, now);
  const [row] = await tx
    .insert(workflowTransitions)
    .values({ itemId: item.id, fromStage: item.stage, toStage: t.to, action: t.action, actorId: actor.id, reason, changes: { ...changes, ...effects }, at: now })
    .returning({ id: workflowTransitions.id });
  // Public pages show transitions into public stages (public_item_timeline) and, whatever the stage,
  // the disclosure obligations a transition creates or settles (completeness, late disclosures).
  await announcePublicChange(tx, await tagsOfWorkflowItem(tx, item));
  await appendAudit(tx, {
    actor,
    action: `workflow.${t.action}`,
    entityType: item.kind,
    entityId: item.subjectId,
    before: { stage: item.stage, revision: item.revision },
    after: { stage: t.to, revision: moved.revision, reason, transitionId: row!.id, ...effects },
    at: now,
  });
  await tx.insert(outbox).values({
    topic: 'stage_changed',
    dedupeKey: `workflow_transition:${row!.id}`,
    payload: { itemId: item.id, kind: item.kind, subjectId: item.subjectId, from: item.stage, to: t.to, action: t.action, actorId: actor.id },
    createdAt: now,
    availableAt: now,
  });
  if (isSubmit) await follow(tx, actor.id, await followSubjectOf(tx, item), now);
  return { item: moved, transitionId: row!.id };
}

/** Arriving at some stages owes the public a disclosure (lib/domain/disclosure-events.ts), whatever the definition's effects. */
async function oweForStage(tx: Tx, actor: Actor, item: WorkflowItemRow, stage: string, now: Date): Promise<void> {
  const event = eventOfStage(item.kind, stage);
  if (!event) return;
  if (item.kind === 'allocation_batch') {
    await oweForEvent(tx, event, { subjectId: item.subjectId, responsibleOrgId: item.organisationId, eventAt: now });
    return;
  }
  const [app] = await tx.select({ projectId: projectApplications.projectId }).from(projectApplications).where(eq(projectApplications.id, item.subjectId));
  // The government that accepted or evaluated the works answers for publishing the evaluation.
  if (app) await oweForEvent(tx, event, { subjectId: app.projectId, responsibleOrgId: actor.organisationId, eventAt: now });
}

/**
 * A return keeps a snapshot of the item's content; the next move out of the editable stage
 * records what changed since, so the reviewer sees the fixes rather than the whole item again.
 */
async function changesFor(tx: Tx, def: WorkflowDefinition, item: WorkflowItemRow, t: TransitionDef, reason: string | null): Promise<Record<string, unknown>> {
  const entersEditable = stageDef(def, t.to)?.editable ?? false;
  if (entersEditable && reason) return { snapshot: await snapshotOf(tx, item) };
  if (!(stageDef(def, item.stage)?.editable ?? false)) return {};
  const [lastReturn] = await tx
    .select({ changes: workflowTransitions.changes })
    .from(workflowTransitions)
    .where(and(eq(workflowTransitions.itemId, item.id), eq(workflowTransitions.toStage, item.stage), gt(workflowTransitions.id, 0)))
    .orderBy(desc(workflowTransitions.id))
    .limit(1);
  const before = (lastReturn?.changes as { snapshot?: Record<string, unknown> } | null)?.snapshot;
  if (!before) return {};
  return { diff: diffSnapshots(before, await snapshotOf(tx, item)) };
}
