import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Queryable } from '@/db/client';
import { authSessions, authThrottles, knownSignInAddresses, organisations, securityEvents, users } from '@/db/schema';
import { type SecurityEventKind } from '@/lib/domain/vocabulary';
import { UNVERIFIED_ADDRESS } from '@/lib/auth/client-ip';
import { verifyPassword } from '@/lib/auth/password';
import { scopeOf } from '@/lib/auth/permissions';
import type { Actor } from './actor';

/** A session lasts this long from sign-in, whatever the activity. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/**
 * Past `free` counted attempts a key slows down: each further attempt must come at least
 * 2^(n − free − 1) s after the previous one, up to maxDelayS. Nothing ever locks: the owner of an
 * account passes its slow-down with the right password from an address they signed in from before,
 * and such a known address is counted per (address, account) pair rather than per address.
 */
export const SIGN_IN_LIMITS = {
  /** per account (a guesser at one account) */
  accountFree: 5,
  /** per address and account, instead of per address and globally, at an address the account signed in from before */
  pairFree: 5,
  /** per address (one machine spraying many accounts) */
  addressFree: 20,
  /** all unknown addresses together (a spray from many machines) */
  globalFree: 300,
  maxDelayS: 15 * 60,
  /** counts older than this are forgotten */
  forgetAfterS: 15 * 60,
};
export type SignInLimits = typeof SIGN_IN_LIMITS;

export type AuthResult =
  | { ok: true; userId: number; sessionVersion: number }
  | { ok: false; reason: 'invalid' | 'throttled'; retryAfterS?: number };

const accountKey = (username: string) => `acct:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;
const pairKey = (address: string, username: string) => `pair:${address}|${username.trim().toLowerCase()}`;
const GLOBAL_KEY = 'global';

async function recordSecurityEvent(
  db: Queryable,
  event: { kind: SecurityEventKind; username: string; userId?: number | null; address: string; detail?: Record<string, unknown> },
  now = new Date(),
): Promise<void> {
  await db.insert(securityEvents).values({
    at: now,
    kind: event.kind,
    username: event.username.slice(0, 100),
    userId: event.userId ?? null,
    address: event.address.slice(0, 64),
    detail: event.detail ?? null,
  });
}

/**
 * Checks a password under slow-downs counted in the database (shared by every instance): per
 * account and, from an address the account never signed in from, per address and globally; from
 * an address it did sign in from (known), per (address, account) pair instead of per address and
 * globally, and the account slow-down is passed. Every attempt is counted before the password is
 * checked, so parallel guesses cannot slip past. So a spray of made-up usernames from a shared
 * address (a proxy, an office NAT) slows strangers down but never locks out the owners who signed
 * in from it before, while guesses at one account from its known address still slow. Unknown accounts cost
 * the same work and get the same answer as a wrong password. Every outcome goes to the security log.
 */
export async function authenticate(
  db: Db,
  input: { username: string; password: string; ip: string },
  now = new Date(),
  limits: SignInLimits = SIGN_IN_LIMITS,
): Promise<AuthResult> {
  const username = input.username.trim();
  const address = input.ip;
  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username));
  const known = !!user && address !== UNVERIFIED_ADDRESS && (await isKnownAddress(db, user.id, address));

  // A known address counts per (address, account) pair instead, so a spray of other names from a
  // shared address cannot slow its owners; unknown addresses count per address and globally.
  const addressWait = known ? 0 : await countAttempt(db, addressKey(address), limits.addressFree, limits, now);
  const pairWait = known ? await countAttempt(db, pairKey(address, username), limits.pairFree, limits, now) : 0;
  const accountWait = await countAttempt(db, accountKey(username), limits.accountFree, limits, now);
  const globalWait = known ? 0 : await countAttempt(db, GLOBAL_KEY, limits.globalFree, limits, now);
  const waits = { address: addressWait, pair: pairWait, account: known ? 0 : accountWait, global: globalWait };
  const waitS = Math.max(...Object.values(waits));
  if (waitS > 0) {
    const by = Object.entries(waits).filter(([, w]) => w > 0).map(([k]) => k);
    await recordSecurityEvent(db, { kind: 'sign_in.throttled', username, userId: user?.id, address, detail: { by, retryAfterS: waitS } }, now);
    return { ok: false, reason: 'throttled', retryAfterS: waitS };
  }

  const passwordOk = await verifyPassword(user?.hash ?? null, input.password);
  if (!user || !passwordOk || user.disabledAt) {
    const reason = !user ? 'unknown_account' : user.disabledAt && passwordOk ? 'disabled' : 'wrong_password';
    await recordSecurityEvent(db, { kind: 'sign_in.failed', username, userId: user?.id, address, detail: { reason } }, now);
    return { ok: false, reason: 'invalid' };
  }
  // An owner passing an ongoing slow-down leaves the attacker's count in place.
  if (accountWait === 0) await db.delete(authThrottles).where(eq(authThrottles.key, accountKey(username)));
  // The counts this attempt went to (address and global, or the pair) keep it minus one, so one
  // good account cannot launder a spray or a NAT-mate's guesses.
  const counted = known ? [pairKey(address, username)] : [addressKey(address), GLOBAL_KEY];
  await db
    .update(authThrottles)
    .set({ failures: sql`greatest(${authThrottles.failures} - 1, 0)` })
    .where(inArray(authThrottles.key, counted));
  if (address !== UNVERIFIED_ADDRESS) {
    await db
      .insert(knownSignInAddresses)
      .values({ userId: user.id, address, lastSuccessAt: now })
      .onConflictDoUpdate({ target: [knownSignInAddresses.userId, knownSignInAddresses.address], set: { lastSuccessAt: now } });
  }
  await recordSecurityEvent(db, { kind: 'sign_in.succeeded', username, userId: user.id, address, detail: known && accountWait > 0 ? { passedSlowDown: true } : undefined }, now);
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

async function isKnownAddress(db: Db, userId: number, address: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: knownSignInAddresses.userId })
    .from(knownSignInAddresses)
    .where(and(eq(knownSignInAddresses.userId, userId), eq(knownSignInAddresses.address, address)));
  return !!row;
}

const delayFor = (attempts: number, free: number, maxDelayS: number) => (attempts <= free ? 0 : Math.min(maxDelayS, 2 ** Math.min(attempts - free - 1, 20)));

/**
 * Counts one attempt for a key (one statement, shared by every instance) and returns how many
 * seconds the caller must still wait: past the free attempts, each attempt must come at least
 * 2^(n − free − 1) s after the previous one, so a burst of parallel attempts is refused too.
 */
async function countAttempt(db: Db, key: string, free: number, limits: SignInLimits, now: Date): Promise<number> {
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
          failures = case when auth_throttles.last_failure_at < ${at}::timestamptz - make_interval(secs => ${limits.forgetAfterS})
                          then 1 else auth_throttles.failures + 1 end,
          last_failure_at = excluded.last_failure_at
        returning failures`),
    );
    return { failures: Number(counted?.failures ?? 1), previous: prev?.at && prev.at.getTime() > 0 ? prev.at.toISOString() : null };
  });
  const needed = delayFor(row.failures, free, limits.maxDelayS);
  if (needed === 0 || !row.previous) return 0;
  const elapsedS = (now.getTime() - new Date(row.previous).getTime()) / 1000;
  return elapsedS >= needed ? 0 : Math.ceil(needed - elapsedS);
}

