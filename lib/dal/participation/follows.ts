import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Db, Tx } from '@/db/client';
import { citizenTokens, follows } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { CitizenFollowInput } from '@/lib/schemas/participation-follow';
import { appendAudit } from '../internal/audit';
import { contactFor, queueConfirmation, recordUnfollowToken, tokenRow } from '../internal/participation/confirmations';
import { awaitSubmissionGuard } from '../internal/participation/guard';
import { TOKEN_PATTERN } from '../internal/participation/links';
import { publicSubjectById, publicSubjectByCode, type CitizenSubjectType, type PublicSubject } from '../internal/participation/subjects';

export type FollowLinkOutcome = 'confirmed' | 'already_confirmed' | 'left' | 'already_left' | 'expired' | 'invalid';

export interface FollowLinkResult {
  outcome: FollowLinkOutcome;
  /** What the follow is of, while it is public. */
  subject: Pick<PublicSubject, 'type' | 'code' | 'name'> | null;
}

const subjectOf = async (q: Tx | Db, followId: number) => {
  const [f] = await q.select({ type: follows.subjectType, id: follows.subjectId, confirmedAt: follows.confirmedAt }).from(follows).where(eq(follows.id, followId));
  if (!f || f.type === 'batch') return null;
  const s = await publicSubjectById(q, f.type as CitizenSubjectType, f.id);
  return { follow: f, subject: s ? { type: s.type, code: s.code, name: s.name } : null };
};

/**
 * A citizen asks to follow a public project, programme or county by e-mail: a pending follow and a
 * confirmation mail (double opt-in). The answer is the same whether the address is new, pending or
 * already following, so it reveals nothing about who follows what; an already confirmed follow gets
 * no mail. An unknown or withheld subject is `not_found`, the same for both.
 */
export async function requestCitizenFollow(db: Db, input: CitizenFollowInput, clientAddress: string, now = new Date()): Promise<{ status: 'check_mail' }> {
  await awaitSubmissionGuard(db, clientAddress, 'follow', now);
  return db.transaction(async (tx) => {
    const subject = await publicSubjectByCode(tx, input.subjectType, input.code);
    if (!subject) throw new AppError('not_found', 'follow.subjectUnknown');
    const contactId = await contactFor(tx, input.email);
    await tx.insert(follows).values({ subjectType: subject.type, subjectId: subject.id, citizenContactId: contactId, createdAt: now }).onConflictDoNothing();
    const [follow] = await tx
      .select({ id: follows.id, confirmedAt: follows.confirmedAt })
      .from(follows)
      .where(and(eq(follows.subjectType, subject.type), eq(follows.subjectId, subject.id), eq(follows.citizenContactId, contactId)))
      .for('update');
    if (follow!.confirmedAt) return { status: 'check_mail' as const };
    // A new request replaces the links of earlier ones: only the latest mail confirms.
    await tx
      .update(citizenTokens)
      .set({ usedAt: now })
      .where(and(eq(citizenTokens.purpose, 'confirm_follow'), eq(citizenTokens.targetId, follow!.id), isNull(citizenTokens.usedAt)));
    await queueConfirmation(tx, { purpose: 'confirm_follow', contactId, targetId: follow!.id, now });
    await appendAudit(tx, { actor: null, action: 'follow.requested', entityType: subject.type, entityId: subject.id, after: { followId: follow!.id } });
    return { status: 'check_mail' as const };
  });
}

/** What a confirmation link would do, for its page (opening the page changes nothing: mail scanners open links). */
export async function followConfirmLink(db: Db, token: string, now = new Date()): Promise<FollowLinkResult> {
  if (!TOKEN_PATTERN.test(token)) return { outcome: 'invalid', subject: null };
  return db.transaction(async (tx) => {
    const row = await tokenRow(tx, token, 'confirm_follow');
    const found = row && (await subjectOf(tx, row.targetId));
    if (!row || !found?.subject) return { outcome: 'invalid' as const, subject: null };
    if (found.follow.confirmedAt) return { outcome: 'already_confirmed' as const, subject: found.subject };
    if (row.usedAt) return { outcome: 'invalid' as const, subject: null };
    if (row.expiresAt && row.expiresAt <= now) return { outcome: 'expired' as const, subject: found.subject };
    return { outcome: 'confirmed' as const, subject: found.subject };
  });
}

