import 'server-only';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { feedback, feedbackEvents, outbox } from '@/db/schema';
import { appendAudit } from '../audit';
import { announceFeedbackChange } from './announce';

/**
 * Marks each item past its deadline once: an `overdue` event on its record and an outbox row that
 * tells the organisation's supervisors. Run by every instance's worker tick; the UPDATE's condition
 * makes one instance win each item. (The public sees "overdue" from the deadline itself, at once.)
 */
export async function flagOverdueFeedback(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const flagged = await tx
      .update(feedback)
      .set({ overdueFlaggedAt: now })
      .where(and(eq(feedback.status, 'assigned'), lt(feedback.dueAt, now), isNull(feedback.overdueFlaggedAt)))
      .returning({ id: feedback.id, assignedOrgId: feedback.assignedOrgId, dueAt: feedback.dueAt });
    for (const f of flagged) {
      await tx.insert(feedbackEvents).values({ feedbackId: f.id, event: 'overdue', at: now });
      await tx
        .insert(outbox)
        .values({ topic: 'feedback_overdue', dedupeKey: `feedback_overdue:${f.id}:${f.dueAt!.toISOString()}`, payload: { feedbackId: f.id, organisationId: f.assignedOrgId }, createdAt: now, availableAt: now })
        .onConflictDoNothing();
      await announceFeedbackChange(tx, f.id);
      await appendAudit(tx, { actor: null, action: 'feedback.overdue', entityType: 'feedback', entityId: f.id, after: { organisationId: f.assignedOrgId, dueAt: f.dueAt }, at: now });
    }
    return flagged.length;
  });
}


/** Whether an item is past its deadline now: the same rule as the public views'. */
export const overdueNow = sql<boolean>`(${feedback.status} = 'assigned' and ${feedback.dueAt} is not null and ${feedback.dueAt} < now())`;
