import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import jpeg from 'jpeg-js';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { answerFeedback } from '@/lib/dal/participation/answers';
import { feedbackItem } from '@/lib/dal/participation/items';
import { acceptFeedback, closeFeedback, mergeFeedback, rejectFeedback } from '@/lib/dal/participation/moderation';
import { flagOverdueFeedback } from '@/lib/dal/internal/participation/overdue';
import { submitFeedback } from '@/lib/dal/participation/submit';
import { feedbackByTrackingCode, latestPublicFeedback, publicFeedbackAbout } from '@/lib/dal/public/feedback';
import { deliverOutbox } from '@/lib/dal/workflow/outbox';
import { parseInput } from '@/lib/errors/validation';
import { submitFeedbackSchema } from '@/lib/schemas/participation';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/** Each submission from its own address, so these tests never meet the rate limit (tested on its own). */
let addressSeq = 0;
const nextAddress = () => `10.${(addressSeq >> 8) & 255}.${addressSeq++ & 255}.7`;

const input = (v: Record<string, unknown>) => parseInput(submitFeedbackSchema, v);

/** A real JPEG with an EXIF segment carrying GPS-like bytes and a marker, as a phone would send. */
function photoWithMarker(marker: string): Uint8Array {
  const w = 16;
  const h = 12;
  const data = Buffer.alloc(w * h * 4, 180);
  const encoded = jpeg.encode({ data, width: w, height: h }, 90).data;
  const exif = Buffer.concat([Buffer.from('Exif\0\0GPSLatitude 37.85 '), Buffer.from(marker)]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 255]), exif]);
  return new Uint8Array(Buffer.concat([encoded.subarray(0, 2), app1, encoded.subarray(2)]));
}

/** Every row of every public view as one text, to search for what must never be there. */
async function everyPublicRow(t: TestDatabase): Promise<string> {
  const views = rowsOf<{ name: string }>(await t.db.execute(sql`select table_name as name from information_schema.views where table_schema = 'public' and table_name like 'public\\_%'`));
  let all = '';
  for (const v of views) {
    const rows = rowsOf<Record<string, unknown>>(await t.db.execute(sql.raw(`select * from "${v.name}"`)));
    all += JSON.stringify(rows, (_k, x) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? Buffer.from(x).toString('latin1') : x));
  }
  return all;
}

