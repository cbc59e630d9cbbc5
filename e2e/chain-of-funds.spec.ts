import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

async function chooseOption(page: Page, name: string, text: string) {
  const select = page.locator(`select[name="${name}"]`);
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  expect(value, `option "${text}" in ${name}`).toBeTruthy();
  await select.selectOption(value!);
}

async function recordTransfer(page: Page, t: { programme: string; kind: string; to: string; amount: string; unit?: 'yuan' | 'wan'; date: string; doc: string; from?: string }) {
  await page.goto('/workspace/transfers/new');
  if (t.from) await chooseOption(page, 'fromRef', t.from);
  await page.locator('select[name="kind"]').selectOption(t.kind);
  await chooseOption(page, 'programmeId', t.programme);
  await chooseOption(page, 'toRef', t.to);
  await page.locator('#amount').fill(t.amount);
  if (t.unit) await page.locator('select[name="unit"]').selectOption(t.unit);
  await page.locator('input[name="transferDate"]').fill(t.date);
  await page.locator('input[name="docNumber"]').fill(t.doc);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('form-status')).toHaveText(/已记录/);
}

test('a provincial allocation reaches a project through city and county, and the chain view shows every hop', async ({ page }) => {
  test.setTimeout(120_000);
  // The province opens a programme with its management rules.
  await signIn(page, 'officer-sx');
  await page.goto('/workspace/programmes/new');
  await page.locator('input[name="code"]').fill('SX-2026-E2E');
  await page.locator('input[name="name"]').fill('2026年省级生态修复端到端测试资金');
  await page.locator('#amount').fill('100');
  await expect(page.getByTestId('amount-echo')).toHaveText('即 1,000,000.00 元（100000000 分）');
  await page.locator('textarea[name="purpose"]').fill('用于盂县矿山生态修复');
  await page.locator('input[name="openedOn"]').fill('2026-02-01');
  await page.locator('input[name="docNumber"]').fill('晋财资环〔2026〕88号');
  await page.locator('input[name="rules"]').setInputFiles({ name: '管理办法.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('form-status')).toHaveText(/已记录/);

  // A bad amount is explained beside the field and nothing is sent.
  await page.goto('/workspace/transfers/new');
  await page.locator('#amount').fill('12.345');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('金额最多精确到分')).toBeVisible();

  await recordTransfer(page, { programme: 'SX-2026-E2E', kind: 'allocation', to: '阳泉市财政局', amount: '60', unit: 'wan', date: '2026-03-01', doc: '晋财资环〔2026〕89号' });
  await signOut(page);

  await signIn(page, 'officer');
  await recordTransfer(page, { programme: 'SX-2026-E2E', kind: 'allocation', to: '盂县', amount: '250,000', date: '2026-03-10', doc: '阳财建〔2026〕66号' });
  await signOut(page);

  await signIn(page, 'officer-yx');
  await recordTransfer(page, { programme: 'SX-2026-E2E', kind: 'payment', to: 'G1-01', amount: '200000', date: '2026-04-01', doc: '盂财〔2026〕9号' });
  await recordTransfer(page, { programme: 'SX-2026-E2E', from: 'G1-01', kind: 'disbursement', to: '晋东生态工程有限公司', amount: '50000', date: '2026-04-10', doc: '盂财〔2026〕10号' });
  // What the contractor spent, with its invoice kept beside it.
  await page.goto('/workspace/expenditures/new');
  await chooseOption(page, 'programmeId', 'SX-2026-E2E');
  await chooseOption(page, 'payeeRef', '晋东生态工程有限公司');
  await page.locator('#amount').fill('30000');
  await page.locator('input[name="spentOn"]').fill('2026-04-20');
  await page.locator('input[name="voucherNo"]').fill('PZ-E2E-1');
  await page.locator('input[name="description"]').fill('土方工程进度款');
  await page.locator('input[name="evidence"]').setInputFiles({ name: '发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('form-status')).toHaveText(/已记录/);
  await signOut(page);

  await signIn(page, 'auditor');
  await page.goto('/workspace/chain');
  await chooseOption(page, 'programme', 'SX-2026-E2E');
  await page.getByTestId('chain-pick-programme').locator('xpath=ancestor::form').getByRole('button').click();
  // What each holder keeps, through the one money component: the reading in 万元, the exact fen underneath.
  const expectHeld = async (holder: string, reading: string, fen: string) => {
    const held = page.locator(`[data-testid="chain-node"][data-holder^="${holder}"] [data-testid="chain-held"] .money`);
    await expect(held).toHaveText(reading, { useInnerText: true });
    await expect(held).toHaveAttribute('data-fen', fen);
  };
  await expectHeld('山西省财政厅', '40.00 万元', '40000000');
  await expectHeld('阳泉市财政局', '35.00 万元', '35000000');
  await expectHeld('盂县', '5.00 万元', '5000000');
  await expectHeld('G1-01', '15.00 万元', '15000000');
  await expectHeld('晋东生态工程有限公司', '5.00 万元', '5000000');

  // The programme and its rules are public at once, with the file's checksum.
  await page.goto('/catalogue?year=2026');
  const card = page.getByTestId('catalogue').locator('li', { hasText: 'SX-2026-E2E' });
  await expect(card).toContainText('1,000,000.00');
  const shown = (await card.getByTestId('sha256').textContent())!.replace('SHA-256 ', '').trim();
  const href = await card.getByRole('link', { name: /管理制度/ }).getAttribute('href');
  const doc = await page.request.get(href!);
  expect(doc.status()).toBe(200);
  expect(doc.headers()['x-content-sha256']).toBe(shown);
  expect(createHash('sha256').update(await doc.body()).digest('hex')).toBe(shown);

  // The same hops in the transfers table, filtered through the URL.
  await page.goto('/workspace/transfers?q=SX-2026-E2E&sort=amount&dir=desc');
  await expect(page.getByTestId('transfer-table').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('transfer-table').locator('tbody tr').first()).toContainText('资金拨入');
});
