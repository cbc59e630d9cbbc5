import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { feedback, feedbackEvents, organisations } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { FeedbackStatus } from '@/lib/domain/vocabulary';
import { appendAudit } from '../internal/audit';
import { announceFeedbackChange } from '../internal/participation/announce';
import { readSetting } from '../internal/settings';
import { nowOf } from '../internal/clock';
import { assertCan } from '../auth/scope';
import { overdueNow } from '../internal/participation/overdue';
import type { Ctx } from '../auth/session';

const DAY_MS = 86_400_000;

/** New items first and oldest first among them, so nothing waits unseen; then what is still open. */
export async function moderationQueue(ctx: Ctx, opts: { status?: FeedbackStatus } = {}) {
  assertCan(ctx.actor, 'feedback.moderate');
  return ctx.db
    .select({
      trackingCode: feedback.trackingCode,
      kind: feedback.kind,
      status: feedback.status,
      subjectType: feedback.subjectType,
      body: feedback.body,
      isPublic: feedback.isPublic,
      dueAt: feedback.dueAt,
      overdue: overdueNow,
      orgName: organisations.name,
      orgNameEn: organisations.nameEn,
      createdAt: feedback.createdAt,
    })
    .from(feedback)
    .leftJoin(organisations, eq(organisations.id, feedback.assignedOrgId))
    .where(opts.status ? eq(feedback.status, opts.status) : inArray(feedback.status, ['received', 'assigned', 'answered']))
    .orderBy(sql`${feedback.status} <> 'received'`, asc(feedback.createdAt))
    .limit(200);
}

/** Moves one item from one of `from` statuses, claiming it with the UPDATE itself so two moderators cannot both act on it. */
async function move(tx: Tx, trackingCode: string, from: readonly FeedbackStatus[], set: Partial<typeof feedback.$inferInsert>) {
  const [row] = await tx
    .update(feedback)
    .set(set)
    .where(and(eq(feedback.trackingCode, trackingCode), inArray(feedback.status, [...from])))
    .returning({ id: feedback.id, kind: feedback.kind });
  if (row) return row;
  const [exists] = await tx.select({ status: feedback.status }).from(feedback).where(eq(feedback.trackingCode, trackingCode));
  throw exists ? new AppError('conflict', 'participation.wrongStatus') : new AppError('not_found');
}

async function answerDays(tx: Tx): Promise<number> {
  const n = Number(await readSetting(tx, 'feedback_answer_days'));
  return Number.isInteger(n) && n > 0 && n <= 365 ? n : 15;
}

/** 受理并转办: the organisation that must answer, its deadline, and whether the public sees the text. */
export async function acceptFeedback(ctx: Ctx, input: { trackingCode: string; organisationId: number; publish: boolean }) {
  assertCan(ctx.actor, 'feedback.moderate');
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
    if (!org) throw new AppError('validation', 'participation.orgUnknown', { organisationId: 'participation.orgUnknown' });
    const dueAt = new Date(now.getTime() + (await answerDays(tx)) * DAY_MS);
    const row = await move(tx, input.trackingCode, ['received', 'assigned'], {
      status: 'assigned',
      assignedOrgId: org.id,
      assignedAt: now,
      dueAt,
      overdueFlaggedAt: null,
      isPublic: input.publish,
      moderatedBy: ctx.actor.id,
      moderatedAt: now,
    });
    if (input.publish) await tx.insert(feedbackEvents).values({ feedbackId: row.id, event: 'published', actorId: ctx.actor.id, at: now });
    await tx.insert(feedbackEvents).values({ feedbackId: row.id, event: 'assigned', actorId: ctx.actor.id, at: now });
    await announceFeedbackChange(tx, row.id);
    await appendAudit(tx, { actor: ctx.actor, action: 'feedback.assigned', entityType: 'feedback', entityId: row.id, after: { organisationId: org.id, dueAt: dueAt.toISOString(), public: input.publish }, at: now });
    return { dueAt };
  });
}

