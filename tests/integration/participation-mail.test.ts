import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { rowsOf } from '@/db/client';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { confirmCitizenFollow, followConfirmLink, requestCitizenFollow } from '@/lib/dal/participation/follows';
import { confirmProjectRating, ratingConfirmLink, requestProjectRating } from '@/lib/dal/participation/ratings';
import { deliverOutbox, MAIL_LEASE_MS } from '@/lib/dal/workflow/outbox';
import type { MailConfig } from '@/lib/mail/config';
import { createMailTransport, type MailTransport } from '@/lib/mail/transport';
import { AppError } from '@/lib/errors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { startSmtpCatcher } from '../support/smtp-catcher';

/** A fresh address per request: these tests are about mail, the rate limit has its own. */
let ipSeq = 0;
const ip = () => `10.77.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}`;

describe.each(DRIVERS)('e-mail follows and ratings on %s', (driver) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let mailer: MailTransport;
  let config: MailConfig;
  // Projects the public sees, with the one the rating tests need: works accepted (验收).
  let plain: { id: number; code: string };
  let other: { id: number; code: string };
  let completed: { id: number; code: string };
  let issuerOrgId: number;

  const deliver = (at: Date = new Date()) => deliverOutbox(t.db, 100, () => at, { mailer, mail: config });
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const linkIn = (text: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_.-]+)`).exec(text)?.[1];
  const publishOn = async (projectId: number, title: string) =>
    t.db.transaction((tx) =>
      publishSnapshot(tx, { kind: 'evaluation_result', subjectType: 'project', subjectId: projectId, title, content: { note: title }, notice: '测试', issuerOrgId, dataAsOf: '2026-03-01', eventAt: new Date(), changeReason: '测试' }),
    );
  const followConfirmed = async (email: string, code: string) => {
    await requestCitizenFollow(t.db, { subjectType: 'project', code, email }, ip());
    await deliver();
    const token = linkIn(mailsTo(email).at(-1)!.text, 'follow/confirm')!;
    expect((await confirmCitizenFollow(t.db, token, ip())).outcome).toBe('confirmed');
  };

  beforeAll(async () => {
    t = await createDatabase(driver);
    smtp = await startSmtpCatcher();
    config = { smtpUrl: smtp.url, sinkDir: '/nonexistent', from: 'portal <portal@portal.test>', baseUrl: 'http://portal.test' };
    mailer = createMailTransport(config);
    const rows = rowsOf<{ id: number; code: string; done: boolean }>(
      await t.db.execute(sql`SELECT p.id, p.code, EXISTS (SELECT 1 FROM public_item_timeline x WHERE x.project_id = p.id AND x.stage = 'accepted') AS done
        FROM public_projects p WHERE NOT p.is_demo OR true ORDER BY p.code`),
    );
    const notDone = rows.filter((r) => !r.done);
    [plain, other] = [notDone[0]!, notDone[1]!];
    completed = rows.find((r) => r.done)!;
    expect(completed).toBeDefined();
    issuerOrgId = (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ')))[0]!.id;
    // Whatever the demo left pending is not this suite's.
    while ((await deliver()) > 0);
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
    await t?.drop();
  });

  it('double opt-in: a pending follow gets only its confirmation mail, and confirming is idempotent', async () => {
    const email = 'first@example.test';
    expect(await requestCitizenFollow(t.db, { subjectType: 'project', code: plain.code, email }, ip())).toEqual({ status: 'check_mail' });
    await publishOn(plain.id, '未确认时的公开');
    await deliver();
    expect(mailsTo(email)).toHaveLength(1);
    const token = linkIn(mailsTo(email)[0]!.text, 'follow/confirm')!;
    expect(token).toBeTruthy();
    // Only the hash of the link is stored.
    expect(JSON.stringify(await t.db.select().from(s.citizenTokens))).not.toContain(token);
    expect(JSON.stringify(await t.db.select().from(s.outbox).where(eq(s.outbox.topic, 'citizen_mail')))).not.toContain(token);
    expect((await followConfirmLink(t.db, token)).outcome).toBe('confirmed');
    expect((await confirmCitizenFollow(t.db, token, ip())).outcome).toBe('confirmed');
    expect((await confirmCitizenFollow(t.db, token, ip())).outcome).toBe('already_confirmed');
    expect((await confirmCitizenFollow(t.db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, ip())).outcome).toBe('invalid');
    // Asking again for a confirmed follow answers the same and sends nothing.
    expect(await requestCitizenFollow(t.db, { subjectType: 'project', code: plain.code, email: ' FIRST@example.test ' }, ip())).toEqual({ status: 'check_mail' });
    await deliver();
    expect(mailsTo(email)).toHaveLength(1);
    expect(await t.db.select().from(s.citizenContacts).where(sql`${s.citizenContacts.email} like '%first@%'`)).toHaveLength(1);
    // Now a publication reaches the follower once, with a one-click unfollow.
    const pub = await publishOn(plain.id, '确认后的公开');
    await deliver();
    await deliver();
    const got = mailsTo(email).slice(1);
    expect(got).toHaveLength(1);
    const [outboxRow] = await t.db.select().from(s.outbox).where(eq(s.outbox.dedupeKey, `publication:${pub.id}`));
    const [contact] = await t.db.select().from(s.citizenContacts).where(eq(s.citizenContacts.email, email));
    expect(got[0]!.messageId).toBe(`<outbox-${outboxRow!.id}.contact-${contact!.id}@portal.test>`);
    expect(got[0]!.headers).toMatch(/^List-Unsubscribe: <http:\/\/portal\.test\/api\/public\/follow\/leave\/[A-Za-z0-9_-]{43}>/im);
    expect(got[0]!.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    expect(got[0]!.text).toContain('确认后的公开');
  });

  it('an expired or unknown confirmation link says so and confirms nothing', async () => {
    const email = 'late@example.test';
    await requestCitizenFollow(t.db, { subjectType: 'project', code: plain.code, email }, ip());
    await deliver();
    const token = linkIn(mailsTo(email)[0]!.text, 'follow/confirm')!;
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect((await confirmCitizenFollow(t.db, token, ip(), later)).outcome).toBe('expired');
    expect((await confirmCitizenFollow(t.db, 'x'.repeat(43), ip())).outcome).toBe('invalid');
    expect((await confirmCitizenFollow(t.db, '<script>', ip())).outcome).toBe('invalid');
    const [contact] = await t.db.select().from(s.citizenContacts).where(eq(s.citizenContacts.email, email));
    const [f] = await t.db.select().from(s.follows).where(eq(s.follows.citizenContactId, contact!.id));
    expect(f!.confirmedAt).toBeNull();
  });

  it('unfollows by a one-click POST to the List-Unsubscribe address, and mails nothing after', async () => {
    const email = 'leaver@example.test';
    await followConfirmed(email, other.code);
    await publishOn(other.id, '退订前');
    await deliver();
    const mail = mailsTo(email).at(-1)!;
    const url = /^List-Unsubscribe: <([^>]+)>/im.exec(mail.headers)![1]!;
    const token = url.split('/').at(-1)!;
    globalThis.__yqDatabase = Promise.resolve(t);
    try {
      const { POST } = await import('@/app/api/public/follow/leave/[token]/route');
      const res = await POST(new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }), { params: Promise.resolve({ token }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ left: true });
      const again = await POST(new Request(url, { method: 'POST' }), { params: Promise.resolve({ token }) });
      expect(await again.json()).toEqual({ left: true });
      const bogus = await POST(new Request(url, { method: 'POST' }), { params: Promise.resolve({ token: 'y'.repeat(43) }) });
      expect(bogus.status).toBe(404);
    } finally {
      globalThis.__yqDatabase = undefined;
    }
    const before = mailsTo(email).length;
    await publishOn(other.id, '退订后');
    await deliver();
    expect(mailsTo(email)).toHaveLength(before);
  });

  it('sends each follower exactly one mail per event even when delivery stops midway and another run resumes', async () => {
    const followers = ['r1@example.test', 'r2@example.test', 'r3@example.test'];
    for (const f of followers) await followConfirmed(f, other.code);
    const pub = await publishOn(other.id, '中断后恢复');
    const [row] = await t.db.select().from(s.outbox).where(eq(s.outbox.dedupeKey, `publication:${pub.id}`));
    // The server accepts one message, then fails: the worker stops with the row half delivered.
    smtp.dropAfter(1);
    await deliver();
    smtp.dropAfter(null);
    const forRow = () => smtp.mails.filter((m) => m.messageId.startsWith(`<outbox-${row!.id}.`));
    expect(forRow()).toHaveLength(1);
    const [held] = await t.db.select().from(s.outbox).where(eq(s.outbox.id, row!.id));
    expect(held!.deliveredAt).toBeNull();
    // Not before its back-off; then a second run (another worker) finishes it.
    await deliver();
    expect(forRow()).toHaveLength(1);
    await deliver(new Date(Date.now() + MAIL_LEASE_MS + 60_000));
    await deliver(new Date(Date.now() + MAIL_LEASE_MS + 120_000));
    const perRecipient = new Map<string, number>();
    for (const m of forRow()) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(Object.fromEntries(perRecipient)).toEqual(Object.fromEntries(followers.map((f) => [f, 1])));
    expect(new Set(forRow().map((m) => m.messageId)).size).toBe(3);
    const [done] = await t.db.select().from(s.outbox).where(eq(s.outbox.id, row!.id));
    expect(done!.deliveredAt).not.toBeNull();
    expect((await t.db.select().from(s.emailDeliveries).where(eq(s.emailDeliveries.outboxId, row!.id))).length).toBe(3);
  });

  it('mails nothing of a withheld project, and answers a follow of it exactly as an unknown code', async () => {
    const email = 'watcher@example.test';
    await followConfirmed(email, plain.code);
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const users = await t.db.select({ id: s.users.id, username: s.users.username }).from(s.users).where(sql`${s.users.username} in ('officer', 'reviewer', 'admin')`);
    const by = (u: string) => users.find((x) => x.username === u)!.id;
    const [w] = await t.db
      .insert(s.withholdings)
      .values({ itemType: 'project', itemId: plain.id, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: by('officer'), approvedBy1: by('reviewer'), approvedBy2: by('admin'), status: 'active' })
      .returning({ id: s.withholdings.id });
    const before = mailsTo(email).length;
    await publishOn(plain.id, '不予公开项目的公开');
    await deliver();
    expect(mailsTo(email)).toHaveLength(before);
    expect(smtp.mails.some((m) => m.text.includes('不予公开项目的公开'))).toBe(false);
    const refusal = async (code: string) => {
      const e = await requestCitizenFollow(t.db, { subjectType: 'project', code, email: 'new@example.test' }, ip()).then(() => null, (err: unknown) => err);
      expect(e).toBeInstanceOf(AppError);
      return { code: (e as AppError).code, key: (e as AppError).messageKey };
    };
    expect(await refusal(plain.code)).toEqual(await refusal('NO-SUCH-PROJECT'));
    await t.db.update(s.withholdings).set({ status: 'revoked' }).where(eq(s.withholdings.id, w!.id));
  });

  it('ratings: only a completed project, pending until confirmed, one per address (a second confirmed rating replaces the score)', async () => {
    const email = 'rater@example.test';
    const notDone = await requestProjectRating(t.db, { code: plain.code, email, score: 4 }, ip()).then(() => null, (e: unknown) => e);
    expect((notDone as AppError).messageKey).toBe('follow.notCompleted');
    await requestProjectRating(t.db, { code: completed.code, email, score: 4 }, ip());
    const ratings = async () => t.db.select().from(s.projectRatings).where(eq(s.projectRatings.projectId, completed.id));
    expect((await ratings()).map((r) => [r.score, r.confirmedAt])).toEqual([[4, null]]);
    await deliver();
    const first = linkIn(mailsTo(email).at(-1)!.text, 'ratings/confirm')!;
    expect((await ratingConfirmLink(t.db, first)).outcome).toBe('confirmed');
    expect((await ratings())[0]!.confirmedAt).toBeNull();
    expect(await confirmProjectRating(t.db, first, ip())).toMatchObject({ outcome: 'confirmed', score: 4 });
    expect((await confirmProjectRating(t.db, first, ip())).outcome).toBe('already_confirmed');
    // A second rating from the same address: pending, the confirmed score stays until it is confirmed.
    await requestProjectRating(t.db, { code: completed.code, email: 'Rater@Example.test', score: 2 }, ip());
    expect((await ratings()).map((r) => r.score)).toEqual([4]);
    await deliver();
    const second = linkIn(mailsTo(email).at(-1)!.text, 'ratings/confirm')!;
    expect(second).not.toBe(first);
    // A forged score in front of a real link is not a link.
    expect((await confirmProjectRating(t.db, `5${second.slice(1)}`, ip())).outcome).toBe('invalid');
    expect(await confirmProjectRating(t.db, second, ip())).toMatchObject({ outcome: 'replaced', score: 2 });
    const rows = await ratings();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.score).toBe(2);
    expect(rows[0]!.confirmedAt).not.toBeNull();
    // Another address counts separately.
    await requestProjectRating(t.db, { code: completed.code, email: 'second-rater@example.test', score: 5 }, ip());
    expect(await ratings()).toHaveLength(2);
    expect((await ratings()).filter((r) => r.confirmedAt).length).toBe(1);
    expect((await t.db.select().from(s.auditLog).where(and(eq(s.auditLog.action, 'rating.replaced'), eq(s.auditLog.entityId, String(completed.id))))).length).toBe(1);
  });
});
