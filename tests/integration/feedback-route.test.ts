import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import jpeg from 'jpeg-js';
import * as s from '@/db/schema';
import { POST, GET as LIST } from '@/app/api/public/feedback/route';
import { GET as STATUS } from '@/app/api/public/feedback/[trackingCode]/route';
import { GET as PHOTO } from '@/app/api/public/feedback/photos/[id]/route';
import { acceptFeedback } from '@/lib/dal/participation/moderation';
import { SUBMISSION_LIMITS } from '@/lib/dal/internal/participation/rate-limit/guard';
import { buildOpenApi } from '@/lib/api/openapi';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const post = (body: BodyInit, type?: string, headers: Record<string, string> = {}) =>
  POST(new Request('https://example.org/api/public/feedback', { method: 'POST', body, headers: { ...(type ? { 'content-type': type } : {}), ...headers } }));

async function answerOf(t: TestDatabase, token: string): Promise<string> {
  const hash = (x: string) => createHash('sha256').update(x).digest('hex');
  const [row] = await t.db.select().from(s.challenges).where(eq(s.challenges.tokenHash, hash(token)));
  for (let n = 2; n <= 21; n++) if (row!.answerHash === hash(`${token}:${n}`)) return String(n);
  throw new Error('no answer');
}

describe.each(DRIVERS)('POST /api/public/feedback on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(s.feedback))[0]!.n;

  it('answers 201 with a tracking code for JSON and for a form with a photo, then the status and, once published, the photo', async () => {
    const json = await post(JSON.stringify({ kind: 'suggestion', countyCode: '140322', text: '建议在村口公示栏张贴修复项目的资金明细。', contact: 'x@example.org' }), 'application/json');
    expect(json.status).toBe(201);
    const { trackingCode } = (await json.json()) as { trackingCode: string };
    expect(trackingCode).toMatch(/^YQ-/);
    const status = await STATUS(new Request(`https://example.org/api/public/feedback/${trackingCode}`), { params: Promise.resolve({ trackingCode }) });
    const body = await status.text();
    expect(status.status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ trackingCode, status: 'received', published: false, item: null });
    expect(body).not.toContain('x@example.org');

    const form = new FormData();
    form.set('kind', 'report');
    form.set('countyCode', '140322');
    form.set('text', '河道治理工程的堤岸已经开裂，请派人查看。');
    const pixels = jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 90), width: 8, height: 8 }, 90).data;
    form.append('photos', new File([new Uint8Array(pixels)], 'IMG_0001.jpg', { type: 'image/jpeg' }));
    const multipart = await POST(new Request('https://example.org/api/public/feedback', { method: 'POST', body: form }));
    expect(multipart.status).toBe(201);
    const code2 = ((await multipart.json()) as { trackingCode: string }).trackingCode;
    const [county] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'));
    await acceptFeedback(await ctxFor(t.db, 'moderator'), { trackingCode: code2, organisationId: county!.id, publish: true });
    const published = (await (await STATUS(new Request(`https://example.org/x`), { params: Promise.resolve({ trackingCode: code2 }) })).json()) as { item: { photos: { url: string }[] } };
    expect(published.item.photos).toHaveLength(1);
    const id = published.item.photos[0]!.url.split('/').at(-1)!;
    const photo = await PHOTO(new Request(`https://example.org${published.item.photos[0]!.url}`), { params: Promise.resolve({ id }) });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const list = (await (await LIST(new Request('https://example.org/api/public/feedback?kind=report'))).json()) as { items: { trackingCode: string }[] };
    expect(list.items.map((i) => i.trackingCode)).toContain(code2);
  });

  it('refuses bad input with 422 and a message in the reader language, storing nothing', async () => {
    const before = await count();
    const cases: [BodyInit, string | undefined, number][] = [
      [JSON.stringify({ kind: 'question', text: '' }), 'application/json', 422],
      [JSON.stringify({ kind: 'question', text: '<img src=x onerror=alert(1)> 请看' }), 'application/json', 422],
      [JSON.stringify({ kind: 'question', text: '好'.repeat(2001) }), 'application/json', 422],
      [JSON.stringify({ kind: 'question', text: '这个项目在哪里？', projectCode: 'NO-SUCH' }), 'application/json', 422],
      ['{not json', 'application/json', 422],
      ['kind=question&text=hello', 'text/plain', 422],
      [JSON.stringify([1, 2]), 'application/json', 422],
    ];
    for (const [body, type, status] of cases) {
      const res = await post(body, type);
      const text = await res.text();
      expect(res.status, text).toBe(status);
      expect(JSON.parse(text).error.message.length).toBeGreaterThan(0);
    }
    const en = await post(JSON.stringify({ kind: 'question', text: '<b>bold</b> question' }), 'application/json', { cookie: 'locale=en' });
    expect(((await en.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.text).toMatch(/web code/);
    const notImage = new FormData();
    notImage.set('kind', 'report');
    notImage.set('text', '附上现场照片请核查。');
    notImage.append('photos', new File(['<svg onload=alert(1)>'], 'photo.jpg', { type: 'image/jpeg' }));
    const refused = await POST(new Request('https://example.org/api/public/feedback', { method: 'POST', body: notImage }));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.photos).toBeTruthy();
    // Another site's page cannot post with the reader's browser.
    expect((await post(JSON.stringify({ kind: 'question', text: '这个项目在哪里？' }), 'application/json', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('asks a challenge (428) past the gentle rate, accepts its answer, and answers 429 with Retry-After past the limit', async () => {
    // Unverified callers (no launcher in front) share one bucket: this test fills it.
    const send = (extra: Record<string, unknown> = {}) => post(JSON.stringify({ kind: 'question', text: '请问资金什么时候到位？', ...extra }), 'application/json');
    let challenge: { token: string; question: { zh: string; en: string } } | undefined;
    for (let i = 0; i < SUBMISSION_LIMITS.address.free + 2 && !challenge; i++) {
      const res = await send();
      if (res.status === 428) challenge = ((await res.json()) as { error: { challenge: typeof challenge } }).error.challenge;
      else expect(res.status).toBe(201);
    }
    expect(challenge?.question.zh).toMatch(/等于多少/);
    const solved = await send({ challenge: { token: challenge!.token, answer: await answerOf(t, challenge!.token) } });
    expect(solved.status).toBe(201);
    let last: Response | undefined;
    for (let i = 0; i < SUBMISSION_LIMITS.address.max + 1; i++) {
      last = await send();
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('documents the POST with its 201, 422, 428 and 429 answers', () => {
    const doc = buildOpenApi() as { paths: Record<string, { post?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(doc.paths['/api/public/feedback']!.post!.responses).sort()).toEqual(['201', '422', '428', '429']);
  });
});
