import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

/*
 * The auditor's workspace (#16): every link the auditor is offered opens; the auditor raises a
 * finding on a payment of 盂县, the county answers with an evidence file, the auditor closes it with
 * a reason, and the public reads it on /findings in Chinese and English.
 */

const TITLE = `支付依据不全（e2e ${Date.now().toString(36)}）`;
const REASON = '整改材料齐全，予以关闭（e2e）。';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function linksOf(page: Page, selector: string): Promise<string[]> {
  return page.locator(`${selector} a[href^="/"]`).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
}

test('an auditor’s links all open, and a finding on a 盂县 payment is answered, closed and published', async ({ page, context }) => {
  test.setTimeout(180_000);
  await signIn(page, 'auditor');
  await page.goto('/workspace/auditor');
  const offered = [...new Set([...(await linksOf(page, 'nav.workspace-nav')), ...(await linksOf(page, 'main'))])].filter((h) => h.startsWith('/workspace'));
  expect(offered).toContain('/workspace/findings');
  for (const href of offered) {
    const res = await page.request.get(href);
    expect(res.status(), href).toBeLessThan(400);
  }

  // From the transfers list: a payment 盂县 made.
  await page.goto(`/workspace/transfers?kind=payment&q=${encodeURIComponent('盂财')}`);
  await page.getByRole('link', { name: '提出审计发现' }).first().click();
  await expect(page.getByTestId('finding-subject')).toBeVisible();
  const form = page.getByTestId('record-finding-form');
  await expect(form.getByLabel('责任单位').locator('option:checked')).toHaveText(/盂县/);
  // Without severity or text nothing is recorded, and the form says why.
  await form.getByRole('button', { name: '记录' }).click();
  await expect(form.getByTestId('error-severity')).toHaveText('请选择严重程度。');
  await expect(form.getByTestId('error-body')).toBeVisible();
  await form.getByLabel('严重程度').selectOption('major');
  await form.getByLabel('标题').fill(TITLE);
  await form.getByLabel('发现的问题').fill('该笔支付缺少验收单和合同，无法核实支付依据（e2e）。');
  await form.getByLabel('整改要求').fill('补齐验收单和合同，说明支付依据。');
  await form.getByLabel('整改期限').fill('2030-12-31');
  await form.getByRole('button', { name: '记录' }).click();
  await expect(page).toHaveURL(/\/workspace\/findings\/\d+$/, { timeout: 20_000 });
  const findingId = Number(/\/findings\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByTestId('finding-status')).toHaveText('待答复');
  await signOut(page);

  // The county answers with an evidence file.
  await signIn(page, 'officer-yx');
  await page.goto('/workspace/findings');
  await page.getByRole('link', { name: new RegExp(`#${findingId} ·`) }).click();
  const answer = page.getByTestId('answer-form');
  await answer.getByLabel('答复内容').fill('已补齐验收单和合同，附验收单扫描件（e2e）。');
  await answer.getByLabel('佐证材料').setInputFiles({ name: '验收单.pdf', mimeType: 'application/pdf', buffer: PDF });
  await answer.getByRole('button', { name: '提交答复' }).click();
  await expect(answer.getByTestId('finding-outcome')).toHaveText('已提交答复。');
  await page.reload();
  await expect(page.getByTestId('finding-status')).toHaveText('已答复');
  await expect(page.getByTestId('finding-answers')).toContainText('验收单.pdf');
  await signOut(page);

  // The auditor closes it, with a reason.
  await signIn(page, 'auditor');
  await page.goto(`/workspace/findings/${findingId}`);
  const close = page.getByTestId('close-form');
  await close.getByRole('button', { name: '关闭' }).click();
  await expect(close.getByTestId('error-reason')).toHaveText('关闭须说明理由（至少 4 个字）。');
  await close.getByLabel('关闭理由').fill(REASON);
  await close.getByRole('button', { name: '关闭' }).click();
  // The page refreshes: the finding is closed and offers reopening instead.
  await expect(page.getByTestId('finding-status')).toHaveText('已关闭');
  await expect(page.getByTestId('reopen-form')).toBeVisible();
  await signOut(page);

  // Public, in Chinese and in English.
  await page.goto('/findings');
  await expect(page.getByTestId(`public-finding-${findingId}`)).toContainText(TITLE);
  await page.getByTestId(`public-finding-${findingId}`).getByRole('link').click();
  await expect(page.getByTestId('public-finding-reason')).toHaveText(REASON);
  await expect(page.getByTestId('public-finding-responsible')).toHaveText(/盂县/);
  await expect(page.getByTestId('public-finding-answers')).toContainText('验收单.pdf');
  await context.addCookies([{ name: 'locale', value: 'en', url: new URL('/', page.url()).toString() }]);
  await page.goto('/findings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit findings and remediation');
  await expect(page.getByTestId(`public-finding-${findingId}`)).toContainText(TITLE);
  await page.goto(`/findings/${findingId}`);
  await expect(page.getByTestId('public-finding-responsible')).toHaveText(/Yu County/i);
  await expect(page.getByTestId('public-finding-reason')).toHaveText(REASON);
});
