import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { citizenContacts, citizenTokens, outbox } from '@/db/schema';
import { CONFIRM_LINK_DAYS, deriveToken, linkSecret, newNonce, tokenHash, unfollowLabel } from './links';

/** The outbox topic of mails to one citizen: confirmation links. */
export const CITIZEN_MAIL_TOPIC = 'citizen_mail';

export interface CitizenMailPayload {
  purpose: 'confirm_follow' | 'confirm_rating';
  tokenId: number;
  /** The label the link's token is derived from; the token itself is stored nowhere. */
  nonce: string;
  /** Put in front of the derived token (a rating's score), so the link carries it. */
  prefix: string;
}

/** The contact of an address, made on first use; one mailbox is one contact however it was typed. */
export async function contactFor(tx: Tx, typed: string): Promise<number> {
  const email = typed.trim().toLowerCase();
  await tx.insert(citizenContacts).values({ email }).onConflictDoNothing();
  const [row] = await tx.select({ id: citizenContacts.id }).from(citizenContacts).where(eq(citizenContacts.email, email));
  return row!.id;
}

/**
 * A confirmation link and the mail that carries it, written in the caller's transaction: the outbox
 * row is sent by the worker, so the link exists exactly when the request committed.
 */
export async function queueConfirmation(tx: Tx, input: { purpose: CitizenMailPayload['purpose']; contactId: number; targetId: number; prefix?: string; now: Date }): Promise<void> {
  const nonce = newNonce();
  const prefix = input.prefix ?? '';
  const token = prefix + deriveToken(await linkSecret(tx), `confirm:${nonce}`);
  const [row] = await tx
    .insert(citizenTokens)
    .values({ tokenHash: tokenHash(token), purpose: input.purpose, contactId: input.contactId, targetId: input.targetId, expiresAt: new Date(input.now.getTime() + CONFIRM_LINK_DAYS * 86_400_000), createdAt: input.now })
    .returning({ id: citizenTokens.id });
  const payload: CitizenMailPayload = { purpose: input.purpose, tokenId: row!.id, nonce, prefix };
  await tx.insert(outbox).values({ topic: CITIZEN_MAIL_TOPIC, dedupeKey: `citizen_mail:${row!.id}`, payload, createdAt: input.now, availableAt: input.now });
}

/** The token a confirmation mail carries, derived again from its outbox row. */
export async function confirmationToken(db: Queryable, payload: CitizenMailPayload): Promise<string> {
  return payload.prefix + deriveToken(await linkSecret(db), `confirm:${payload.nonce}`);
}

/** A follow's one-click unfollow token; its hash is recorded when the follow is confirmed. */
export async function unfollowToken(db: Queryable, followId: number): Promise<string> {
  return deriveToken(await linkSecret(db), unfollowLabel(followId));
}

export async function recordUnfollowToken(tx: Tx, followId: number, contactId: number, now: Date): Promise<void> {
  await tx.insert(citizenTokens).values({ tokenHash: tokenHash(await unfollowToken(tx, followId)), purpose: 'unfollow', contactId, targetId: followId, createdAt: now }).onConflictDoNothing();
}

/** A token row by its token, locked for the caller's transaction; null when unknown. */
export async function tokenRow(tx: Tx, token: string, purpose: 'confirm_follow' | 'confirm_rating' | 'unfollow') {
  const [row] = await tx
    .select()
    .from(citizenTokens)
    .where(and(eq(citizenTokens.tokenHash, tokenHash(token)), eq(citizenTokens.purpose, purpose)))
    .for('update');
  return row ?? null;
}

