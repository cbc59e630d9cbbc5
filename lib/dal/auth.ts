import 'server-only';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
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
 * Unknown accounts cost the same work and give the same answer as a wrong password.
 */
export async function authenticate(db: Db, input: { username: string; password: string; ip: string }, now = new Date()): Promise<AuthResult> {
  const username = input.username.trim();
  const keys = throttleKeys(username, input.ip);
  const blocked = await db
    .select({ until: authThrottles.blockedUntil })
    .from(authThrottles)
    .where(and(inArray(authThrottles.key, keys), gt(authThrottles.blockedUntil, now)));
  if (blocked.length > 0) {
    const until = Math.max(...blocked.map((b) => b.until!.getTime()));
    return { ok: false, reason: 'throttled', retryAfterS: Math.ceil((until - now.getTime()) / 1000) };
  }

  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username));
  const passwordOk = await verifyPassword(user?.hash ?? null, input.password);
  if (!user || !passwordOk || user.disabledAt) {
    await recordFailure(db, keys, now);
    return { ok: false, reason: 'invalid' };
  }
  await db.delete(authThrottles).where(eq(authThrottles.key, keys[0]!));
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

async function recordFailure(db: Db, keys: string[], now: Date) {
  const at = now.toISOString();
  for (const key of keys) {
    const free = key.startsWith('acct:') ? FREE_FAILURES.acct : FREE_FAILURES.ip;
    // One upsert per key, so concurrent failures seen by several instances all count.
    const [row] = rowsOf<{ failures: number }>(
      await db.execute(sql`
        insert into auth_throttles (key, failures, last_failure_at) values (${key}, 1, ${at}::timestamptz)
        on conflict (key) do update set
          failures = case when auth_throttles.last_failure_at < ${at}::timestamptz - make_interval(secs => ${FORGET_AFTER_S})
                          then 1 else auth_throttles.failures + 1 end,
          last_failure_at = excluded.last_failure_at
        returning failures`),
    );
    const failures = Number(row?.failures ?? 1);
    if (failures >= free) {
      const delayS = Math.min(MAX_DELAY_S, 2 ** Math.min(failures - free, 20));
      await db.update(authThrottles).set({ blockedUntil: new Date(now.getTime() + delayS * 1000) }).where(eq(authThrottles.key, key));
    }
  }
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