describe.each(DRIVERS)('public participation on %s', (driver) => {
  let t: TestDatabase;
  let projectCode: string;
  let projectId: number;
  let implementingOrgId: number;
  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
    const [p] = rowsOf<{ id: number; code: string; implementing_org_id: number }>(
      await t.db.execute(sql`select pp.id, pp.code, p.implementing_org_id from public_projects pp join projects p on p.id = pp.id join organisations o on o.id = p.implementing_org_id where o.code = 'DEMO-UNIT-140322' order by pp.code limit 1`),
    );
    projectCode = p!.code;
    projectId = Number(p!.id);
    implementingOrgId = Number(p!.implementing_org_id);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  it('seeds the demo with an answered question, an answered suggestion and a private overdue report', async () => {
    const [question, suggestion, report] = await Promise.all(['YQ-DEM0000001', 'YQ-DEM0000002', 'YQ-DEM0000003'].map((c) => feedbackByTrackingCode(c)));
    expect(question!.status.status).toBe('closed');
    expect(question!.item!.answers).toHaveLength(1);
    expect(suggestion!.status.status).toBe('answered');
    expect(report!.status).toMatchObject({ status: 'assigned', is_public: false, overdue: true });
    expect(report!.item).toBeNull();
    expect(await everyPublicRow(t)).not.toContain('demo-reporter@example.org');
  });

  const submit = (v: Record<string, unknown>, photos: Uint8Array[] = []) => submitFeedback({ input: input(v), photos, clientAddress: nextAddress() }, t.db);

  it('tracks a question from receipt to closing, showing the text only once published', async () => {
    const contact = 'reporter-7f3a@example.org';
    const { trackingCode } = await submit({ kind: 'question', projectCode, text: '这个项目什么时候完工？进度如何？', contact });
    expect(trackingCode).toMatch(/^YQ-[0-9A-HJKMNP-TV-Z]{10}$/);

    let found = await feedbackByTrackingCode(trackingCode);
    expect(found!.status.status).toBe('received');
    expect(found!.item).toBeNull();
    expect((await latestPublicFeedback()).map((r) => r.tracking_code)).not.toContain(trackingCode);

    const moderator = await ctxFor(t.db, 'moderator');
    const seen = await feedbackItem(moderator, trackingCode);
    expect(seen.contact).toBe(contact);
    expect(seen.suggestedOrgId).toBe(implementingOrgId);
    await acceptFeedback(moderator, { trackingCode, organisationId: implementingOrgId, publish: true });

    found = await feedbackByTrackingCode(trackingCode);
    expect(found!.status.status).toBe('assigned');
    expect(found!.status.due_at).not.toBeNull();
    expect(found!.item!.body).toBe('这个项目什么时候完工？进度如何？');
    expect((await publicFeedbackAbout({ type: 'project', code: projectCode })).map((r) => r.tracking_code)).toContain(trackingCode);

    // Another organisation cannot answer, and learns nothing about the item.
    await expect(answerFeedback(await ctxFor(t.db, 'unit-pd'), { trackingCode, body: '我们来答复一下这个问题。' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(feedbackItem(await ctxFor(t.db, 'unit-pd'), trackingCode)).rejects.toMatchObject({ code: 'not_found' });
    // The answering organisation never sees the reporter's contact.
    const unit = await ctxFor(t.db, 'unit');
    expect((await feedbackItem(unit, trackingCode)).contact).toBeNull();

    await answerFeedback(unit, { trackingCode, body: '项目计划于 2027 年 6 月完工，目前完成 60%。' });
    await answerFeedback(unit, { trackingCode, body: '更正：项目计划于 2027 年 8 月完工，目前完成 60%。' });
    found = await feedbackByTrackingCode(trackingCode);
    expect(found!.status.status).toBe('answered');
    expect(found!.item!.answers.map((a) => a.body)).toEqual(['项目计划于 2027 年 6 月完工，目前完成 60%。', '更正：项目计划于 2027 年 8 月完工，目前完成 60%。']);
    const outbox = await t.db.select().from(s.outbox).where(eq(s.outbox.topic, 'feedback_answered'));
    expect(outbox.filter((o) => (o.payload as { feedbackId: number }).feedbackId === seen.item.id)).toHaveLength(2);
    // Answers are append-only.
    await expect(t.db.execute(sql`update feedback_answers set body = 'x' where feedback_id = ${seen.item.id}`)).rejects.toThrow();

    await closeFeedback(moderator, { trackingCode, reason: '已答复' });
    expect((await feedbackByTrackingCode(trackingCode))!.status.status).toBe('closed');
    await expect(closeFeedback(moderator, { trackingCode })).rejects.toMatchObject({ code: 'conflict' });

    const everything = await everyPublicRow(t);
    expect(everything).not.toContain(contact);
  });

  it('keeps the reporter and the photo metadata out of every public view', async () => {
    const marker = 'GPSMARKER-9d41c7';
    const contact = '13912345678';
    const { trackingCode } = await submit({ kind: 'report', projectCode, text: '工地已经停工三个月，围挡都拆了。', contact }, [photoWithMarker(marker)]);
    const [stored] = await t.db.select({ content: s.feedbackPhotos.content }).from(s.feedbackPhotos).innerJoin(s.feedback, eq(s.feedback.id, s.feedbackPhotos.feedbackId)).where(eq(s.feedback.trackingCode, trackingCode));
    expect(Buffer.from(stored!.content).toString('latin1')).not.toContain(marker);
    expect(Buffer.from(stored!.content).toString('latin1')).not.toContain('Exif');
    await acceptFeedback(await ctxFor(t.db, 'moderator'), { trackingCode, organisationId: implementingOrgId, publish: true });
    const found = await feedbackByTrackingCode(trackingCode);
    expect(found!.photos).toHaveLength(1);
    const everything = await everyPublicRow(t);
    expect(everything).toContain(trackingCode);
    expect(everything).not.toContain(marker);
    expect(everything).not.toContain(contact);
    // A report reaches the auditors through the outbox.
    await deliverOutbox(t.db);
    const [auditor] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'auditor'));
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, auditor!.id));
    expect(notes.some((n) => n.title.includes(trackingCode))).toBe(true);
  });

  it('shows a rejection with its reason but never the rejected text, and points a duplicate at the original', async () => {
    const moderator = await ctxFor(t.db, 'moderator');
    const spam = await submit({ kind: 'suggestion', text: '广告：低价代办各类证件，联系微信 xxxx' });
    await rejectFeedback(moderator, { trackingCode: spam.trackingCode, reason: '广告信息' });
    const r = await feedbackByTrackingCode(spam.trackingCode);
    expect(r!.status.status).toBe('rejected');
    expect(r!.status.reject_reason).toBe('广告信息');
    expect(r!.item).toBeNull();
    expect(await everyPublicRow(t)).not.toContain('低价代办');

    const a = await submit({ kind: 'question', projectCode, text: '请问这个项目的承包单位是谁？' });
    const b = await submit({ kind: 'question', projectCode, text: '想知道这个项目是哪家公司施工的。' });
    await acceptFeedback(moderator, { trackingCode: a.trackingCode, organisationId: implementingOrgId, publish: true });
    await mergeFeedback(moderator, { trackingCode: b.trackingCode, intoTrackingCode: a.trackingCode });
    expect((await feedbackByTrackingCode(b.trackingCode))!.status.merged_into).toBe(a.trackingCode);
    await expect(mergeFeedback(moderator, { trackingCode: a.trackingCode, intoTrackingCode: a.trackingCode })).rejects.toMatchObject({ code: 'validation' });
    // Only moderators moderate.
    await expect(acceptFeedback(await ctxFor(t.db, 'officer'), { trackingCode: a.trackingCode, organisationId: implementingOrgId, publish: true })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses bad input with a message and stores nothing', async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(s.feedback))[0]!.n;
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'question', text: '' }, 'participation.textTooShort'],
      [{ kind: 'question', text: '好'.repeat(2001) }, 'participation.textTooLong'],
      [{ kind: 'question', text: '你好<script>alert(1)</script>请回答' }, 'participation.textMarkup'],
      [{ kind: 'question', text: '点这里 <a href="x">链接</a> 看看' }, 'participation.textMarkup'],
      [{ kind: 'question', text: '正常文字\u202e隐藏的反向文字' }, 'participation.textControl'],
      [{ kind: 'rumour', text: '这是一个正常的问题吗？' }, 'participation.kindRequired'],
      [{ kind: 'question', text: '这是一个正常的问题吗？', projectCode, countyCode: '140322' }, 'participation.oneSubject'],
      [{ kind: 'question', text: '这是一个正常的问题吗？', contact: 'not a contact' }, 'participation.contactInvalid'],
    ];
    // The schema is what the route and the browser form run before anything else.
    for (const [v, key] of bad) {
      const parsed = submitFeedbackSchema.safeParse(v);
      expect(parsed.success, JSON.stringify(v).slice(0, 80)).toBe(false);
      expect(parsed.error!.issues.map((i) => i.message)).toContain(key);
    }
    await expect(submit({ kind: 'question', projectCode: 'NO-SUCH-PROJECT', text: '这是一个正常的问题吗？' })).rejects.toMatchObject({ code: 'validation', messageKey: 'participation.subjectUnknown' });
    await expect(submit({ kind: 'report', text: '附上照片看看这个情况。' }, [new TextEncoder().encode('<html><script>alert(1)</script></html>')])).rejects.toMatchObject({ messageKey: 'participation.photo_not_an_image' });
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(s.feedback))[0]!.n).toBe(before);
  });

  it('hides what is said about a project once the project is withheld, and refuses new items on it as on an unknown one', async () => {
    const moderator = await ctxFor(t.db, 'moderator');
    const { trackingCode } = await submit({ kind: 'question', projectCode, text: '这个项目的验收结果公开了吗？' });
    await acceptFeedback(moderator, { trackingCode, organisationId: implementingOrgId, publish: true });
    expect((await feedbackByTrackingCode(trackingCode))!.item).not.toBeNull();
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const people = await t.db.select({ id: s.users.id, username: s.users.username }).from(s.users).where(sql`${s.users.username} in ('officer', 'reviewer', 'approver')`);
    const idOf = (u: string) => people.find((x) => x.username === u)!.id;
    await t.db.insert(s.withholdings).values({ itemType: 'project', itemId: projectId, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: idOf('officer'), approvedBy1: idOf('reviewer'), approvedBy2: idOf('approver'), status: 'active', activatedAt: new Date() });
    const after = await feedbackByTrackingCode(trackingCode);
    expect(after!.status.status).toBe('assigned');
    expect(after!.status.is_public).toBe(false);
    expect(after!.item).toBeNull();
    expect(await everyPublicRow(t)).not.toContain('这个项目的验收结果公开了吗');
    await expect(submit({ kind: 'question', projectCode, text: '这是一个正常的问题吗？' })).rejects.toMatchObject({ messageKey: 'participation.subjectUnknown' });
    await t.db.delete(s.withholdings).where(eq(s.withholdings.itemId, projectId));
  });

  it('flags an item past its deadline once, publicly and to the supervisors', async () => {
    const moderator = await ctxFor(t.db, 'moderator');
    const { trackingCode } = await submit({ kind: 'question', countyCode: '140322', text: '县里今年的生态修复资金用在哪里？' });
    const [county] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'));
    const past = new Date(Date.now() - 30 * 86_400_000);
    await acceptFeedback({ ...moderator, clock: () => past }, { trackingCode, organisationId: county!.id, publish: true });
    expect((await feedbackByTrackingCode(trackingCode))!.status.overdue).toBe(true);
    expect(await flagOverdueFeedback(t.db)).toBeGreaterThanOrEqual(1);
    expect(await flagOverdueFeedback(t.db)).toBe(0);
    await deliverOutbox(t.db);
    const [reviewer] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'reviewer'));
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, reviewer!.id));
    expect(notes.filter((n) => n.title.includes(trackingCode))).toHaveLength(1);
    const events = await t.db.select().from(s.feedbackEvents).innerJoin(s.feedback, eq(s.feedback.id, s.feedbackEvents.feedbackId)).where(eq(s.feedback.trackingCode, trackingCode));
    expect(events.filter((e) => e.feedback_events.event === 'overdue')).toHaveLength(1);
  });
});

