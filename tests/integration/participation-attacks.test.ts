import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import jpeg from 'jpeg-js';
import { rowsOf, type Queryable } from '@/db/client';
import * as s from '@/db/schema';
import { openSession } from '@/lib/dal/auth/sign-in';
import { clientAddress, PEER_HEADER } from '@/lib/auth/client-ip';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { confirmationToken, unfollowToken, type CitizenMailPayload } from '@/lib/dal/internal/participation/confirmations';
import { answerFeedback, assignedToMyOrganisation } from '@/lib/dal/participation/answers';
import { feedbackItem, feedbackPhotoForWorkspace, reportsForAuditors } from '@/lib/dal/participation/items';
import { acceptFeedback, closeFeedback, mergeFeedback, moderationQueue, rejectFeedback, setFeedbackPublic } from '@/lib/dal/participation/moderation';
import { confirmCitizenFollow, leaveCitizenFollow, requestCitizenFollow } from '@/lib/dal/participation/follows';
import { confirmProjectRating, requestProjectRating } from '@/lib/dal/participation/ratings';
import { submitFeedback } from '@/lib/dal/participation/submit';
import { guardSubmission, SUBMISSION_LIMITS } from '@/lib/dal/internal/participation/rate-limit/guard';
import { ChallengeRequiredError, RateLimitedError } from '@/lib/errors/submission';
import { deliverOutbox } from '@/lib/dal/workflow/outbox';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/errors/validation';
import type { MailConfig } from '@/lib/mail/config';
import { createMailTransport, type MailTransport } from '@/lib/mail/transport';
import { submitFeedbackSchema } from '@/lib/schemas/participation';
import { FEEDBACK_PHOTOS_MAX } from '@/lib/domain/participation/limits';
import { MAX_PHOTO_BYTES } from '@/lib/participation/photo';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { startSmtpCatcher } from '../support/smtp-catcher';

/*
 * Public participation walked as an attacker: every action and route as each role that must not
 * use it, the leaks a curious reader would look for, the mail links, the rate limit and challenge,
 * hostile input and racing moderators. Only the request boundary is stood in for (the session
 * cookie, the request headers and Next's page cache, none of which exist outside a request).
 */
const request = vi.hoisted(() => ({ session: null as null | { user: { uid: number; sv: number; sid: string } } }));
vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => request.session }));
vi.mock('@/lib/i18n/server', () => ({ getLocale: async () => 'zh' }));
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), revalidatePath: () => undefined }));
vi.mock('next/headers', async (original) => ({ ...(await original<typeof import('next/headers')>()), headers: async () => new Headers() }));

const actions = await import('@/lib/actions/participation');
const followActions = await import('@/lib/actions/participation-follow');
const feedbackRoute = await import('@/app/api/public/feedback/route');
const statusRoute = await import('@/app/api/public/feedback/[trackingCode]/route');
const publicPhotoRoute = await import('@/app/api/public/feedback/photos/[id]/route');
const workspacePhotoRoute = await import('@/app/api/workspace/feedback/photos/[id]/route');

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** Every GET under /api/public, with the parameters it takes. */
const PUBLIC_GETS: [string, () => Promise<{ GET: unknown }>, string[]][] = [
  ['/api/public/overview', () => import('@/app/api/public/overview/route'), []],
  ['/api/public/oc4ids/projects.json', () => import('@/app/api/public/oc4ids/projects.json/route'), []],
  ['/api/public/oc4ids/projects/[code]', () => import('@/app/api/public/oc4ids/projects/[code]/route'), ['code']],
  ['/api/public/projects/[code]', () => import('@/app/api/public/projects/[code]/route'), ['code']],
  ['/api/public/projects/[code]/evaluations', () => import('@/app/api/public/projects/[code]/evaluations/route'), ['code']],
  ['/api/public/projects', () => import('@/app/api/public/projects/route'), []],
  ['/api/public/publications', () => import('@/app/api/public/publications/route'), []],
  ['/api/public/feedback', () => import('@/app/api/public/feedback/route'), []],
  ['/api/public/feedback/stats', () => import('@/app/api/public/feedback/stats/route'), []],
  ['/api/public/feedback/[trackingCode]', () => import('@/app/api/public/feedback/[trackingCode]/route'), ['trackingCode']],
  ['/api/public/feedback/photos/[id]', () => import('@/app/api/public/feedback/photos/[id]/route'), ['id']],
  ['/api/public/counties', () => import('@/app/api/public/counties/route'), []],
  ['/api/public/counties/[code]', () => import('@/app/api/public/counties/[code]/route'), ['code']],
  ['/api/public/plan', () => import('@/app/api/public/plan/route'), []],
  ['/api/public/bulk/publications?format=json', () => import('@/app/api/public/bulk/publications/route'), []],
  ['/api/public/bulk/publications?format=csv', () => import('@/app/api/public/bulk/publications/route'), []],
  ['/api/public/bulk/transfers?format=json', () => import('@/app/api/public/bulk/transfers/route'), []],
  ['/api/public/targets', () => import('@/app/api/public/targets/route'), []],
  ['/api/public/allocations', () => import('@/app/api/public/allocations/route'), []],
  ['/api/public/iati/activities.xml', () => import('@/app/api/public/iati/activities.xml/route'), []],
  ['/api/public/programmes', () => import('@/app/api/public/programmes/route'), []],
  ['/api/public/feed/json', () => import('@/app/api/public/feed/json/route'), []],
  ['/api/public/feed/atom', () => import('@/app/api/public/feed/atom/route'), []],
  ['/api/public/transfers', () => import('@/app/api/public/transfers/route'), []],
  ['/api/public/payees', () => import('@/app/api/public/payees/route'), []],
  ['/api/public/evaluations', () => import('@/app/api/public/evaluations/route'), []],
];

