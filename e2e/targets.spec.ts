import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

/*
 * The plan's indicators, reported and published by four eyes: the bureau answering for them gets
 * an officer and a reviewer (created by the administrator, since the demo has none there yet); the
 * officer reports 2025's forest coverage and corrects 2024's with a reason, the reviewer approves
 * both, and /targets shows the values, the trend and "reached" on a phone, in Chinese and in
 * English, without JavaScript too.
 */

const BUREAU = '阳泉市规划和自然资源局';
const PASSWORD = 'Ziran-Bureau-2026!';
const PHONE = { width: 390, height: 844 };

async function optionValue(select: Locator, text: string): Promise<string> {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  expect(value, `an option "${text}"`).toBeTruthy();
  return value!;
}

/** An account of the bureau, made by the administrator, whose holder sets the password through the one-time link. */
async function bureauAccount(admin: Page, browser: Browser, username: string, role: 'finance_officer' | 'reviewer') {
  await admin.goto('/workspace/admin');
  const form = admin.getByTestId('create-user');
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill(`${username}（测试）`);
  await form.locator('select[name=role]').selectOption(role);
  const orgSelect = form.locator('select[name=organisationId]');
  await orgSelect.selectOption(await optionValue(orgSelect, BUREAU));
  await form.getByRole('button', { name: '创建' }).click();
  const link = await form.getByTestId('setup-link').inputValue();
  const context = await browser.newContext();
  const holder = await context.newPage();
  await holder.goto(link);
  await holder.getByLabel('新密码', { exact: true }).fill(PASSWORD);
  await holder.getByLabel('再次输入新密码').fill(PASSWORD);
  await holder.getByRole('button', { name: '设置密码' }).click();
  await expect(holder.getByTestId('password-set')).toBeVisible();
  await context.close();
}

const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Text of <main> with Chinese characters that no lang="zh…" element quotes (the rule of e2e/phone.spec.ts). */
async function unquotedChinese(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const chinese = new RegExp(source, 'u');
    const found: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (chinese.test(text) && !n.parentElement?.closest('[lang^="zh"]')) found.push(text.trim());
    }
    return found;
  }, CHINESE.source);
}

