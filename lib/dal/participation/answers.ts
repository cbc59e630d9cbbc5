import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { feedback, feedbackAnswers, feedbackEvents, outbox } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { announceFeedbackChange } from '../internal/participation/announce';
import { nowOf } from '../internal/clock';
import { assertCan } from '../auth/scope';
import { overdueNow } from '../internal/participation/overdue';
import type { Ctx } from '../auth/session';

/** What the caller's organisation must answer, the nearest deadline first. */
export async function assignedToMyOrganisation(ctx: Ctx) {
  assertCan(ctx.actor, 'feedback.answer');
  return ctx.db
    .select({ trackingCode: feedback.trackingCode, kind: feedback.kind, status: feedback.status, body: feedback.body, dueAt: feedback.dueAt, assignedAt: feedback.assignedAt, answeredAt: feedback.answeredAt, overdue: overdueNow })
    .from(feedback)
    .where(and(eq(feedback.assignedOrgId, ctx.actor.organisationId), inArray(feedback.status, ['assigned', 'answered'])))
    .orderBy(asc(feedback.status), asc(feedback.dueAt))
    .limit(200);
}

/**
 * 答复: by the organisation the item is assigned to. A later answer is a correction: a new version,
 * the earlier stays on record. The same transaction tells the subject's followers (outbox).
 */
export async function answerFeedback(ctx: Ctx, input: { trackingCode: string; body: string }) {
  assertCan(ctx.actor, 'feedback.answer');
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: feedback.id, status: feedback.status, assignedOrgId: feedback.assignedOrgId, answeredAt: feedback.answeredAt, overdue: overdueNow })
      .from(feedback)
      .where(eq(feedback.trackingCode, input.trackingCode))
      .for('update');
    // Another organisation's item is as absent as a missing one: its existence is not the caller's business.
    if (!item || item.assignedOrgId !== ctx.actor.organisationId) throw new AppError('not_found');
    if (item.status !== 'assigned' && item.status !== 'answered') throw new AppError('conflict', 'participation.wrongStatus');
    const [answer] = await tx
      .insert(feedbackAnswers)
      .values({ feedbackId: item.id, organisationId: ctx.actor.organisationId, body: input.body, answeredBy: ctx.actor.id, createdAt: now })
      .returning({ id: feedbackAnswers.id });
    await tx.update(feedback).set({ status: 'answered', answeredAt: item.answeredAt ?? now }).where(eq(feedback.id, item.id));
    await tx.insert(feedbackEvents).values({ feedbackId: item.id, event: 'answered', actorId: ctx.actor.id, at: now });
    await tx.insert(outbox).values({ topic: 'feedback_answered', dedupeKey: `feedback_answered:${answer!.id}`, payload: { feedbackId: item.id, answerId: answer!.id }, createdAt: now, availableAt: now });
    await announceFeedbackChange(tx, item.id);
    await appendAudit(tx, { actor: ctx.actor, action: item.status === 'answered' ? 'feedback.answer_corrected' : 'feedback.answered', entityType: 'feedback', entityId: item.id, after: { answerId: answer!.id }, at: now });
    return { answerId: answer!.id };
  });
}
