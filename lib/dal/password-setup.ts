import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/db/client';
import { settings, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { sha256Hex } from '@/lib/domain/sha256';
import { appendAudit } from './audit';

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

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const keyFor = (token: string) => PREFIX + sha256Hex(token);

interface Stored {
  userId: number;
  expiresAt: string;
}

function parseStored(value: string): Stored | null {
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

/** The account a link would set the password of, or null when the link is unknown, used or expired. */
export async function passwordLinkAccount(db: Db, token: string, now = new Date()): Promise<{ username: string; displayName: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, keyFor(token)));
  const stored = row && parseStored(row.value);
  if (!stored || new Date(stored.expiresAt) <= now) return null;
  const [user] = await db.select({ username: users.username, displayName: users.displayName, disabledAt: users.disabledAt }).from(users).where(eq(users.id, stored.userId));
  return user && !user.disabledAt ? { username: user.username, displayName: user.displayName } : null;
}

export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return 'account.passwordLength';
  if (password.trim().toLowerCase() === username.toLowerCase()) return 'account.passwordIsUsername';
  return null;
}

/**
 * Sets the password through a link: the token row is deleted as it is read, so a link works
 * once even when used twice at the same moment. Open sessions of the account end (session
 * version bumped). One transaction with the audit entry, written as the account itself.
 */
export async function setPasswordWithToken(db: Db, token: string, password: string, confirm: string, now = new Date()): Promise<{ username: string }> {
  if (password !== confirm) throw new AppError('validation', 'account.passwordMismatch', { confirm: 'account.passwordMismatch' });
  const account = await passwordLinkAccount(db, token, now);
  if (!account) throw new AppError('not_found', 'account.linkInvalid');
  const problem = passwordProblem(password, account.username);
  if (problem) throw new AppError('validation', problem, { password: problem });
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [taken] = rowsOf<{ value: string }>(await tx.execute(sql`delete from settings where key = ${keyFor(token)} returning value`));
    const stored = taken && parseStored(taken.value);
    if (!stored || new Date(stored.expiresAt) <= now) throw new AppError('not_found', 'account.linkInvalid');
    const [user] = await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, stored.userId), sql`${users.disabledAt} is null`))
      .returning({ id: users.id, role: users.role, username: users.username });
    if (!user) throw new AppError('not_found', 'account.linkInvalid');
    await appendAudit(tx, { actor: { id: user.id, role: user.role }, action: 'user.password_set', entityType: 'user', entityId: user.id, after: { via: 'set_password_link' } });
    return { username: user.username };
  });
}
