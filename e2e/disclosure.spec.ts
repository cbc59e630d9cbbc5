import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

const MARKER = 'QZ7-WITHHELD-MARKER';

/** The only withholding of this journey awaits the signed-in reviewer's approval; the count of approvals moves on. */
async function approveLatest(page: Page, after: string) {
  await page.goto('/workspace/disclosure');
  await page.getByTestId('withholdings').getByRole('button', { name: '审批同意' }).first().click();
  await expect(page.getByTestId('withholdings')).toContainText(after);
}

test('a withheld programme never reaches a public page, API, feed or the sitemap; the register counts it without content', async ({ page }) => {
  test.setTimeout(180_000);
  // The city opens a programme; it is public at once.
  await signIn(page, 'officer');
  await page.goto('/workspace/programmes/new');
  await page.locator('input[name="code"]').fill('YQ-2026-QZ7');
  await page.locator('input[name="name"]').fill(`2026年涉密生态修复专项（${MARKER}）`);
  await page.locator('#amount').fill('88');
  await page.locator('select[name="unit"]').selectOption('wan');
  await page.locator('textarea[name="purpose"]').fill(`用于${MARKER}相关工程`);
  await page.locator('input[name="openedOn"]').fill('2026-03-01');
  await page.locator('input[name="docNumber"]').fill('阳财建〔2026〕200号');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('form-status')).toHaveText(/已记录/);
  await page.goto('/catalogue?year=2026');
  await expect(page.getByTestId('catalogue')).toContainText(MARKER);

  // Withholding it takes a reason, a legal basis, a review date and two approvers; the officer picks it by its code.
  await page.goto('/workspace/disclosure');
  const form = page.getByTestId('request-withholding');
  await form.locator('select[name="itemType"]').selectOption('programme');
  const item = form.locator('select[name="itemId"]');
  await item.selectOption((await item.locator('option', { hasText: 'YQ-2026-QZ7' }).getAttribute('value'))!);
  await form.locator('textarea[name="reason"]').fill('涉及国家秘密，经保密审查不予公开');
  await form.locator('input[name="reviewDate"]').fill('2030-12-31');
  await form.getByRole('button', { name: '提交' }).click();
  await expect(form.locator('.ok')).toBeVisible();
  await signOut(page);

  await signIn(page, 'reviewer');
  await approveLatest(page, '审批 1/2');
  await signOut(page);
  // One approval is not enough: the programme is still public.
  await page.goto('/catalogue?year=2026');
  await expect(page.getByTestId('catalogue')).toContainText(MARKER);
  await signIn(page, 'approver');
  await approveLatest(page, '生效');
  await signOut(page);

  // Now crawl everything public, and every publication page it links to.
  const pages = ['/', '/catalogue?year=2026', '/allocations', '/disclosure', '/disclosure/withheld', '/disclosure/completeness', '/findings', '/disclosure/audit-checkpoints', '/sitemap.xml', '/api/public/plan', '/api/public/allocations', '/api/public/feed/atom', '/api/public/feed/json', '/api/public/feed/json?programme=YQ-2026-QZ7', '/api/openapi.json', '/api/public/publications', '/api/public/publications?versions=all&pageSize=200', '/api/public/publications?programme=YQ-2026-QZ7&versions=all', '/feedback', '/feedback/stats', '/api/public/feedback', '/api/public/feedback/stats'];
  const seen = new Set<string>();
  const queue = [...pages];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await page.request.get(url);
    expect(res.status(), url).toBeLessThan(500);
    const body = await res.text();
    expect(body, url).not.toContain(MARKER);
    // A feed echoes the filter the reader typed; anything else must not name the code.
    if (!url.includes('YQ-2026-QZ7')) expect(body, url).not.toContain('YQ-2026-QZ7');
    for (const m of body.matchAll(/\/disclosure\/publications\/\d+|\/allocations\/\d+/g)) if (!seen.has(m[0]) && seen.size < 400) queue.push(m[0]);
  }
  expect(seen.size).toBeGreaterThan(20);
  // Direct addresses answer as if nothing were there.
  expect((await page.request.get('/api/public/feed/json?programme=YQ-2026-QZ7')).status()).toBe(200);

  // The register says that something is withheld, on which basis and until when — never what.
  await page.goto('/disclosure/withheld');
  await expect(page.getByTestId('withholding-register')).toContainText('专项资金');
  await expect(page.getByTestId('withholding-register')).toContainText('2030-12-31');
  await page.goto('/');
  // One programme under its basis is below the threshold: the line counts it and shows no amount.
  await expect(page.getByTestId('withheld-total')).toContainText('部分金额依法不予公开');
  await expect(page.getByTestId('withheld-total')).not.toContainText('880,000.00');
});
