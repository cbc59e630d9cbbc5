import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { projectApplications, workflowItems } from '@/db/schema';
import type { WorkflowEffect } from '@/lib/domain/workflow';
import type { TransitionInput } from '@/lib/schemas/workflow';
import type { Actor } from '../../auth/actor';
import { batchSnapshot, computeBatch, issueBatch, publishBatch } from '../formulas/batch-effects';
import { applicationSnapshot, fundProject } from './application-effects';
import { publishEvaluation } from '../evaluation/publish';

/** `evaluationRevision`: set only by the data layer's approval (never from a request), the revision of the evaluation its approver saw. */
export type EffectParams = { fund?: TransitionInput['fund']; evaluationRevision?: number };
export type FollowSubject = { subjectType: 'project' | 'batch'; subjectId: number };
type Item = typeof workflowItems.$inferSelect;

/** Runs a transition's effects in its transaction; what they return is kept with the transition. */
export async function runEffects(tx: Tx, actor: Actor, effects: readonly WorkflowEffect[], item: Item, params: EffectParams | undefined, now = new Date()): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // Effects that publish each name what they published; one transition's list holds them all.
  const add = (r: Record<string, unknown>) => {
    const before = Array.isArray(out.publicationIds) ? (out.publicationIds as unknown[]) : [];
    Object.assign(out, r);
    if (Array.isArray(r.publicationIds)) out.publicationIds = [...before, ...r.publicationIds];
  };
  for (const effect of effects) {
    switch (effect) {
      case 'fund_project':
        add(await fundProject(tx, actor, item.subjectId, params?.fund, now));
        break;
      case 'compute_batch':
        add(await computeBatch(tx, actor, item.subjectId, now));
        break;
      case 'issue_batch':
        add(await issueBatch(tx, actor, item.subjectId, now));
        break;
      case 'publish_batch':
        add(await publishBatch(tx, actor, item.subjectId, now));
        break;
      case 'publish_evaluation':
        add(await publishEvaluation(tx, actor, item.subjectId, now, params?.evaluationRevision));
        break;
    }
  }
  return out;
}

export async function snapshotOf(tx: Tx, item: Item): Promise<Record<string, unknown>> {
  return item.kind === 'project_application' ? applicationSnapshot(tx, item.subjectId) : batchSnapshot(tx, item.subjectId);
}

/** Followers follow what the public knows: the project an application is for, or the batch. */
export async function followSubjectOf(tx: Queryable, item: Item): Promise<FollowSubject> {
  if (item.kind === 'allocation_batch') return { subjectType: 'batch', subjectId: item.subjectId };
  const [app] = await tx.select({ projectId: projectApplications.projectId }).from(projectApplications).where(eq(projectApplications.id, item.subjectId));
  return { subjectType: 'project', subjectId: app!.projectId };
}