/** Shows or hides an item's text (and answer) publicly; its status page stays either way. */
export async function setFeedbackPublic(ctx: Ctx, input: { trackingCode: string; publish: boolean }) {
  assertCan(ctx.actor, 'feedback.moderate');
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await move(tx, input.trackingCode, ['assigned', 'answered', 'closed'], { isPublic: input.publish, moderatedBy: ctx.actor.id, moderatedAt: now });
    if (input.publish) await tx.insert(feedbackEvents).values({ feedbackId: row.id, event: 'published', actorId: ctx.actor.id, at: now });
    await announceFeedbackChange(tx, row.id);
    await appendAudit(tx, { actor: ctx.actor, action: input.publish ? 'feedback.published' : 'feedback.unpublished', entityType: 'feedback', entityId: row.id, at: now });
  });
}

/** 不予受理: spam, abuse or out of scope; the reason is public, the text is not. */
export async function rejectFeedback(ctx: Ctx, input: { trackingCode: string; reason: string }) {
  assertCan(ctx.actor, 'feedback.moderate');
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await move(tx, input.trackingCode, ['received', 'assigned'], { status: 'rejected', rejectReason: input.reason, isPublic: false, moderatedBy: ctx.actor.id, moderatedAt: now });
    await tx.insert(feedbackEvents).values({ feedbackId: row.id, event: 'rejected', note: input.reason, actorId: ctx.actor.id, at: now });
    await announceFeedbackChange(tx, row.id);
    await appendAudit(tx, { actor: ctx.actor, action: 'feedback.rejected', entityType: 'feedback', entityId: row.id, after: { reason: input.reason }, at: now });
  });
}

/** 合并重复: the duplicate's status page points at the item that will be answered. */
export async function mergeFeedback(ctx: Ctx, input: { trackingCode: string; intoTrackingCode: string }) {
  assertCan(ctx.actor, 'feedback.moderate');
  if (input.trackingCode === input.intoTrackingCode) throw new AppError('validation', 'participation.mergeSelf', { intoTrackingCode: 'participation.mergeSelf' });
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    // Both items locked in one order before either is looked at: two moderators merging A into B
    // and B into A at once would otherwise each see the other's item open and make a cycle.
    const locked = await tx
      .select({ id: feedback.id, trackingCode: feedback.trackingCode, status: feedback.status })
      .from(feedback)
      .where(inArray(feedback.trackingCode, [input.trackingCode, input.intoTrackingCode]))
      .orderBy(asc(feedback.id))
      .for('update');
    const target = locked.find((r) => r.trackingCode === input.intoTrackingCode && r.status !== 'rejected' && r.status !== 'merged');
    if (!target) throw new AppError('validation', 'participation.mergeTargetUnknown', { intoTrackingCode: 'participation.mergeTargetUnknown' });
    const row = await move(tx, input.trackingCode, ['received', 'assigned'], { status: 'merged', mergedIntoId: target.id, isPublic: false, moderatedBy: ctx.actor.id, moderatedAt: now });
    await tx.insert(feedbackEvents).values({ feedbackId: row.id, event: 'merged', note: input.intoTrackingCode, actorId: ctx.actor.id, at: now });
    await announceFeedbackChange(tx, row.id);
    await appendAudit(tx, { actor: ctx.actor, action: 'feedback.merged', entityType: 'feedback', entityId: row.id, after: { into: target.id }, at: now });
  });
}

/** 办结: after the answer; the closing note is public. */
export async function closeFeedback(ctx: Ctx, input: { trackingCode: string; reason?: string }) {
  assertCan(ctx.actor, 'feedback.moderate');
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await move(tx, input.trackingCode, ['answered'], { status: 'closed', closedAt: now });
    await tx.insert(feedbackEvents).values({ feedbackId: row.id, event: 'closed', note: input.reason ?? null, actorId: ctx.actor.id, at: now });
    await announceFeedbackChange(tx, row.id);
    await appendAudit(tx, { actor: ctx.actor, action: 'feedback.closed', entityType: 'feedback', entityId: row.id, at: now });
  });
}

/** Recent decisions, for the moderator's own record. */
export async function recentModeration(ctx: Ctx) {
  assertCan(ctx.actor, 'feedback.moderate');
  return ctx.db
    .select({ trackingCode: feedback.trackingCode, status: feedback.status, moderatedAt: feedback.moderatedAt })
    .from(feedback)
    .where(inArray(feedback.status, ['rejected', 'merged', 'closed']))
    .orderBy(desc(feedback.moderatedAt))
    .limit(50);
}

