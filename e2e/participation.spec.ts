import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import * as jpeg from 'jpeg-js';
import { signIn, signOut } from './helpers';

/*
 * Issue #17 on a phone: a citizen reports a problem on a project page with a photo and a contact,
 * the moderator accepts it, assigns it to the project's implementing unit and publishes it, the
 * unit answers, and the citizen reads the answer by tracking code. The contact and a marker hidden
 * in the photo's EXIF and comment are then searched for in every public answer about the item.
 */
const PHONE = { width: 390, height: 844 };
const UNIT = 'DEMO-UNIT-140322';

test.use({ viewport: PHONE, hasTouch: true });

const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [...be16(n >>> 16), ...be16(n & 0xffff)];
const segment = (marker: number, payload: number[]) => [0xff, marker, ...be16(payload.length + 2), ...payload];

/** A real 16×16 JPEG whose EXIF ImageDescription and comment segment carry `marker`. */
function jpegWithMarker(marker: string): Buffer {
  const pixels = Buffer.alloc(16 * 16 * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set([40 + (i % 200), 120, 60, 255], i);
  const plain = jpeg.encode({ data: pixels, width: 16, height: 16 }, 90).data;
  const description = [...ascii(marker), 0];
  // TIFF header, one IFD with one entry (0x010E ImageDescription, ASCII) whose text follows the IFD.
  const tiff = [...ascii('MM'), ...be16(42), ...be32(8), ...be16(1), ...be16(0x010e), ...be16(2), ...be32(description.length), ...be32(8 + 2 + 12 + 4), ...be32(0), ...description];
  const inserted = [...segment(0xe1, [...ascii('Exif'), 0, 0, ...tiff]), ...segment(0xfe, ascii(marker))];
  return Buffer.from([...plain.subarray(0, 2), ...inserted, ...plain.subarray(2)]);
}

/** A project the demo's `unit` account implements, from the public list as it is now. */
async function unitProject(page: Page): Promise<{ code: string; unitName: string }> {
  const body = (await (await page.request.get('/api/public/projects?county=140322&limit=500')).json()) as { projects: { code: string; implementingUnit: { code: string; name: string } | null }[] };
  const project = body.projects.find((p) => p.implementingUnit?.code === UNIT);
  expect(project, `a public project of ${UNIT}`).toBeTruthy();
  return { code: project!.code, unitName: project!.implementingUnit!.name };
}

test('on a phone, a report with a photo is moderated, answered by the implementing unit and read by tracking code; its contact and photo metadata are on no public answer', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const unique = randomBytes(6).toString('hex');
  const contactMarker = `cm${unique}`;
  const contact = `reporter-${contactMarker}@example.org`;
  const photoMarker = `PHOTO-MARKER-${unique}`;
  const scriptMarker = `script-${unique}`;
  const answerText = `已到现场核实，工程将于本月复工（答复 ${unique}）。`;
  const photo = jpegWithMarker(photoMarker);
  expect(photo.includes(photoMarker)).toBe(true);

  // The citizen, on the project's page: the form is under the page's public questions.
  const { code: projectCode, unitName } = await unitProject(page);
  await page.goto(`/projects/${projectCode}`);
  const panel = page.getByTestId('feedback-panel');
  await panel.locator('summary').tap();
  const form = panel.getByTestId('feedback-form');
  await form.getByRole('radio', { name: '举报' }).check();
  const text = form.locator('textarea[name="text"]');

  // Markup is refused with a clear message, beside the text, and nothing is stored (checked in the moderator's queue).
  await text.fill(`<script>alert('${scriptMarker}')</script>`);
  await form.getByRole('button', { name: '提交' }).tap();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.locator('.field-error')).toHaveText('内容中不能包含网页代码（HTML 标记或脚本），请只用文字描述。');

  await text.fill(`工地停工两个月了，现场只完成了一半（${unique}）。`);
  await form.locator('input[name="photos"]').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
  await form.locator('input[name="contact"]').fill(contact);
  await form.getByRole('button', { name: '提交' }).tap();
  const trackingCode = (await panel.getByTestId('tracking-code').textContent())!;
  expect(trackingCode).toMatch(/^YQ-[0-9A-Z]{10}$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  // The moderator finds it among the new items, sees the contact, and accepts it for the implementing unit, published.
  await signIn(page, 'moderator');
  const queue = page.getByTestId('moderation-queue');
  await expect(queue).toContainText(trackingCode);
  await expect(queue).not.toContainText(scriptMarker);
  await queue.getByRole('link', { name: trackingCode }).tap();
  await expect(page.getByTestId('ws-feedback-contact')).toHaveText(contact);
  const accept = page.getByTestId('accept-form');
  const assignTo = accept.getByLabel('办理单位');
  await expect(assignTo.locator('option:checked')).toHaveText(unitName);
  await expect(accept.getByLabel('公开留言内容')).toBeChecked();
  await accept.getByRole('button', { name: '受理并转办' }).tap();
  await expect(page.getByTestId('ws-feedback-status')).toHaveText('已转办');
  await signOut(page);

  // The unit finds it among its organisation's items and answers.
  await signIn(page, 'unit');
  await page.locator('main a[href="/workspace/feedback"]').first().tap();
  await page.getByTestId('assigned-feedback').getByRole('link', { name: trackingCode }).tap();
  const answer = page.getByTestId('feedback-answer-form');
  await answer.locator('textarea[name="body"]').fill(answerText);
  await answer.getByRole('button', { name: '发布答复' }).tap();
  await expect(page.getByTestId('ws-feedback-status')).toHaveText('已答复');
  await signOut(page);

  // The citizen reads the answer by the tracking code, with the photo; in English the labels are English.
  await page.goto(`/feedback/${trackingCode}`);
  await expect(page.getByTestId('feedback-status')).toHaveText('已答复');
  await expect(page.getByTestId('feedback-answer')).toHaveText(answerText);
  await expect(page.locator('.feedback-photos img')).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.getByTestId('locale-switch').tap();
  await expect(page.locator('main h1')).toHaveText('Progress of your message');
  await expect(page.getByTestId('feedback-status')).toHaveText('Answered');
  await expect(page.getByTestId('feedback-answer')).toHaveText(answerText);

  // Every public answer about the item, in both languages and as RSC payloads, without the contact or the photo's marker.
  const status = (await (await page.request.get(`/api/public/feedback/${trackingCode}`)).json()) as { item: { answers: { body: string }[]; photos: { url: string }[] } };
  expect(status.item.answers.map((a) => a.body)).toEqual([answerText]);
  expect(status.item.photos).toHaveLength(1);
  const photoRes = await page.request.get(status.item.photos[0]!.url);
  expect(photoRes.headers()['content-type']).toBe('image/jpeg');
  const stored = await photoRes.body();
  expect([...stored.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const leaks: string[] = [];
  const search = (where: string, body: string | Buffer) => {
    for (const [what, marker] of [['contact', contactMarker], ['photo marker', photoMarker]] as const) if (body.includes(marker)) leaks.push(`${where}: ${what}`);
  };
  search('the stored photo', stored);
  const pages = [`/feedback/${trackingCode}`, `/projects/${projectCode}`, '/feedback', '/feedback/stats'];
  const answers = ['/api/public/feedback', `/api/public/feedback/${trackingCode}`, '/api/public/feedback/stats'];
  for (const locale of ['zh', 'en']) {
    await page.context().addCookies([{ name: 'locale', value: locale, url: baseURL! }]);
    for (const path of pages) {
      const html = await (await page.request.get(path)).text();
      if (path !== '/feedback/stats') expect(html, path).toContain(trackingCode);
      search(`${locale} ${path}`, html);
      search(`${locale} ${path} (RSC)`, await (await page.request.get(path, { headers: { RSC: '1' } })).text());
    }
    for (const path of answers) search(`${locale} ${path}`, await (await page.request.get(path)).text());
  }
  expect(leaks).toEqual([]);
});