let addressSeq = 0;
const nextAddress = () => `10.${(addressSeq >> 8) & 255}.${addressSeq++ & 255}.9`;
const input = (v: Record<string, unknown>) => parseInput(submitFeedbackSchema, v);
const sha = (x: string) => createHash('sha256').update(x).digest('hex');

async function answerOf(db: Queryable, token: string): Promise<string> {
  const [row] = await db.select().from(s.challenges).where(eq(s.challenges.tokenHash, sha(token)));
  for (let n = 2; n <= 21; n++) if (row!.answerHash === sha(`${token}:${n}`)) return String(n);
  throw new Error('no answer');
}

/** A real JPEG carrying a marker in an EXIF segment, in a comment and after its end: a polyglot. */
function markedJpeg(marker: string): Uint8Array {
  const encoded = jpeg.encode({ data: Buffer.alloc(16 * 12 * 4, 120), width: 16, height: 12 }, 90).data;
  const segment = (code: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, code, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0GPSLatitude 37.85 '), Buffer.from(marker)]));
  const comment = segment(0xfe, Buffer.from(`<script>${marker}</script>`));
  return new Uint8Array(Buffer.concat([encoded.subarray(0, 2), exif, comment, encoded.subarray(2), Buffer.from(`<html><script>alert("${marker}")</script></html>`)]));
}

/** A PNG whose header declares a picture far beyond the pixel limit, with a token of data. */
function pngDeclaring(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(64)), chunk('IEND', Buffer.alloc(0))]));
}

async function everyPublicRow(t: TestDatabase): Promise<string> {
  const views = rowsOf<{ name: string }>(await t.db.execute(sql`select table_name as name from information_schema.views where table_schema = 'public' and table_name like 'public\\_%'`));
  let all = '';
  for (const v of views) {
    const rows = rowsOf<Record<string, unknown>>(await t.db.execute(sql.raw(`select * from "${v.name}"`)));
    all += JSON.stringify(rows, (_k, x) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? Buffer.from(x).toString('latin1') : x));
  }
  return all;
}