/**
 * Confirms a follow by the link mailed to its address; idempotent (a confirmed follow stays
 * confirmed). Confirming records the follow's one-click unfollow link, which every later mail carries.
 */
export async function confirmCitizenFollow(db: Db, token: string, clientAddress: string, now = new Date()): Promise<FollowLinkResult> {
  await awaitSubmissionGuard(db, clientAddress, 'link', now);
  if (!TOKEN_PATTERN.test(token)) return { outcome: 'invalid', subject: null };
  return db.transaction(async (tx) => {
    const row = await tokenRow(tx, token, 'confirm_follow');
    const found = row && (await subjectOf(tx, row.targetId));
    if (!row || !found?.subject) return { outcome: 'invalid' as const, subject: null };
    if (found.follow.confirmedAt) return { outcome: 'already_confirmed' as const, subject: found.subject };
    if (row.usedAt) return { outcome: 'invalid' as const, subject: null };
    if (row.expiresAt && row.expiresAt <= now) return { outcome: 'expired' as const, subject: found.subject };
    await tx.update(follows).set({ confirmedAt: now }).where(and(eq(follows.id, row.targetId), isNull(follows.confirmedAt)));
    await tx.update(citizenTokens).set({ usedAt: now }).where(eq(citizenTokens.id, row.id));
    await recordUnfollowToken(tx, row.targetId, row.contactId, now);
    await appendAudit(tx, { actor: null, action: 'follow.confirmed', entityType: found.subject.type, entityId: found.follow.id, after: { followId: row.targetId } });
    return { outcome: 'confirmed' as const, subject: found.subject };
  });
}

/** What an unfollow link would end, for its page. */
export async function followLeaveLink(db: Db, token: string): Promise<FollowLinkResult> {
  if (!TOKEN_PATTERN.test(token)) return { outcome: 'invalid', subject: null };
  return db.transaction(async (tx) => {
    const row = await tokenRow(tx, token, 'unfollow');
    if (!row) return { outcome: 'invalid' as const, subject: null };
    if (row.usedAt) return { outcome: 'already_left' as const, subject: null };
    const found = await subjectOf(tx, row.targetId);
    return { outcome: 'left' as const, subject: found?.subject ?? null };
  });
}

/**
 * Ends a follow by its unfollow link, in one step (RFC 8058 one-click: the link is the credential);
 * idempotent. Works even when the subject has since been withheld.
 */
export async function leaveCitizenFollow(db: Db, token: string, clientAddress: string, now = new Date()): Promise<FollowLinkResult> {
  await awaitSubmissionGuard(db, clientAddress, 'link', now);
  if (!TOKEN_PATTERN.test(token)) return { outcome: 'invalid', subject: null };
  return db.transaction(async (tx) => {
    const row = await tokenRow(tx, token, 'unfollow');
    if (!row) return { outcome: 'invalid' as const, subject: null };
    if (row.usedAt) return { outcome: 'already_left' as const, subject: null };
    const found = await subjectOf(tx, row.targetId);
    const [gone] = await tx.delete(follows).where(and(eq(follows.id, row.targetId), eq(follows.citizenContactId, row.contactId))).returning({ type: follows.subjectType, id: follows.subjectId });
    await tx.update(citizenTokens).set({ usedAt: now }).where(eq(citizenTokens.id, row.id));
    if (gone) await appendAudit(tx, { actor: null, action: 'follow.left', entityType: gone.type, entityId: gone.id, after: { followId: row.targetId } });
    return { outcome: 'left' as const, subject: found?.subject ?? null };
  });
}

/* For the public pages, actions and routes: the link's token (or the typed address) is the caller's only credential. */
export const askToFollow = async (input: CitizenFollowInput, clientAddress: string) => requestCitizenFollow(await getDb(), input, clientAddress);
export const confirmFollowByLink = async (token: string, clientAddress: string) => confirmCitizenFollow(await getDb(), token, clientAddress);
export const leaveFollowByLink = async (token: string, clientAddress: string) => leaveCitizenFollow(await getDb(), token, clientAddress);
export const confirmLinkOf = async (token: string) => followConfirmLink(await getDb(), token);
export const leaveLinkOf = async (token: string) => followLeaveLink(await getDb(), token);