/** axe-core's serious and critical findings (WCAG 2.2 AA), as in e2e/accessibility.spec.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function signInAs(page: Page, username: string) {
  await signIn(page, username, PASSWORD);
  await expect(page).toHaveURL(/\/workspace\//, { timeout: 20_000 });
}

test('an officer of the bureau reports forest coverage, a second person approves it, and /targets shows it on a phone in both languages', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin');
  await bureauAccount(page, browser, 'e2e-zr-officer', 'finance_officer');
  await bureauAccount(page, browser, 'e2e-zr-reviewer', 'reviewer');
  await signOut(page);

  // The officer reports (the demo has published 2021-2024 of forest coverage): a rate above 100
  // is refused beside its field; 2025 is reported; 2024 is corrected, which needs a reason.
  await signInAs(page, 'e2e-zr-officer');
  await page.goto('/workspace/indicators');
  await expect(page.getByTestId('workspace-title')).toHaveText('规划指标填报');
  const forest = page.getByTestId('work-I02');
  const form = forest.locator('form[data-testid^="report-form-"]');
  const submitted = forest.getByTestId('submissions-I02').locator('[data-status=submitted]');
  const report = async (year: string, value: string, reason = '') => {
    if (!(await form.isVisible())) await forest.locator('summary').first().click();
    await form.locator('input[name=year]').fill(year);
    await form.locator('input[name=value]').fill(value);
    await form.locator('input[name=source]').fill(`${year}年森林资源管理“一张图”年度更新（测试）`);
    await form.locator('textarea[name=method]').fill('乔木林、竹林和特别规定灌木林面积之和除以国土总面积');
    await form.locator('input[name=measuredOn]').fill(`${Number(year) + 1}-03-20`);
    await form.locator('textarea[name=changeReason]').fill(reason);
    await form.getByRole('button', { name: '提交审核' }).click();
  };
  await report('2025', '101');
  await expect(form.getByTestId('error-value')).toHaveText('比率不能超过 100%。');
  await expect(submitted).toHaveCount(0);
  await report('2025', '29.30');
  await expect(submitted).toHaveCount(1);
  await report('2024', '28.75');
  await expect(form.getByTestId('error-changeReason')).toBeVisible();
  await expect(submitted).toHaveCount(1);
  await report('2024', '28.75', '补录年末完成造林验收的面积（测试）');
  await expect(submitted).toHaveCount(2);
  // Nothing is public before the approval.
  const before = await (await page.request.get('/api/public/targets?format=csv')).text();
  expect(before).toContain(',2024,28.71,');
  expect(before).not.toContain('29.30');
  expect(before).not.toContain('28.75');
  // The officer cannot approve.
  await expect(forest.locator('form[data-testid^="approve-"]')).toHaveCount(0);
  await signOut(page);

  // Another person of the bureau approves both.
  await signInAs(page, 'e2e-zr-reviewer');
  await page.goto('/workspace/indicators');
  const queue = page.getByTestId('work-I02');
  const waiting = queue.locator('[data-status=submitted]');
  await expect(waiting).toHaveCount(2);
  for (let left = 1; left >= 0; left--) {
    await queue.locator('form[data-testid^="approve-"]').first().getByRole('button', { name: '审核通过并公开' }).click();
    await expect(waiting).toHaveCount(left);
  }
  await page.context().addCookies([{ name: 'locale', value: 'en', url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId('workspace-title')).toHaveText('Plan indicator reports');
  expect(await unquotedChinese(page)).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().addCookies([{ name: 'locale', value: 'zh', url: page.url() }]);
  await page.reload();
  await signOut(page);

  // A citizen's phone: the values, the trend and the progress, in Chinese…
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, locale: 'zh-CN' });
  const phone = await context.newPage();
  await phone.goto('/');
  await phone.getByTestId('targets-link').click();
  await expect(phone).toHaveURL(/\/targets$/);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(/^规划指标监测/);
  await expect(phone.getByTestId('targets-rule')).toContainText('按进度应达');
  const card = phone.getByTestId('indicator-I02');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText('森林覆盖率');
  await expect(card.getByTestId('latest')).toHaveText('29.30% (2025)');
  await expect(card.locator('[data-status]').first()).toHaveText('已达标');
  await expect(card.getByTestId('trend-I02').getByTestId('trend-point')).toHaveCount(5);
  await expect(card.getByTestId('trend-I02').getByTestId('trend-path')).toHaveCount(1);
  await card.getByText('以表格查看逐年数值').click();
  await expect(card.getByTestId('reports-I02')).toContainText('27.10');
  await expect(card.getByTestId('reports-I02')).toContainText('28.75');
  await expect(card.getByTestId('reports-I02')).not.toContainText('28.71');
  await expect(card.getByTestId('reports-I02')).toContainText('补录年末完成造林验收的面积（测试）');
  await expect(card.getByTestId('reports-I02')).toContainText('2025年森林资源管理');
  await expect(card.getByTestId('projects-I02').locator('a').first()).toBeVisible();
  const width = async () => phone.evaluate(() => document.documentElement.scrollWidth);
  expect(await width()).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(phone)).toEqual([]);
  // …the downloads hold the same values…
  const csv = await (await phone.request.get('/api/public/targets?format=csv')).text();
  expect(csv).toContain('I02,森林覆盖率,Forest coverage rate,%,gte,29.20,37.76,reached,2025,29.30,');
  expect(csv).toContain('I02,森林覆盖率,Forest coverage rate,%,gte,29.20,37.76,reached,2024,28.75,');
  expect(csv).not.toContain(',2024,28.71,');

  // …and in English.
  await context.addCookies([{ name: 'locale', value: 'en', url: phone.url() }]);
  await phone.reload();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(/^Plan targets/);
  await expect(card.getByRole('heading', { level: 2 })).toHaveText('Forest coverage rate');
  await expect(card.locator('[data-status]').first()).toHaveText('Target reached');
  await expect(card).toContainText('Yangquan Municipal Bureau of Planning and Natural Resources');
  await expect(phone.getByTestId('targets-rule')).toContainText('straight line');
  expect(await width()).toBeLessThanOrEqual(PHONE.width);
  await card.getByText('Values by year as a table').click();
  expect(await unquotedChinese(phone)).toEqual([]);
  expect(await seriousViolations(phone)).toEqual([]);
  await context.close();

  // Without JavaScript the page is whole.
  const noScript = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto('/targets');
  await expect(plain.getByTestId('indicator-I02').getByTestId('latest')).toHaveText('29.30% (2025)');
  await expect(plain.getByTestId('indicator-I02').getByTestId('trend-I02')).toBeVisible();
  await noScript.close();
});
