import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { follows, organisations, workflowItems, workflowTransitions } from '@/db/schema';
import { type WorkflowKind } from '@/lib/domain/vocabulary';
import { dueAtFor, stageDef, type ActorFacts, type ItemFacts, type WorkflowDefinition } from '@/lib/domain/workflow';
import type { Actor } from '../../auth/actor';
import { itemReach } from '../../auth/scope';
import { orgsUnderGovernment } from '../ledger/holder-refs';
import { activeDefinition } from './definitions';
import type { FollowSubject } from './effects';

export type WorkflowItemRow = typeof workflowItems.$inferSelect;

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
  return actor.scope === 'all' || facts.ownsItem || (facts.governsItem && itemReach(actor) === 'government');
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

/** Followers are notified of every stage change; whoever submits follows automatically. */
export async function follow(tx: Queryable, userId: number, subject: FollowSubject, now?: Date): Promise<void> {
  await tx.insert(follows).values({ ...subject, userId, createdAt: now }).onConflictDoNothing();
}
