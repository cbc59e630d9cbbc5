import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { DEMO_PASSWORD } from '@/lib/seed/demo';
import { authenticate, endSession, loadActor, openSession } from '@/lib/dal/auth/sign-in';
import { listHoldings } from '@/lib/dal/ledger/holdings';
import { changeUserRole, listUsers, setDemoVisible, setUserDisabled } from '@/lib/dal/admin/users';
import { AppError } from '@/lib/errors';
import { actorFor, ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const expectAppError = async (p: Promise<unknown>, code: string) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
};

describe.each(DRIVERS)('sign-in and roles on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('stores argon2id hashes at no less than OWASP parameters', async () => {
    const [u] = await t.db.select({ hash: s.users.passwordHash }).from(s.users).where(eq(s.users.username, 'officer'));
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(u!.hash);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
    expect(Number(m![2])).toBeGreaterThanOrEqual(2);
  });

  it('signs in with the right password and refuses a wrong one or an unknown account alike', async () => {
    const ok = await authenticate(t.db, { username: 'officer', password: DEMO_PASSWORD, ip: '10.0.0.1' });
    expect(ok.ok).toBe(true);
    const wrong = await authenticate(t.db, { username: 'officer', password: 'nope', ip: '10.0.0.1' });
    const unknown = await authenticate(t.db, { username: 'ghost', password: 'nope', ip: '10.0.0.1' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('slows down an account after repeated failures, even for the right password, counted in the database', async () => {
    const now = new Date('2026-11-28T10:00:00Z');
    for (let i = 0; i < 5; i++) await authenticate(t.db, { username: 'evaluator', password: `bad-${i}`, ip: `10.1.0.${i}` }, now);
    const blocked = await authenticate(t.db, { username: 'evaluator', password: DEMO_PASSWORD, ip: '10.1.0.99' }, new Date(now.getTime() + 100));
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    const [row] = await t.db.select().from(s.authThrottles).where(eq(s.authThrottles.key, 'acct:evaluator'));
    expect(row!.failures).toBe(6);
    // Once the wait has passed, the right password works and the counter is cleared.
    const later = await authenticate(t.db, { username: 'evaluator', password: DEMO_PASSWORD, ip: '10.1.0.99' }, new Date(now.getTime() + 5_000));
    expect(later.ok).toBe(true);
    expect(await t.db.select().from(s.authThrottles).where(eq(s.authThrottles.key, 'acct:evaluator'))).toHaveLength(0);
  });

  it('counts parallel guesses before checking them, so a burst gets no more than the free attempts', async () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => authenticate(t.db, { username: 'auditor', password: `guess-${i}`, ip: `10.3.0.${i}` }, now)));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(7);
  });

  it('slows down an address spraying many accounts', async () => {
    const now = new Date('2026-11-28T11:00:00Z');
    for (let i = 0; i < 20; i++) await authenticate(t.db, { username: `spray-${i}`, password: 'x', ip: '10.9.9.9' }, now);
    const res = await authenticate(t.db, { username: 'moderator', password: DEMO_PASSWORD, ip: '10.9.9.9' }, new Date(now.getTime() + 10));
    expect(res).toMatchObject({ ok: false, reason: 'throttled' });
    const other = await authenticate(t.db, { username: 'moderator', password: DEMO_PASSWORD, ip: '10.9.9.10' }, new Date(now.getTime() + 10));
    expect(other.ok).toBe(true);
  });

  it('refuses a disabled user on the next request whatever token they hold, and a token from before a role change', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const unit = await actorFor(t.db, 'unit');
    const [before] = await t.db.select({ sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.id, unit.id));
    const unitSession = await openSession(t.db, unit.id, '10.2.0.1');
    expect(await loadActor(t.db, unit.id, before!.sv, unitSession)).not.toBeNull();
    await setUserDisabled(admin, unit.id, true);
    expect(await loadActor(t.db, unit.id, before!.sv, unitSession)).toBeNull();
    const [after] = await t.db.select({ sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.id, unit.id));
    expect(await loadActor(t.db, unit.id, after!.sv, unitSession)).toBeNull();
    expect((await authenticate(t.db, { username: 'unit', password: DEMO_PASSWORD, ip: '10.2.0.1' })).ok).toBe(false);
    await setUserDisabled(admin, unit.id, false);

    const reviewer = await actorFor(t.db, 'reviewer');
    const [rv] = await t.db.select({ sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.id, reviewer.id));
    const reviewerSession = await openSession(t.db, reviewer.id, '10.2.0.2');
    await changeUserRole(admin, reviewer.id, 'evaluator');
    expect(await loadActor(t.db, reviewer.id, rv!.sv, reviewerSession)).toBeNull();
    expect((await actorFor(t.db, 'reviewer')).role).toBe('evaluator');
    await changeUserRole(admin, reviewer.id, 'reviewer');
  });

  it('signs out on the server: the header form\'s action ends this session only, logged once, and its token loads no actor again', async () => {
    // What signOutAction does through endCurrentSession: endSession with the session id its token carries.
    const signedIn = await authenticate(t.db, { username: 'unit', password: DEMO_PASSWORD, ip: '10.0.9.1' });
    if (!signedIn.ok) throw new Error('sign-in failed');
    const sid = await openSession(t.db, signedIn.userId, '10.0.9.1');
    const elsewhere = await openSession(t.db, signedIn.userId, '10.0.9.2');
    expect((await loadActor(t.db, signedIn.userId, signedIn.sessionVersion, sid))?.username).toBe('unit');
    const signOuts = () => t.db.select({ address: s.securityEvents.address }).from(s.securityEvents).where(eq(s.securityEvents.kind, 'sign_out'));
    const before = (await signOuts()).length;

    await endSession(t.db, sid, '10.0.9.1');
    expect(await loadActor(t.db, signedIn.userId, signedIn.sessionVersion, sid)).toBeNull();
    const [row] = await t.db.select({ revokedAt: s.authSessions.revokedAt }).from(s.authSessions).where(eq(s.authSessions.id, sid));
    expect(row?.revokedAt).not.toBeNull();
    expect((await signOuts()).length).toBe(before + 1);
    expect((await signOuts()).filter((e) => e.address === '10.0.9.1')).toHaveLength(1);
    // A second post (a double click, a replayed form) changes nothing and logs nothing more.
    await endSession(t.db, sid, '10.0.9.1');
    expect((await signOuts()).length).toBe(before + 1);
    // The same person signed in elsewhere stays signed in there.
    expect((await loadActor(t.db, signedIn.userId, signedIn.sessionVersion, elsewhere))?.username).toBe('unit');
  });

  it('writes one audit entry per administrative change', async () => {
    const entries = await t.db.select({ action: s.auditLog.action }).from(s.auditLog);
    const actions = entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'user.disabled')).toHaveLength(1);
    expect(actions.filter((a) => a === 'user.role_changed')).toHaveLength(2);
  });

  it('checks permissions in the data layer, whatever the caller', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const reviewer = await ctxFor(t.db, 'reviewer');
    await expectAppError(listUsers(officer), 'forbidden');
    await expectAppError(setUserDisabled(reviewer, officer.actor.id, true), 'forbidden');
    await expectAppError(setDemoVisible(officer, false), 'forbidden');
    await expectAppError(listHoldings(await ctxFor(t.db, 'moderator')), 'forbidden');
    const admin = await ctxFor(t.db, 'admin');
    await expectAppError(setUserDisabled(admin, admin.actor.id, true), 'validation');
    await expectAppError(changeUserRole(admin, officer.actor.id, 'superuser'), 'validation');
  });

  it('scopes an officer to their own organisation and lets the auditor read across all', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const own = await listHoldings(officer);
    expect(own.length).toBeGreaterThan(0);
    const all = await listHoldings(await ctxFor(t.db, 'auditor'));
    expect(all.length).toBeGreaterThan(own.length);
    const [cityHolder] = await t.db
      .select({ id: s.holders.id })
      .from(s.holders)
      .where(eq(s.holders.organisationId, officer.actor.organisationId));
    const held = await t.db.select().from(s.balances).where(eq(s.balances.holderId, cityHolder!.id));
    expect(own.length).toBe(held.length);
  });

  it('hides demo rows when an administrator switches demo data off, leaving reference data', async () => {
    const admin = await ctxFor(t.db, 'admin');
    await setDemoVisible(admin, false);
    expect(await listHoldings(await ctxFor(t.db, 'officer'))).toHaveLength(0);
    expect((await t.db.select().from(s.restorationZones)).length).toBe(6);
    await setDemoVisible(admin, true);
    expect((await listHoldings(await ctxFor(t.db, 'officer'))).length).toBeGreaterThan(0);
  });
});
