import 'server-only';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { follows, organisations, outbox, workflowItems, workflowTransitions, type WorkflowKind } from '@/db/schema';
import {
  automaticTransitionFrom,
  diffSnapshots,
  dueAtFor,
  findTransition,
  refusalFor,
  stageDef,
  type ActorFacts,
  type ItemFacts,
  type TransitionDef,
  type WorkflowDefinition,
} from '@/lib/domain/workflow';
import { AppError } from '@/lib/errors';
import type { Actor } from '../actor';
import { appendAudit } from '../audit';
import { nowOf } from '../clock';
import { assertCan } from '../scope';
import type { Ctx } from '../session';
import { orgsUnderGovernment } from '../holder-refs';
import { activeDefinition, definitionById } from './definitions';
import { followSubjectOf, runEffects, snapshotOf, type EffectParams, type FollowSubject } from './effects';

export type WorkflowItemRow = typeof workflowItems.$inferSelect;

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

/** What the engine needs to know about an actor to apply a definition's rules. */
export async function actorFacts(db: Queryable, actor: Actor, item: Pick<WorkflowItemRow, 'organisationId'>): Promise<ActorFacts> {
  const [org] = await db.select({ level: organisations.level }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const governed = await orgsUnderGovernment(db, actor.organisationId);
  return {
    id: actor.id,
    role: actor.role,
    orgLevel: org!.level,
    ownsItem: item.organisationId === actor.organisationId,
    governsItem: governed.includes(item.organisationId),
  };
}

export async function itemFacts(db: Queryable, def: WorkflowDefinition, item: WorkflowItemRow): Promise<ItemFacts> {
  const history = await db
    .select({ id: workflowTransitions.id, action: workflowTransitions.action, actorId: workflowTransitions.actorId, toStage: workflowTransitions.toStage })
    .from(workflowTransitions)
    .where(eq(workflowTransitions.itemId, item.id))
    .orderBy(asc(workflowTransitions.id));
  // A new round of checks starts at a submission or when the item goes back to its maker.
  const lastSubmit = history.findLastIndex((h) => h.action === def.submitAction || (stageDef(def, h.toStage)?.editable ?? false));
  return {
    submittedBy: item.submittedBy,
    lastEditedBy: item.lastEditedBy,
    actorsSinceSubmission: history.slice(lastSubmit + 1).map((h) => ({ action: h.action, actorId: h.actorId })),
  };
}

/** Whether the actor may see this item at all: their own organisation's, one they govern, or any for cross-organisation roles. */
export function maySee(actor: Actor, facts: ActorFacts): boolean {
  return actor.scope === 'all' || facts.ownsItem || (facts.governsItem && GOVERNING_ROLES.includes(actor.role));
}

/** Roles that act for a government on the items of organisations under it; others see their own organisation's items only. */
const GOVERNING_ROLES: readonly Actor['role'][] = ['finance_officer', 'reviewer', 'evaluator'];

/** The organisations whose items the actor may list, or null for roles that read across all. */
export async function visibleOrganisations(db: Queryable, actor: Actor): Promise<number[] | null> {
  if (actor.scope === 'all') return null;
  if (!GOVERNING_ROLES.includes(actor.role)) return [actor.organisationId];
  return [...new Set([actor.organisationId, ...(await orgsUnderGovernment(db, actor.organisationId))])];
}

/** Creates an item at the definition's initial stage, inside the caller's transaction, at the command's time. */
export async function startItem(tx: Tx, actor: Actor, input: { kind: WorkflowKind; subjectId: number; organisationId: number }, now = new Date()): Promise<WorkflowItemRow> {
  const { id: definitionId, definition } = await activeDefinition(tx, input.kind);
  const [row] = await tx
    .insert(workflowItems)
    .values({ kind: input.kind, definitionId, subjectId: input.subjectId, organisationId: input.organisationId, stage: definition.initial, lastEditedBy: actor.id, stageEnteredAt: now, dueAt: dueAtFor(definition, definition.initial, now), createdAt: now })
    .returning();
  return row!;
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
  const [row] = await tx
    .insert(workflowTransitions)
    .values({ itemId: item.id, fromStage: item.stage, toStage: t.to, action: t.action, actorId: actor.id, reason, changes: { ...changes, ...effects }, at: now })
    .returning({ id: workflowTransitions.id });
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

/** Followers are notified of every stage change; whoever submits follows automatically. */
export async function follow(tx: Queryable, userId: number, subject: FollowSubject, now?: Date): Promise<void> {
  await tx.insert(follows).values({ ...subject, userId, createdAt: now }).onConflictDoNothing();
}
