import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rowsOf, type Db } from '@/db/client';
import { settings, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { keyFor, parseStored } from '../internal/password-tokens';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

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

/** For the public set-password page: the link's token is the caller's only credential. */
export async function accountOfPasswordLink(token: string): Promise<{ username: string; displayName: string } | null> {
  return passwordLinkAccount(await getDb(), token);
}

/** For the public set-password action: the link's token is the caller's only credential. */
export async function choosePasswordByLink(token: string, password: string, confirm: string): Promise<{ username: string }> {
  return setPasswordWithToken(await getDb(), token, password, confirm);
}
