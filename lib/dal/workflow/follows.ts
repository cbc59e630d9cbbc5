import 'server-only';
import { and, eq } from 'drizzle-orm';
import { follows, workflowItems } from '@/db/schema';
import type { Queryable } from '@/db/client';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { actorFacts, follow, maySee } from '../internal/workflow/facts';
import { followSubjectOf } from '../internal/workflow/effects';

async function subjectFor({ db, actor }: Pick<Ctx, 'actor'> & { db: Queryable }, itemId: number) {
  assertCan(actor, 'workspace.enter');
  const [item] = await db.select().from(workflowItems).where(eq(workflowItems.id, itemId));
  if (!item || !maySee(actor, await actorFacts(db, actor, item))) throw new AppError('not_found');
  return followSubjectOf(db, item);
}

/** A signed-in user follows what an item is about, and hears of each stage change. */
export async function setFollowing(ctx: Ctx, itemId: number, on: boolean): Promise<{ following: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const subject = await subjectFor({ db: tx, actor: ctx.actor }, itemId);
    if (on) await follow(tx, ctx.actor.id, subject);
    else await tx.delete(follows).where(and(eq(follows.subjectType, subject.subjectType), eq(follows.subjectId, subject.subjectId), eq(follows.userId, ctx.actor.id)));
    await appendAudit(tx, { actor: ctx.actor, action: on ? 'follow.added' : 'follow.removed', entityType: subject.subjectType, entityId: subject.subjectId });
    return { following: on };
  });
}

export async function isFollowing(ctx: Ctx, itemId: number): Promise<boolean> {
  const subject = await subjectFor(ctx, itemId);
  const [row] = await ctx.db
    .select({ id: follows.id })
    .from(follows)
    .where(and(eq(follows.subjectType, subject.subjectType), eq(follows.subjectId, subject.subjectId), eq(follows.userId, ctx.actor.id)));
  return !!row;
}
