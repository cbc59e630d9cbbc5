import 'server-only';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@/lib/domain/sha256';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { settings } from '@/db/schema';

/**
 * Set-password links: an administrator never sees or chooses a user's password. Creating a user
 * (or resetting one) issues a single-use link; only the SHA-256 of its random token is stored, in
 * the `settings` table under `password_setup:<hash>` with the user and an expiry, so no schema
 * change is needed and every instance sees the same tokens. Using the link deletes its row in the
 * same transaction that sets the password, so it works once; issuing a new link for a user
 * cancels the older ones.
 */
export const PASSWORD_LINK_TTL_HOURS = 72;
const PREFIX = 'password_setup:';

export const keyFor = (token: string) => PREFIX + sha256Hex(token);

export interface Stored {
  userId: number;
  expiresAt: string;
}

export function parseStored(value: string): Stored | null {
  try {
    const v = JSON.parse(value) as Partial<Stored>;
    return typeof v.userId === 'number' && typeof v.expiresAt === 'string' ? { userId: v.userId, expiresAt: v.expiresAt } : null;
  } catch {
    return null;
  }
}

/** Issues a new link for a user inside the caller's transaction; returns the token, shown once. */
export async function issuePasswordToken(tx: Tx, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  // The user's older links, and anyone's expired ones, can no longer be used.
  await tx.execute(
    // CASE keeps the JSON cast away from the other settings rows, whatever order the planner picks.
    sql`delete from settings where key like ${PREFIX + '%'} and case when key like ${PREFIX + '%'}
      then (value::jsonb->>'userId')::int = ${userId} or (value::jsonb->>'expiresAt')::timestamptz <= ${now.toISOString()}::timestamptz else false end`,
  );
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_HOURS * 3_600_000);
  await tx.insert(settings).values({ key: keyFor(token), value: JSON.stringify({ userId, expiresAt: expiresAt.toISOString() } satisfies Stored) });
  return { token, expiresAt };
}

