import 'server-only';
import { and, asc, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { evaluations, feedback, projects, workflowItems } from '@/db/schema';
import { assertCan, orgScope } from './scope';
import type { Ctx } from './session';

export interface InboxItemDto {
  id: number;
  kind: string;
  stage: string;
  dueAt: Date | null;
}

/** Items of the reviewer's organisation at a stage, never ones the reviewer submitted (maker-checker). */
export async function reviewInbox({ db, actor }: Ctx): Promise<InboxItemDto[]> {
  assertCan(actor, 'workflow.review');
  const scope = orgScope(actor);
  return db
    .select({ id: workflowItems.id, kind: workflowItems.kind, stage: workflowItems.stage, dueAt: workflowItems.dueAt })
    .from(workflowItems)
    .where(
      and(
        scope === null ? undefined : eq(workflowItems.organisationId, scope),
        ne(workflowItems.stage, 'draft'),
        or(isNull(workflowItems.submittedBy), ne(workflowItems.submittedBy, actor.id)),
      ),
    )
    .orderBy(asc(workflowItems.dueAt))
    .limit(100);
}

export async function evaluatorInbox({ db, actor }: Ctx) {
  assertCan(actor, 'evaluation.score');
  return db
    .select({ id: evaluations.id, projectName: projects.name, year: evaluations.year, status: evaluations.status })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(and(eq(evaluations.evaluatorId, actor.id), ne(evaluations.status, 'approved')))
    .orderBy(desc(evaluations.year))
    .limit(100);
}

export async function moderationQueue({ db, actor }: Ctx) {
  assertCan(actor, 'feedback.moderate');
  return db
    .select({ trackingCode: feedback.trackingCode, kind: feedback.kind, status: feedback.status, createdAt: feedback.createdAt })
    .from(feedback)
    .where(inArray(feedback.status, ['received', 'in_review']))
    .orderBy(asc(feedback.createdAt))
    .limit(100);
}
