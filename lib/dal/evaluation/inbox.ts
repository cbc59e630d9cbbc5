import 'server-only';
import { and, desc, eq, ne } from 'drizzle-orm';
import { evaluations, projects } from '@/db/schema';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

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
