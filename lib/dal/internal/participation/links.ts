import 'server-only';
import { randomBytes } from 'node:crypto';
import { hmacSha256 } from '@/lib/domain/sha256';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { settings } from '@/db/schema';
import { sha256Hex } from '@/lib/domain/sha256';

/** How long a confirmation link works. */
export const CONFIRM_LINK_DAYS = 7;

/**
 * The key citizen links are derived from: NEXTAUTH_SECRET when set, else the one the portal generated
 * and keeps in the database (the same one sessions are signed with), so every instance derives the same links.
 */
export async function linkSecret(db: Queryable): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  await db.insert(settings).values({ key: 'auth_secret', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'auth_secret'));
  return row!.value;
}

/**
 * A link's token, derived rather than stored: the database keeps only its SHA-256, and the mail
 * worker derives it again from a label (a random nonce in the outbox row, or the follow it ends).
 */
export const deriveToken = (secret: string, label: string): string => Buffer.from(hmacSha256(secret, `citizen-link\0${label}`)).toString('base64url');

export const tokenHash = (token: string): string => sha256Hex(`citizen-token:${token}`);

export const newNonce = (): string => randomBytes(16).toString('base64url');

/** The label of a follow's one-click unfollow link: one link per follow, valid until it is used. */
export const unfollowLabel = (followId: number): string => `unfollow:${followId}`;

/** A derived token: 43 base64url characters; a rating's carries its score in front (`4.…`). */
export const TOKEN_PATTERN = /^(?:[1-5]\.)?[A-Za-z0-9_-]{43}$/;
