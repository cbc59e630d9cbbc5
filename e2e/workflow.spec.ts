import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

/** Takes a step and waits until the page shows the item's next revision. */
async function take(page: Page, action: string, reason?: string) {
  if (reason !== undefined) await page.locator('textarea[name="reason"]').fill(reason);
  const revision = await page.getByTestId('transition-panel').getAttribute('data-revision');
  await page.locator(`button[data-action="${action}"]`).click();
  await expect(page.getByTestId('transition-panel')).not.toHaveAttribute('data-revision', revision!);
  await expect(page.getByTestId('transition-status')).toHaveText(/已办理/);
}

async function openFromInbox(page: Page, code: string) {
  await page.goto('/workspace/inbox');
  await page.getByTestId('inbox').getByRole('link', { name: code }).click();
  await expect(page.getByTestId('item-stage')).toBeVisible();
}

test('a unit applies, the county returns it with a reason, the unit fixes it, county and city approve, and the county issues the funds', async ({ page }) => {
  test.setTimeout(180_000);
  const name = `盂县北部废弃矿山综合治理（端到端）`;
  await signIn(page, 'unit');
  await page.goto('/workspace/applications/new');
  await page.locator('select[name="projectId"]').selectOption('');
  await page.locator('input[name="newProjectName"]').fill(name);
  await page.locator('select[name="projectType"]').selectOption('mine_restoration');
  await page.locator('input[name="plannedStart"]').fill('2026-04-01');
  await page.locator('input[name="plannedEnd"]').fill('2026-12-31');
  await page.locator('textarea[name="description"]').fill('削坡整形、覆土复绿、截排水沟及挡土墙工程。');
  await page.locator('input[name="central"]').fill('12');
  await page.locator('input[name="provincial"]').fill('3');
  await page.getByLabel('指标名称').fill('治理面积');
  await page.getByLabel('计量单位').fill('公顷');
  await page.getByLabel('目标值').fill('42.5');
  // A schedule that ends before it starts is explained beside the field, and nothing is saved.
  await page.locator('input[name="plannedEnd"]').fill('2026-03-01');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('计划完工日期不能早于开工日期')).toBeVisible();
  await page.locator('input[name="plannedEnd"]').fill('2026-12-31');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/workspace\/items\/\d+$/);
  const itemUrl = page.url();
  await expect(page.getByTestId('item-stage')).toHaveText('草稿');
  const code = (await page.locator('h1').textContent())!.split(' · ')[0]!.trim();
  await take(page, 'submit');
  await expect(page.getByTestId('item-stage')).toHaveText('申报');
  await signOut(page);

  // The county reviewer finds it in the inbox, accepts it, and returns it; a return needs a reason.
  await signIn(page, 'reviewer-yx');
  await openFromInbox(page, code);
  await take(page, 'accept');
  await page.locator('button[data-action="return"]').click();
  await expect(page.getByTestId('transition-status')).toHaveText('请填写理由。');
  await take(page, 'return', '中央补助申请额度偏高，请按实际工程量调整。');
  await expect(page.getByTestId('item-stage')).toHaveText('退回');
  await signOut(page);

  // The unit reads why, fixes the amount and resubmits; the timeline shows what changed.
  await signIn(page, 'unit');
  await page.goto(itemUrl);
  await expect(page.getByText('退回理由：中央补助申请额度偏高')).toBeVisible();
  await page.getByRole('link', { name: '修改申报内容' }).click();
  await page.locator('input[name="central"]').fill('11');
  await page.getByRole('button', { name: '修改申报内容' }).click();
  await expect(page).toHaveURL(itemUrl);
  await expect(page.getByTestId('requested-central')).toContainText('110,000.00 元');
  await take(page, 'submit');
  // The change reads in the reader's units through the one money component, exact to the fen underneath.
  await expect(page.getByTestId('diff')).toContainText('中央补助：12.00 万元 → 11.00 万元', { useInnerText: true });
  expect(await page.getByTestId('diff').locator('.money').evaluateAll((els) => els.map((e) => e.getAttribute('data-fen')))).toEqual(['12000000', '11000000']);
  await expect(page.getByTestId('diff').locator('.money .exact')).toHaveText(['120,000.00 元', '110,000.00 元']);
  await signOut(page);

  await signIn(page, 'reviewer-yx');
  await openFromInbox(page, code);
  await take(page, 'accept');
  await take(page, 'pass');
  await expect(page.getByTestId('item-stage')).toHaveText('复审');
  // The county cannot approve for the city: the button is not there.
  await expect(page.locator('button[data-action="approve"]')).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'reviewer');
  await openFromInbox(page, code);
  await take(page, 'approve');
  await expect(page.getByTestId('item-stage')).toHaveText('批复');
  await signOut(page);

  // The county finance officer issues the funds: payments the chain view shows at once.
  await signIn(page, 'officer-yx');
  await openFromInbox(page, code);
  await page.locator('input[name="fund-docNumber"]').fill('盂财建〔2026〕77号');
  await page.locator('input[name="fund-date"]').fill('2026-05-10');
  await take(page, 'fund');
  await expect(page.getByTestId('item-stage')).toHaveText('资金下达');
  await page.goto('/workspace/chain');
  const select = page.getByTestId('chain-pick-project');
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value!);
  await select.locator('xpath=ancestor::form').getByRole('button').click();
  // One payment per funding source, each from the programme of its level.
  const held = page.locator(`[data-testid="chain-node"][data-holder*="${name}"] [data-testid="chain-held"] .money`);
  await expect(held.first()).toBeVisible();
  expect((await held.evaluateAll((els) => els.map((e) => e.getAttribute('data-fen')))).sort()).toEqual(['11000000', '3000000']);
  expect((await held.allInnerTexts()).sort()).toEqual(['11.00 万元', '3.00 万元']);
  await signOut(page);

  // The applicant was told of each step it did not take itself.
  await signIn(page, 'unit');
  await expect
    .poll(async () => {
      await page.goto('/workspace/notifications');
      return page.getByTestId('notifications').locator('li').count();
    }, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(6);
  await page.goto(itemUrl);
  await expect(page.getByTestId('timeline').locator(':scope > li')).toHaveCount(8);
});
