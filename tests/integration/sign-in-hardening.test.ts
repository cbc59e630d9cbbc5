import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { DEMO_PASSWORD } from '@/lib/seed/demo';
import { clientAddress } from '@/lib/auth/client-ip';
import { authenticate, endSession, loadActor, openSession, SESSION_MAX_AGE_S, SIGN_IN_LIMITS } from '@/lib/dal/auth/sign-in';
import { listSecurityEvents } from '@/lib/dal/auth/security-log';
import { setUserDisabled } from '@/lib/dal/admin/users';
import { AppError } from '@/lib/errors';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const SECRET = 'test-process-secret';
/** The address the app derives for a request from `peer` carrying a forged X-Forwarded-For. */
const addressOf = (peer: string, forged: string) => clientAddress({ 'x-portal-peer': `${SECRET} ${peer}`, 'x-forwarded-for': forged }, { secret: SECRET, trustProxy: 0 });
const day = (d: number, ms = 0) => new Date(Date.UTC(2026, 10, d, 8) + ms);

describe.each(DRIVERS)('sign-in throttling, sessions and the security log on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('does not let a forged X-Forwarded-For escape the per-address slow-down', async () => {
    const now = day(1);
    const results = [];
    for (let i = 0; i < SIGN_IN_LIMITS.addressFree + 3; i++) {
      const ip = addressOf('198.51.100.20', `10.20.${i}.1`);
      results.push(await authenticate(t.db, { username: `nobody-${i}`, password: 'x', ip }, new Date(now.getTime() + i)));
    }
    expect(results.slice(0, SIGN_IN_LIMITS.addressFree).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
    const [row] = await t.db.select().from(s.authThrottles).where(eq(s.authThrottles.key, 'ip:198.51.100.20'));
    expect(row!.failures).toBe(SIGN_IN_LIMITS.addressFree + 3);
  });

  it('never locks the owner out: after 50 failures by an attacker the right password from a known address works', async () => {
    const now = day(2);
    expect((await authenticate(t.db, { username: 'admin', password: DEMO_PASSWORD, ip: '192.0.2.10' }, now)).ok).toBe(true);
    for (let i = 0; i < 50; i++) {
      await authenticate(t.db, { username: 'admin', password: `guess-${i}`, ip: `203.0.113.${i}` }, new Date(now.getTime() + 1000 + i));
    }
    const attacker = await authenticate(t.db, { username: 'admin', password: DEMO_PASSWORD, ip: '203.0.113.200' }, new Date(now.getTime() + 2000));
    expect(attacker).toMatchObject({ ok: false, reason: 'throttled' });
    const owner = await authenticate(t.db, { username: 'admin', password: DEMO_PASSWORD, ip: '192.0.2.10' }, new Date(now.getTime() + 2001));
    expect(owner.ok).toBe(true);
    // The owner's success does not reset the attacker's slow-down.
    const again = await authenticate(t.db, { username: 'admin', password: 'guess-again', ip: '203.0.113.201' }, new Date(now.getTime() + 2002));
    expect(again).toMatchObject({ ok: false, reason: 'throttled' });
    // A wrong password from the known address is still only a failure.
    const ownerTypo = await authenticate(t.db, { username: 'admin', password: 'typo', ip: '192.0.2.10' }, new Date(now.getTime() + 2003));
    expect(ownerTypo).toEqual({ ok: false, reason: 'invalid' });
  });

  it('slows down a spray from many addresses across many accounts, but not owners at known addresses', async () => {
    const now = day(3);
    const limits = { ...SIGN_IN_LIMITS, globalFree: 30 };
    expect((await authenticate(t.db, { username: 'reviewer', password: DEMO_PASSWORD, ip: '192.0.2.30' }, now, limits)).ok).toBe(true);
    for (let i = 0; i < 30; i++) {
      const r = await authenticate(t.db, { username: `staff-${i}`, password: 'Spring2026!', ip: `100.64.${i}.1` }, new Date(now.getTime() + 1000 + i), limits);
      expect(r).toEqual({ ok: false, reason: 'invalid' });
    }
    const sprayed = await authenticate(t.db, { username: 'officer', password: 'Spring2026!', ip: '100.64.200.1' }, new Date(now.getTime() + 2000), limits);
    expect(sprayed).toMatchObject({ ok: false, reason: 'throttled' });
    const owner = await authenticate(t.db, { username: 'reviewer', password: DEMO_PASSWORD, ip: '192.0.2.30' }, new Date(now.getTime() + 2001), limits);
    expect(owner.ok).toBe(true);
  });

  it('does not let made-up usernames from a shared address lock out the users who signed in from it, yet slows guesses at them there', async () => {
    const now = day(4);
    const shared = '198.51.100.77'; // a reverse proxy's or an office NAT's address
    const at = (ms: number) => new Date(now.getTime() + ms);
    const failures = async (key: string) => (await t.db.select().from(s.authThrottles).where(eq(s.authThrottles.key, key)))[0]?.failures ?? 0;
    expect((await authenticate(t.db, { username: 'admin', password: DEMO_PASSWORD, ip: shared }, now)).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMITS.addressFree + 6; i++) {
      await authenticate(t.db, { username: `made-up-${i}`, password: 'x', ip: shared }, at(1000 + i));
    }
    // The address is slowed for names (and accounts) that never signed in from it ...
    expect(await authenticate(t.db, { username: 'made-up-x', password: 'x', ip: shared }, at(2000))).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await authenticate(t.db, { username: 'reviewer', password: DEMO_PASSWORD, ip: shared }, at(2001))).toMatchObject({ ok: false, reason: 'throttled' });
    const addressCount = await failures(`ip:${shared}`);
    // ... but a user who signed in from it before gets in with the right password, and is not counted per address.
    expect((await authenticate(t.db, { username: 'admin', password: DEMO_PASSWORD, ip: shared }, at(2002))).ok).toBe(true);
    expect(await failures(`ip:${shared}`)).toBe(addressCount);
    // A NAT-mate guessing at that user from the same address is slowed by the (address, account) count.
    const guesses = [];
    for (let i = 0; i < SIGN_IN_LIMITS.pairFree + 1; i++) {
      guesses.push(await authenticate(t.db, { username: 'admin', password: `guess-${i}`, ip: shared }, at(3000 + i)));
    }
    expect(guesses.slice(0, SIGN_IN_LIMITS.pairFree).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(guesses.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await failures(`pair:${shared}|admin`)).toBe(SIGN_IN_LIMITS.pairFree + 1);
    expect(await failures(`ip:${shared}`)).toBe(addressCount);
  });

  it('ends a session on the server at sign-out: the replayed token gives no actor', async () => {
    const now = new Date();
    const signedIn = await authenticate(t.db, { username: 'officer', password: DEMO_PASSWORD, ip: '192.0.2.40' }, now);
    if (!signedIn.ok) throw new Error('sign-in failed');
    const sid = await openSession(t.db, signedIn.userId, '192.0.2.40', now);
    expect((await loadActor(t.db, signedIn.userId, signedIn.sessionVersion, sid))?.username).toBe('officer');
    await endSession(t.db, sid, '192.0.2.40');
    expect(await loadActor(t.db, signedIn.userId, signedIn.sessionVersion, sid)).toBeNull();
    // An id that was never issued, or another user's, gives nothing either.
    expect(await loadActor(t.db, signedIn.userId, signedIn.sessionVersion, 'made-up')).toBeNull();
    const other = await openSession(t.db, signedIn.userId, '192.0.2.40', now);
    const [auditor] = await t.db.select({ id: s.users.id, sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.username, 'auditor'));
    expect(await loadActor(t.db, auditor!.id, auditor!.sv, other)).toBeNull();
    // Sessions expire by time, whatever the token says.
    expect(await loadActor(t.db, signedIn.userId, signedIn.sessionVersion, other, new Date(now.getTime() + (SESSION_MAX_AGE_S + 1) * 1000))).toBeNull();
  });

  it('ends every session of a user the administrator disables', async () => {
    const [unit] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'unit'));
    const a = await openSession(t.db, unit!.id, '192.0.2.50');
    const b = await openSession(t.db, unit!.id, '192.0.2.51');
    await setUserDisabled(await ctxFor(t.db, 'admin'), unit!.id, true);
    await setUserDisabled(await ctxFor(t.db, 'admin'), unit!.id, false);
    const [after] = await t.db.select({ sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.id, unit!.id));
    expect(await loadActor(t.db, unit!.id, after!.sv, a)).toBeNull();
    expect(await loadActor(t.db, unit!.id, after!.sv, b)).toBeNull();
    const rows = await t.db.select({ revokedAt: s.authSessions.revokedAt }).from(s.authSessions).where(eq(s.authSessions.userId, unit!.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
  });

  it('writes successes, failures, slow-downs and sign-outs to an append-only log that administrators and auditors page through', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const auditor = await ctxFor(t.db, 'auditor');
    const all = await listSecurityEvents(auditor, { page: 1, pageSize: 10 });
    expect(all.rows).toHaveLength(10);
    expect(all.total).toBeGreaterThan(100);
    const kinds = new Set((await listSecurityEvents(admin, { page: 1, pageSize: 200 })).rows.map((r) => r.kind));
    for (const k of ['sign_in.succeeded', 'sign_in.failed', 'sign_in.throttled', 'sign_out']) expect(kinds).toContain(k);
    const signOuts = await listSecurityEvents(admin, { page: 1, kind: 'sign_out' });
    expect(signOuts.rows[0]).toMatchObject({ username: 'officer', address: '192.0.2.40' });
    const page2 = await listSecurityEvents(auditor, { page: 2, pageSize: 10 });
    expect(page2.rows[0]!.id).not.toBe(all.rows[0]!.id);
    for (const role of ['officer', 'reviewer', 'unit']) {
      const e = await listSecurityEvents(await ctxFor(t.db, role), { page: 1 }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('forbidden');
    }
    const [row] = await t.db.select({ id: s.securityEvents.id }).from(s.securityEvents).limit(1);
    await expect(t.db.update(s.securityEvents).set({ username: 'x' }).where(eq(s.securityEvents.id, row!.id))).rejects.toThrow();
    await expect(t.db.delete(s.securityEvents).where(eq(s.securityEvents.id, row!.id))).rejects.toThrow();
  });
});