describe.each(DRIVERS)('participation under attack on %s', (driver) => {
  let t: TestDatabase;
  let project: { id: number; code: string };
  /** Another public project, withheld and revoked by the tests that need it. */
  let hidden: { id: number; code: string };
  let unitOrg: number;
  let otherUnitOrg: number;
  let withholdingIds: Record<string, number>;

  const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(s.feedback))[0]!.n;
  const submit = (v: Record<string, unknown>, photos: Uint8Array[] = [], address = nextAddress()) => submitFeedback({ input: input(v), photos, clientAddress: address }, t.db);
  const errorOf = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
  const statusOf = (trackingCode: string) => statusRoute.GET(new Request(`https://example.org/api/public/feedback/${trackingCode}`), { params: Promise.resolve({ trackingCode }) });
  const publicPhoto = (id: number | string) => publicPhotoRoute.GET(new Request(`https://example.org/api/public/feedback/photos/${id}`), { params: Promise.resolve({ id: String(id) }) });
  const workspacePhoto = (id: number | string) => workspacePhotoRoute.GET(new Request(`https://example.org/api/workspace/feedback/photos/${id}`), { params: Promise.resolve({ id: String(id) }) });
  const post = (body: BodyInit, type?: string) =>
    feedbackRoute.POST(new Request('https://example.org/api/public/feedback', { method: 'POST', body, headers: type ? { 'content-type': type } : {} }));
  const photoIdsOf = async (trackingCode: string) =>
    (await t.db.select({ id: s.feedbackPhotos.id }).from(s.feedbackPhotos).innerJoin(s.feedback, eq(s.feedback.id, s.feedbackPhotos.feedbackId)).where(eq(s.feedback.trackingCode, trackingCode))).map((r) => r.id);

  async function signIn(username: string | null) {
    if (!username) return void (request.session = null);
    const [u] = await t.db.select({ id: s.users.id, sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.username, username));
    request.session = { user: { uid: u!.id, sv: u!.sv, sid: await openSession(t.db, u!.id, '127.0.0.1') } };
  }

  async function withhold(projectId: number): Promise<void> {
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const [w] = await t.db
      .insert(s.withholdings)
      .values({ itemType: 'project', itemId: projectId, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: withholdingIds.officer!, approvedBy1: withholdingIds.reviewer!, approvedBy2: withholdingIds.approver!, status: 'active', activatedAt: new Date() })
      .returning({ id: s.withholdings.id });
    withholdingIds[`w${projectId}`] = w!.id;
  }
  const revoke = async (projectId: number) => t.db.update(s.withholdings).set({ status: 'revoked' }).where(eq(s.withholdings.id, withholdingIds[`w${projectId}`]!));

  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
    const org = async (code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
    [unitOrg, otherUnitOrg] = [await org('DEMO-UNIT-140322'), await org('DEMO-UNIT-140321')];
    const rows = rowsOf<{ id: number; code: string }>(
      await t.db.execute(sql`select pp.id, pp.code from public_projects pp join projects p on p.id = pp.id where p.implementing_org_id = ${unitOrg} order by pp.code limit 2`),
    );
    [project, hidden] = rows.map((r) => ({ id: Number(r.id), code: r.code })) as [typeof project, typeof project];
    expect(hidden).toBeDefined();
    const people = await t.db.select({ id: s.users.id, username: s.users.username }).from(s.users).where(inArray(s.users.username, ['officer', 'reviewer', 'approver']));
    withholdingIds = Object.fromEntries(people.map((p) => [p.username, p.id]));
  });
  afterAll(async () => {
    request.session = null;
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  describe('actions and routes as the wrong role', () => {
    let assigned: string;
    const MADE_UP = 'YQ-0000000000';

    beforeAll(async () => {
      assigned = (await submit({ kind: 'report', projectCode: project.code, text: '施工方把好树也砍了，请核实。' }, [markedJpeg('ROLE-PHOTO')])).trackingCode;
      await acceptFeedback(await ctxFor(t.db, 'moderator'), { trackingCode: assigned, organisationId: unitOrg, publish: false });
    });

    const snapshot = async () => {
      const [f] = await t.db.select().from(s.feedback).where(eq(s.feedback.trackingCode, assigned));
      const events = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.feedbackEvents).where(eq(s.feedbackEvents.feedbackId, f!.id));
      const answers = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.feedbackAnswers).where(eq(s.feedbackAnswers.feedbackId, f!.id));
      return { status: f!.status, isPublic: f!.isPublic, org: f!.assignedOrgId, events: events[0]!.n, answers: answers[0]!.n };
    };

    it('every moderation action refuses the anonymous and every role but the moderator, in the action and in the data layer', async () => {
      const before = await snapshot();
      const calls = (code: string) => [
        () => actions.acceptFeedbackAction({ trackingCode: code, organisationId: otherUnitOrg, publish: true }),
        () => actions.setFeedbackPublicAction({ trackingCode: code, publish: true }),
        () => actions.rejectFeedbackAction({ trackingCode: code, reason: '恶意操作' }),
        () => actions.mergeFeedbackAction({ trackingCode: code, intoTrackingCode: 'YQ-DEM0000001' }),
        () => actions.closeFeedbackAction({ trackingCode: code }),
      ];
      await signIn(null);
      for (const code of [assigned, MADE_UP]) for (const call of calls(code)) expect(await call()).toMatchObject({ ok: false, code: 'unauthenticated' });
      for (const user of ['officer', 'reviewer', 'unit', 'unit-pd', 'evaluator', 'auditor', 'admin']) {
        await signIn(user);
        for (const code of [assigned, MADE_UP]) for (const call of calls(code)) expect(await call(), user).toMatchObject({ ok: false, code: 'forbidden' });
        const ctx = await ctxFor(t.db, user);
        for (const code of [assigned, MADE_UP]) {
          for (const call of [
            () => acceptFeedback(ctx, { trackingCode: code, organisationId: otherUnitOrg, publish: true }),
            () => setFeedbackPublic(ctx, { trackingCode: code, publish: true }),
            () => rejectFeedback(ctx, { trackingCode: code, reason: '恶意操作' }),
            () => mergeFeedback(ctx, { trackingCode: code, intoTrackingCode: 'YQ-DEM0000001' }),
            () => closeFeedback(ctx, { trackingCode: code }),
          ]) {
            expect((await errorOf(call()))?.code, user).toBe('forbidden');
          }
        }
        expect((await errorOf(moderationQueue(ctx)))?.code).toBe('forbidden');
      }
      expect(await snapshot()).toEqual(before);
    });

    it('answering refuses those without the right, and another organisation cannot tell a real code from a made-up one', async () => {
      const before = await snapshot();
      await signIn(null);
      expect(await actions.answerFeedbackAction({ trackingCode: assigned, body: '我们已经处理完毕。' })).toMatchObject({ ok: false, code: 'unauthenticated' });
      for (const user of ['moderator', 'auditor', 'evaluator', 'admin']) {
        await signIn(user);
        expect(await actions.answerFeedbackAction({ trackingCode: assigned, body: '我们已经处理完毕。' }), user).toMatchObject({ ok: false, code: 'forbidden' });
        expect((await errorOf(answerFeedback(await ctxFor(t.db, user), { trackingCode: assigned, body: '我们已经处理完毕。' })))?.code, user).toBe('forbidden');
      }
      // Answerers elsewhere: another unit, the city's finance bureau, the county's own government.
      for (const user of ['unit-pd', 'officer', 'reviewer-yx', 'officer-yx']) {
        await signIn(user);
        const real = await actions.answerFeedbackAction({ trackingCode: assigned, body: '我们已经处理完毕。' });
        const fake = await actions.answerFeedbackAction({ trackingCode: MADE_UP, body: '我们已经处理完毕。' });
        expect(real, user).toMatchObject({ ok: false, code: 'not_found' });
        expect(real).toEqual(fake);
        const ctx = await ctxFor(t.db, user);
        const [dalReal, dalFake] = [await errorOf(answerFeedback(ctx, { trackingCode: assigned, body: '我们已经处理完毕。' })), await errorOf(answerFeedback(ctx, { trackingCode: MADE_UP, body: '我们已经处理完毕。' }))];
        expect([dalReal?.code, dalReal?.messageKey]).toEqual([dalFake?.code, dalFake?.messageKey]);
        const [itemReal, itemFake] = [await errorOf(feedbackItem(ctx, assigned)), await errorOf(feedbackItem(ctx, MADE_UP))];
        expect([itemReal?.code, itemReal?.messageKey]).toEqual(['not_found', itemFake?.messageKey]);
        expect((await assignedToMyOrganisation(ctx)).map((r) => r.trackingCode)).not.toContain(assigned);
      }
      await signIn('evaluator');
      expect((await errorOf(feedbackItem(await ctxFor(t.db, 'evaluator'), assigned)))?.code).toBe('not_found');
      expect((await errorOf(reportsForAuditors(await ctxFor(t.db, 'unit'))))?.code).toBe('forbidden');
      expect(await snapshot()).toEqual(before);
      // The organisation it is assigned to may: the refusals above were about who, not what.
      const own = await ctxFor(t.db, 'unit');
      expect((await feedbackItem(own, assigned)).contact).toBeNull();
    });

    it('the workspace photo route gives another organisation’s photo as it gives a photo that does not exist', async () => {
      const [photoId] = await photoIdsOf(assigned);
      const missing = photoId! + 100_000;
      for (const user of ['unit-pd', 'evaluator', 'officer-yx']) {
        await signIn(user);
        const [real, fake] = [await workspacePhoto(photoId!), await workspacePhoto(missing)];
        expect(real.status, user).toBe(404);
        expect(real.headers.get('content-type')).not.toMatch(/image/);
        expect(await real.text()).toBe(await fake.text());
        expect((await errorOf(feedbackPhotoForWorkspace(await ctxFor(t.db, user), photoId!)))?.code).toBe('not_found');
      }
      await signIn(null);
      expect((await workspacePhoto(photoId!)).status).toBe(401);
      await signIn('unit');
      expect((await workspacePhoto(photoId!)).status).toBe(200);
      request.session = null;
    });

    it('the public photo route shows no photo of an unpublished, rejected, merged or withheld item', async () => {
      const moderator = await ctxFor(t.db, 'moderator');
      const photo = () => [markedJpeg('PUB-PHOTO')];
      const unpublished = assigned;
      const rejected = (await submit({ kind: 'report', text: '有人在河道里倾倒垃圾。' }, photo())).trackingCode;
      await acceptFeedback(moderator, { trackingCode: rejected, organisationId: unitOrg, publish: true });
      await rejectFeedback(moderator, { trackingCode: rejected, reason: '与项目无关' });
      const target = (await submit({ kind: 'question', text: '这个工程什么时候开工？' })).trackingCode;
      const merged = (await submit({ kind: 'question', text: '工程什么时候开工呢？' }, photo())).trackingCode;
      await acceptFeedback(moderator, { trackingCode: merged, organisationId: unitOrg, publish: true });
      await mergeFeedback(moderator, { trackingCode: merged, intoTrackingCode: target });
      const aboutHidden = (await submit({ kind: 'report', projectCode: hidden.code, text: '这个项目的围挡倒了。' }, photo())).trackingCode;
      await acceptFeedback(moderator, { trackingCode: aboutHidden, organisationId: unitOrg, publish: true });
      const [visible] = await photoIdsOf(aboutHidden);
      expect((await publicPhoto(visible!)).status).toBe(200);
      await withhold(hidden.id);
      try {
        for (const code of [unpublished, rejected, merged, aboutHidden]) {
          for (const id of await photoIdsOf(code)) {
            const res = await publicPhoto(id);
            expect(res.status, code).toBe(404);
            expect(res.headers.get('content-type')).not.toMatch(/image/);
          }
          const status = (await (await statusOf(code)).json()) as { item: unknown; published: boolean };
          expect(status).toMatchObject({ item: null, published: false });
        }
      } finally {
        await revoke(hidden.id);
      }
    });
  });

  describe('leaks', () => {
    it('no public view, public API answer or audit entry carries a contact, its hash, photo metadata or an unpublished text', async () => {
      const moderator = await ctxFor(t.db, 'moderator');
      const contact = 'leak-7c1e@example.org';
      const phone = '13912345678';
      const privateReport = await submit({ kind: 'report', projectCode: project.code, text: '举报内容LEAKPRIVATE91：资金被挪用。', contact }, [markedJpeg('EXIFLEAK42')]);
      await acceptFeedback(moderator, { trackingCode: privateReport.trackingCode, organisationId: unitOrg, publish: false });
      await answerFeedback(await ctxFor(t.db, 'unit'), { trackingCode: privateReport.trackingCode, body: '私下答复LEAKANSWER55，已经核实。' });
      const rejected = await submit({ kind: 'suggestion', text: '广告LEAKREJECT33：代办证件。', contact: phone });
      await rejectFeedback(moderator, { trackingCode: rejected.trackingCode, reason: '广告' });
      const received = await submit({ kind: 'question', countyCode: '140322', text: '尚未审核LEAKFRESH17的问题。', contact: 'fresh-17@example.org' });
      const aboutHidden = await submit({ kind: 'question', projectCode: hidden.code, text: '不予公开项目LEAKHIDDEN64的问题。', contact: 'hidden-64@example.org' });
      await acceptFeedback(moderator, { trackingCode: aboutHidden.trackingCode, organisationId: unitOrg, publish: true });
      await answerFeedback(await ctxFor(t.db, 'unit'), { trackingCode: aboutHidden.trackingCode, body: '公开答复LEAKHIDDENANS8，已经处理。' });
      // A moderator and an auditor read the contacts: the reads are logged, the contacts are not.
      await feedbackItem(moderator, privateReport.trackingCode);
      await feedbackItem(await ctxFor(t.db, 'auditor'), rejected.trackingCode);
      await withhold(hidden.id);
      try {
        const hashes = (await t.db.select({ h: s.feedback.contactHash }).from(s.feedback).where(inArray(s.feedback.trackingCode, [privateReport.trackingCode, rejected.trackingCode, received.trackingCode, aboutHidden.trackingCode]))).map((r) => r.h!);
        expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
        const secrets = [contact, phone, 'fresh-17@example.org', 'hidden-64@example.org', ...hashes, 'EXIFLEAK42', 'GPSLatitude', 'LEAKPRIVATE91', 'LEAKANSWER55', 'LEAKREJECT33', 'LEAKFRESH17', 'LEAKHIDDEN64', 'LEAKHIDDENANS8', hidden.code];

        const views = await everyPublicRow(t);
        const codes = [privateReport, rejected, received, aboutHidden].map((r) => r.trackingCode);
        const photoIds = (await t.db.select({ id: s.feedbackPhotos.id }).from(s.feedbackPhotos)).map((r) => String(r.id));
        let answers = '';
        for (const [path, load, params] of PUBLIC_GETS) {
          const { GET } = (await load()) as { GET: Handler };
          const values: Record<string, string[]> = { code: [project.code, hidden.code], trackingCode: codes, id: photoIds };
          const combos = params.length === 0 ? [{}] : (values[params[0]!] ?? []).map((v) => ({ [params[0]!]: v }));
          for (const p of combos) {
            const res = await GET(new Request(`https://example.org${path.replace(/\[(\w+)\]/g, (_m, k: string) => (p as Record<string, string>)[k]!)}`), { params: Promise.resolve(p) });
            expect(res.status, path).toBeLessThan(500);
            answers += `\n${path} ${res.status} ${Buffer.from(await res.arrayBuffer()).toString('utf8')}`;
          }
        }
        const audit = JSON.stringify(await t.db.select({ action: s.auditLog.action, before: s.auditLog.before, after: s.auditLog.after }).from(s.auditLog));
        for (const secret of secrets) {
          expect(views, `view: ${secret}`).not.toContain(secret);
          expect(answers, `api: ${secret}`).not.toContain(secret);
          if (secret !== hidden.code) expect(audit, `audit: ${secret}`).not.toContain(secret);
        }
        // The searches could find: the item text does reach the moderator and the audit names the reads.
        expect(audit).toContain('feedback.contact_read');
      } finally {
        await revoke(hidden.id);
      }
    });
  });

  describe('mail', () => {
    let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
    let mailer: MailTransport;
    let config: MailConfig;
    const deliver = (at = new Date()) => deliverOutbox(t.db, 100, () => at, { mailer, mail: config });
    const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
    /** The link a confirmation mail would carry, derived from its outbox row as the worker does. */
    const lastToken = async (purpose: CitizenMailPayload['purpose']) => {
      const [row] = await t.db.select().from(s.outbox).where(and(eq(s.outbox.topic, 'citizen_mail'), sql`${s.outbox.payload}->>'purpose' = ${purpose}`)).orderBy(sql`${s.outbox.id} desc`).limit(1);
      return confirmationToken(t.db, row!.payload as CitizenMailPayload);
    };
    const followOf = async (email: string) =>
      (await t.db.select({ id: s.follows.id, confirmedAt: s.follows.confirmedAt }).from(s.follows).innerJoin(s.citizenContacts, eq(s.citizenContacts.id, s.follows.citizenContactId)).where(eq(s.citizenContacts.email, email)))[0];

    beforeAll(async () => {
      smtp = await startSmtpCatcher();
      config = { smtpUrl: smtp.url, sinkDir: '/nonexistent', from: 'portal <portal@portal.test>', baseUrl: 'http://portal.test' };
      mailer = createMailTransport(config);
      while ((await deliver()) > 0);
    });
    afterAll(async () => {
      mailer?.close();
      await smtp?.close();
    });

    it('a pending follow of a project withheld before confirming gets no mail and cannot be confirmed', async () => {
      const email = 'withheld-follow@example.test';
      await requestCitizenFollow(t.db, { subjectType: 'project', code: hidden.code, email }, nextAddress());
      const token = await lastToken('confirm_follow');
      await withhold(hidden.id);
      try {
        await deliver();
        expect(mailsTo(email)).toHaveLength(0);
        expect((await confirmCitizenFollow(t.db, token, nextAddress())).outcome).toBe('invalid');
        expect((await followOf(email))!.confirmedAt).toBeNull();
      } finally {
        await revoke(hidden.id);
      }
    });

    it('an answer unpublished before delivery mails no follower; a published one does', async () => {
      const email = 'answers@example.test';
      await requestCitizenFollow(t.db, { subjectType: 'project', code: project.code, email }, nextAddress());
      expect((await confirmCitizenFollow(t.db, await lastToken('confirm_follow'), nextAddress())).outcome).toBe('confirmed');
      await deliver();
      const moderator = await ctxFor(t.db, 'moderator');
      const unit = await ctxFor(t.db, 'unit');
      const ask = async (text: string, answer: string) => {
        const { trackingCode } = await submit({ kind: 'question', projectCode: project.code, text });
        await acceptFeedback(moderator, { trackingCode, organisationId: unitOrg, publish: true });
        await answerFeedback(unit, { trackingCode, body: answer });
        return trackingCode;
      };
      const hiddenLater = await ask('这条问题稍后撤回公开吗？', '撤回后的答复MAILUNPUB21。');
      await setFeedbackPublic(moderator, { trackingCode: hiddenLater, publish: false });
      await ask('这条问题保持公开吗？', '公开的答复MAILPUB22。');
      await deliver();
      const texts = mailsTo(email).map((m) => m.text).join('\n');
      expect(texts).toContain('MAILPUB22');
      expect(texts).not.toContain('MAILUNPUB21');
      expect(smtp.mails.some((m) => m.text.includes('MAILUNPUB21'))).toBe(false);
    });

    it('a rating link cannot be tampered with, replayed to change a score, or used after it expired', async () => {
      const [done] = rowsOf<{ code: string; id: number }>(
        await t.db.execute(sql`SELECT p.code, p.id FROM public_projects p WHERE EXISTS (SELECT 1 FROM public_item_timeline x WHERE x.project_id = p.id AND x.stage = 'accepted') ORDER BY p.code LIMIT 1`),
      );
      const email = 'tamper@example.test';
      await requestProjectRating(t.db, { code: done!.code, email, score: 2 }, nextAddress());
      const token = await lastToken('confirm_rating');
      expect(token.startsWith('2.')).toBe(true);
      const rating = async () => (await t.db.select().from(s.projectRatings).innerJoin(s.citizenContacts, eq(s.citizenContacts.id, s.projectRatings.contactId)).where(eq(s.citizenContacts.email, email)))[0]!.project_ratings;
      for (const forged of [`5.${token.slice(2)}`, `1.${token.slice(2)}`, token.slice(2), `2.${token.slice(2, -1)}A`, `${token}x`]) {
        expect((await confirmProjectRating(t.db, forged, nextAddress())).outcome, forged).toBe('invalid');
      }
      expect(await rating()).toMatchObject({ score: 2, confirmedAt: null });
      // Expired: a week and a day later.
      expect((await confirmProjectRating(t.db, token, nextAddress(), new Date(Date.now() + 8 * 86_400_000))).outcome).toBe('expired');
      expect((await rating()).confirmedAt).toBeNull();
      expect((await confirmProjectRating(t.db, token, nextAddress())).outcome).toBe('confirmed');
      // A second request (score 5) is pending; the old link, replayed, neither confirms it nor brings 2 back over it.
      await requestProjectRating(t.db, { code: done!.code, email, score: 5 }, nextAddress());
      const second = await lastToken('confirm_rating');
      expect((await confirmProjectRating(t.db, token, nextAddress())).outcome).toBe('already_confirmed');
      expect((await rating()).score).toBe(2);
      expect((await confirmProjectRating(t.db, second, nextAddress())).outcome).toBe('replaced');
      expect((await confirmProjectRating(t.db, token, nextAddress())).outcome).toBe('already_confirmed');
      expect((await rating()).score).toBe(5);
    });

    it('one follower’s links end only their own follow; a made-up or confirm link ends nothing', async () => {
      const confirmFollow = async (email: string) => {
        await requestCitizenFollow(t.db, { subjectType: 'county', code: '140322', email }, nextAddress());
        const token = await lastToken('confirm_follow');
        expect((await confirmCitizenFollow(t.db, token, nextAddress())).outcome).toBe('confirmed');
        return token;
      };
      const aliceConfirm = await confirmFollow('alice@example.test');
      await confirmFollow('bob@example.test');
      const [alice, bob] = [(await followOf('alice@example.test'))!, (await followOf('bob@example.test'))!];
      for (const token of ['A'.repeat(43), aliceConfirm, `${(await unfollowToken(t.db, bob.id)).slice(0, -1)}A`]) {
        expect((await leaveCitizenFollow(t.db, token, nextAddress())).outcome).toBe('invalid');
      }
      expect((await leaveCitizenFollow(t.db, await unfollowToken(t.db, alice.id), nextAddress())).outcome).toBe('left');
      expect(await followOf('alice@example.test')).toBeUndefined();
      expect((await followOf('bob@example.test'))!.confirmedAt).not.toBeNull();
      // The public action is the same data layer: a made-up link through it changes nothing.
      expect(await followActions.leaveFollowAction({ token: 'B'.repeat(43) })).toMatchObject({ ok: true, data: { outcome: 'invalid' } });
      expect((await followOf('bob@example.test'))!.confirmedAt).not.toBeNull();
    });
  });

  describe('rate limit and challenge', () => {
    /** Pushes an address past the free submissions, answering the challenge it gets. */
    async function challengeFor(address: string) {
      for (let i = 0; i <= SUBMISSION_LIMITS.address.free; i++) {
        const e = await errorOf(guardSubmission(t.db, { kind: 'feedback', clientAddress: address, now: new Date() }));
        if (e instanceof ChallengeRequiredError) return e.challenge;
      }
      throw new Error('no challenge');
    }

    it('a solved challenge passes once: replayed, it asks again', async () => {
      const address = '10.201.0.1';
      const challenge = await challengeFor(address);
      const solved = { token: challenge.token, answer: await answerOf(t.db, challenge.token) };
      await guardSubmission(t.db, { kind: 'feedback', clientAddress: address, challenge: solved, now: new Date() });
      const replay = await errorOf(guardSubmission(t.db, { kind: 'feedback', clientAddress: address, challenge: solved, now: new Date() }));
      expect(replay).toBeInstanceOf(ChallengeRequiredError);
      expect(replay!.messageKey).toBe('errors.challengeWrong');
    });

    it('two parallel submissions with the same solved challenge: exactly one is stored', async () => {
      const address = '10.202.0.1';
      const challenge = await challengeFor(address);
      const solved = { token: challenge.token, answer: await answerOf(t.db, challenge.token) };
      const before = await count();
      const results = await Promise.allSettled(
        [0, 1, 2].map(() => submitFeedback({ input: input({ kind: 'question', text: '并发提交的同一个问题。' }), photos: [], clientAddress: address, challenge: solved }, t.db)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ChallengeRequiredError);
      expect(await count()).toBe(before + 1);
    });

    it('the limit is met before any photo is decoded, so a flood of pictures costs the flooder only', async () => {
      const address = '10.203.0.1';
      await t.db.insert(s.rateLimits).values([
        { key: `feedback:a:${address}`, count: SUBMISSION_LIMITS.address.max, windowEndsAt: new Date(Date.now() + 3_600_000) },
      ]);
      // A picture whose decoding fails: were it decoded first, the answer would be about the picture.
      const corrupt = markedJpeg('RATE').subarray(0, 200);
      const e = await errorOf(submit({ kind: 'report', text: '一张坏掉的照片请查看。' }, [corrupt, corrupt, corrupt], address));
      expect(e).toBeInstanceOf(RateLimitedError);
    });

    it('the client’s address: a header the client wrote never chooses its bucket', () => {
      const secret = 'peer-secret-for-test';
      const forged = { 'x-forwarded-for': '1.2.3.4', [PEER_HEADER]: 'wrong-secret-value 9.9.9.9' };
      expect(clientAddress({ 'x-forwarded-for': '1.2.3.4' }, { secret })).toBe('unverified');
      expect(clientAddress(forged, { secret })).toBe('unverified');
      expect(clientAddress(forged, { secret: undefined })).toBe('unverified');
      const peer = { [PEER_HEADER]: `${secret} 203.0.113.5` };
      expect(clientAddress({ ...peer, 'x-forwarded-for': '1.2.3.4' }, { secret, trustProxy: 0 })).toBe('203.0.113.5');
      // One proxy in front: the client's own prefix to the header is ignored, the proxy's entry counts.
      expect(clientAddress({ ...peer, 'x-forwarded-for': '1.2.3.4, 198.51.100.7' }, { secret, trustProxy: 1 })).toBe('198.51.100.7');
      expect(clientAddress({ ...peer, 'x-forwarded-for': `${'9'.repeat(500)}` }, { secret, trustProxy: 1 }).length).toBeLessThanOrEqual(64);
      expect(clientAddress({ ...peer }, { secret, trustProxy: 3 })).toBe('203.0.113.5');
    });
  });

  describe('hostile input', () => {
    // Route requests here come from no verified address and share one bucket: each test starts it afresh.
    beforeEach(async () => {
      await t.db.delete(s.rateLimits).where(sql`${s.rateLimits.key} like 'feedback:%'`);
    });

    it('refuses a body past the limit while reading it, even when it declares no length', async () => {
      const limit = FEEDBACK_PHOTOS_MAX * MAX_PHOTO_BYTES + 64 * 1024;
      const chunk = new Uint8Array(1024 * 1024).fill(0x61);
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"kind":"question","text":"'));
        },
        pull(c) {
          if (pulled > limit * 2) return c.close();
          pulled += chunk.byteLength;
          c.enqueue(chunk);
        },
      });
      const before = await count();
      const res = await feedbackRoute.POST(new Request('https://example.org/api/public/feedback', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit));
      expect(res.status).toBe(422);
      expect(pulled).toBeLessThan(limit + 4 * chunk.byteLength);
      expect(await count()).toBe(before);
      const declared = await feedbackRoute.POST(new Request('https://example.org/api/public/feedback', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'content-length': String(limit + 1) } }));
      expect(declared.status).toBe(422);
    });

    it('refuses ten photos, a picture bomb and a file that is not a picture; strips a polyglot to its pixels', async () => {
      const before = await count();
      const form = (photos: Uint8Array[]) => {
        const f = new FormData();
        f.set('kind', 'report');
        f.set('text', '现场照片请核查处理。');
        for (const p of photos) f.append('photos', new File([new Uint8Array(p)], 'x.jpg', { type: 'image/jpeg' }));
        return f;
      };
      const fieldErrors = async (res: Response) => ((await res.json()) as { error: { fieldErrors?: Record<string, string> } }).error.fieldErrors ?? {};
      const ten = await post(form(Array.from({ length: 10 }, () => markedJpeg('TEN'))));
      expect(ten.status).toBe(422);
      expect((await fieldErrors(ten)).photos).toBeTruthy();
      const started = Date.now();
      const bomb = await post(form([pngDeclaring(60_000, 60_000)]));
      expect(bomb.status).toBe(422);
      expect((await fieldErrors(bomb)).photos).toBeTruthy();
      expect(Date.now() - started).toBeLessThan(5_000);
      const svg = await post(form([new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')]));
      expect(svg.status).toBe(422);
      expect(await count()).toBe(before);

      const polyglot = await post(form([markedJpeg('POLYGLOT88')]));
      expect(polyglot.status).toBe(201);
      const { trackingCode } = (await polyglot.json()) as { trackingCode: string };
      const [photo] = await t.db.select().from(s.feedbackPhotos).innerJoin(s.feedback, eq(s.feedback.id, s.feedbackPhotos.feedbackId)).where(eq(s.feedback.trackingCode, trackingCode));
      const stored = Buffer.from(photo!.feedback_photos.content).toString('latin1');
      expect(stored).not.toContain('POLYGLOT88');
      expect(stored).not.toContain('<script');
      expect(stored).not.toContain('Exif');
      expect(stored.endsWith('\xff\xd9')).toBe(true);
    });

    it('text: bidi overrides and isolates are refused, entities and look-alike brackets kept exactly as typed', async () => {
      const send = (text: string, extra: Record<string, unknown> = {}) => post(JSON.stringify({ kind: 'question', text, ...extra }), 'application/json');
      const before = await count();
      for (const text of ['请看这里\u202eexe.txt的文件', '项目\u2067名称\u2069是什么', '&#60;script&#62;alert(1)&#60;/script&#62;', '<scr<script>ipt>alert(1)</script>', 'javascript:alert(1) 点击这里']) {
        expect((await send(text)).status, JSON.stringify(text)).toBe(422);
      }
      expect(await count()).toBe(before);
      const text = '实体 &lt;b&gt;加粗&lt;/b&gt; 与全角 ＜script＞alert(1)＜/script＞ 原样。';
      const res = await send(text);
      expect(res.status).toBe(201);
      const { trackingCode } = (await res.json()) as { trackingCode: string };
      await acceptFeedback(await ctxFor(t.db, 'moderator'), { trackingCode, organisationId: unitOrg, publish: true });
      const shown = (await (await statusOf(trackingCode)).json()) as { item: { text: string } };
      expect(shown.item.text).toBe(text);
      expect(shown.item.text).not.toContain('<script>');
    });

    it('an enormous contact, a withheld publication and a code made of SQL are refused like anything unknown', async () => {
      const send = (extra: Record<string, unknown>) => post(JSON.stringify({ kind: 'question', text: '这条信息的资金去向？', ...extra }), 'application/json');
      const before = await count();
      const huge = await send({ contact: `${'a'.repeat(100_000)}@example.org` });
      expect(huge.status).toBe(422);
      expect(((await huge.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.contact).toBeTruthy();
      const issuerOrgId = (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ')))[0]!.id;
      const pub = await t.db.transaction((tx) =>
        publishSnapshot(tx, { kind: 'evaluation_result', subjectType: 'project', subjectId: hidden.id, title: '攻击测试公开', content: { note: 'x' }, notice: '测试', issuerOrgId, dataAsOf: '2026-03-01', eventAt: new Date(), changeReason: '测试' }),
      );
      await withhold(hidden.id);
      try {
        const withheld = (await (await send({ publicationId: pub.id })).json()) as { error: unknown };
        const unknown = (await (await send({ publicationId: 2_000_000_000 })).json()) as { error: unknown };
        expect(withheld).toEqual(unknown);
      } finally {
        await revoke(hidden.id);
      }
      for (const code of [`'; drop table feedback; --`, `${project.code}' or '1'='1`, `%`, `_`, `\\`, `${project.code}\u0000`]) {
        const res = await send({ projectCode: code });
        expect(res.status, code).toBe(422);
      }
      expect(await count()).toBe(before);
    });
  });

  describe('racing moderators', () => {
    const moderator = () => ctxFor(t.db, 'moderator');
    const statusOfCode = async (code: string) => (await t.db.select({ status: s.feedback.status, mergedIntoId: s.feedback.mergedIntoId, id: s.feedback.id }).from(s.feedback).where(eq(s.feedback.trackingCode, code)))[0]!;

    it('two moderators rejecting, or accepting and rejecting, one item leave one coherent state', async () => {
      const m = await moderator();
      const { trackingCode } = await submit({ kind: 'question', text: '两个版主同时处理的问题。' });
      const both = await Promise.allSettled([rejectFeedback(m, { trackingCode, reason: '重复' }), rejectFeedback(m, { trackingCode, reason: '广告' })]);
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const events = await t.db.select().from(s.feedbackEvents).innerJoin(s.feedback, eq(s.feedback.id, s.feedbackEvents.feedbackId)).where(and(eq(s.feedback.trackingCode, trackingCode), eq(s.feedbackEvents.event, 'rejected')));
      expect(events).toHaveLength(1);
      const second = (await submit({ kind: 'question', text: '另一个同时处理的问题。' })).trackingCode;
      await Promise.allSettled([acceptFeedback(m, { trackingCode: second, organisationId: unitOrg, publish: true }), rejectFeedback(m, { trackingCode: second, reason: '广告' })]);
      const [row] = await t.db.select().from(s.feedback).where(eq(s.feedback.trackingCode, second));
      if (row!.status === 'rejected') expect(row!.isPublic).toBe(false);
      else expect(row).toMatchObject({ status: 'assigned', isPublic: true });
    });

    it('refuses merging into a rejected or merged item, and a cycle', async () => {
      const m = await moderator();
      const [a, b, c, r] = await Promise.all(['甲：这个项目谁负责？', '乙：这个项目谁负责呢？', '丙：负责人是谁？', '丁：广告内容。'].map(async (text) => (await submit({ kind: 'question', text })).trackingCode));
      await rejectFeedback(m, { trackingCode: r!, reason: '广告' });
      expect((await errorOf(mergeFeedback(m, { trackingCode: a!, intoTrackingCode: r! })))?.messageKey).toBe('participation.mergeTargetUnknown');
      await mergeFeedback(m, { trackingCode: a!, intoTrackingCode: b! });
      expect((await errorOf(mergeFeedback(m, { trackingCode: b!, intoTrackingCode: a! })))?.messageKey).toBe('participation.mergeTargetUnknown');
      expect((await errorOf(mergeFeedback(m, { trackingCode: c!, intoTrackingCode: a! })))?.messageKey).toBe('participation.mergeTargetUnknown');
      expect((await errorOf(mergeFeedback(m, { trackingCode: c!, intoTrackingCode: c! })))?.messageKey).toBe('participation.mergeSelf');
      expect((await statusOfCode(b!)).status).toBe('received');
    });

    it('two moderators merging two items into each other at once never make a cycle', async () => {
      const m1 = await moderator();
      const m2 = await ctxFor(t.db, 'moderator');
      for (let round = 0; round < 6; round++) {
        const [a, b] = await Promise.all([`第${round}轮甲：河道什么时候清理？`, `第${round}轮乙：河道何时清理？`].map(async (text) => (await submit({ kind: 'question', text })).trackingCode));
        const results = await Promise.allSettled([mergeFeedback(m1, { trackingCode: a!, intoTrackingCode: b! }), mergeFeedback(m2, { trackingCode: b!, intoTrackingCode: a! })]);
        for (const r of results) if (r.status === 'rejected') expect(r.reason, String(r.reason)).toBeInstanceOf(AppError);
        const [sa, sb] = [await statusOfCode(a!), await statusOfCode(b!)];
        expect([sa.status, sb.status].filter((x) => x === 'merged').length, `round ${round}`).toBeLessThanOrEqual(1);

      }
    });
  });
});