/** Opens a server-side session after a successful sign-in; its random id travels in the JWT. */
export async function openSession(db: Db, userId: number, address: string, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.insert(authSessions).values({ id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000), address: address.slice(0, 64) });
  // Long-dead rows of this user are of no further use.
  await db.delete(authSessions).where(and(eq(authSessions.userId, userId), lt(authSessions.expiresAt, new Date(now.getTime() - 24 * 60 * 60 * 1000))));
  return id;
}

/**
 * Ends a session on the server: its cookie, replayed, no longer yields an actor. The row is revoked
 * and the sign-out written to the security log in one transaction; a session already ended is left
 * as it is and logged once.
 */
export async function endSession(db: Db, sessionId: string, address: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .update(authSessions)
      .set({ revokedAt: now })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)))
      .returning({ userId: authSessions.userId });
    if (!ended) return;
    const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, ended.userId));
    await recordSecurityEvent(tx, { kind: 'sign_out', username: user?.username ?? '', userId: ended.userId, address }, now);
  });
}

/**
 * Re-reads the user and their session on every request: a disabled user, a token minted before a
 * role change, or a session ended (sign-out, expiry) gets no actor whatever token they hold.
 */
export async function loadActor(db: Db, userId: number, sessionVersion: number, sessionId: string, now = new Date()): Promise<Actor | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      organisationNameEn: organisations.nameEn,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .innerJoin(authSessions, and(eq(authSessions.userId, users.id), eq(authSessions.id, sessionId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
    .where(eq(users.id, userId));
  if (!row || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    organisationNameEn: row.organisationNameEn,
    scope: scopeOf(row.role),
  };
}
