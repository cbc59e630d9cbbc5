import 'server-only';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { evaluations, feedback, projects } from '@/db/schema';
import { assertCan } from './scope';
import type { Ctx } from './session';

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
