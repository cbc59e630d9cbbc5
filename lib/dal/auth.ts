import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { authThrottles, organisations, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { scopeOf } from '@/lib/auth/permissions';
import type { Actor } from './actor';

/** After this many failures a key must wait, doubling each time, up to MAX_DELAY_S. */
const FREE_FAILURES = { acct: 5, ip: 20 } as const;
const MAX_DELAY_S = 15 * 60;
/** Failures older than this are forgotten. */
const FORGET_AFTER_S = 15 * 60;

export type AuthResult = { ok: true; userId: number; sessionVersion: number } | { ok: false; reason: 'invalid' | 'throttled'; retryAfterS?: number };

export const throttleKeys = (username: string, ip: string) => [`acct:${username.trim().toLowerCase()}`, `ip:${ip}`];

/**
 * Checks a password with per-account and per-address slow-down counted in the database.
 * Every attempt is counted before the password is checked, so parallel guesses cannot slip
 * past the limit; a success clears the account's count. Unknown accounts cost the same work and
 * get the same answer as a wrong password.
 */
export async function authenticate(db: Db, input: { username: string; password: string; ip: string }, now = new Date()): Promise<AuthResult> {
  const username = input.username.trim();
  const keys = throttleKeys(username, input.ip);
  let waitS = 0;
  for (const key of keys) waitS = Math.max(waitS, await countAttempt(db, key, now));
  if (waitS > 0) return { ok: false, reason: 'throttled', retryAfterS: waitS };

  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username));
  const passwordOk = await verifyPassword(user?.hash ?? null, input.password);
  if (!user || !passwordOk || user.disabledAt) return { ok: false, reason: 'invalid' };
  await db.delete(authThrottles).where(eq(authThrottles.key, keys[0]!));
  // The address keeps its count minus this success, so one good account cannot launder a spray.
  await db.update(authThrottles).set({ failures: sql`greatest(${authThrottles.failures} - 1, 0)` }).where(eq(authThrottles.key, keys[1]!));
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

const delayFor = (attempts: number, free: number) => (attempts <= free ? 0 : Math.min(MAX_DELAY_S, 2 ** Math.min(attempts - free - 1, 20)));

/**
 * Counts one attempt for a key (one statement, shared by every instance) and returns how many
 * seconds the caller must still wait: past the free attempts, each attempt must come at least
 * 2^(n − free − 1) s after the previous one, so a burst of parallel attempts is refused too.
 */
async function countAttempt(db: Db, key: string, now: Date): Promise<number> {
  const free = key.startsWith('acct:') ? FREE_FAILURES.acct : FREE_FAILURES.ip;
  const at = now.toISOString();
  // Read-and-count under the row lock: parallel attempts queue here and each sees the one before.
  const row = await db.transaction(async (tx) => {
    // The row must exist before it can be locked, or parallel first attempts would not queue.
    await tx.insert(authThrottles).values({ key, failures: 0, lastFailureAt: new Date(0) }).onConflictDoNothing();
    const [prev] = await tx.select({ at: authThrottles.lastFailureAt }).from(authThrottles).where(eq(authThrottles.key, key)).for('update');
    const [counted] = rowsOf<{ failures: number }>(
      await tx.execute(sql`
        insert into auth_throttles (key, failures, last_failure_at) values (${key}, 1, ${at}::timestamptz)
        on conflict (key) do update set
          failures = case when auth_throttles.last_failure_at < ${at}::timestamptz - make_interval(secs => ${FORGET_AFTER_S})
                          then 1 else auth_throttles.failures + 1 end,
          last_failure_at = excluded.last_failure_at
        returning failures`),
    );
    return { failures: Number(counted?.failures ?? 1), previous: prev?.at && prev.at.getTime() > 0 ? prev.at.toISOString() : null };
  });
  const attempts = Number(row?.failures ?? 1);
  const needed = delayFor(attempts, free);
  if (needed === 0 || !row?.previous) return 0;
  const elapsedS = (now.getTime() - new Date(row.previous).getTime()) / 1000;
  return elapsedS >= needed ? 0 : Math.ceil(needed - elapsedS);
}

/**
 * Re-reads the user on every request: a disabled user, or a token minted before a role change,
 * gets no actor whatever token they hold.
 */
export async function loadActor(db: Db, userId: number, sessionVersion: number): Promise<Actor | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!row || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    scope: scopeOf(row.role),
  };
}
