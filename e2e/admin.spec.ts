import { expect, test, type Locator } from '@playwright/test';
import { signIn } from './helpers';

/** The value of the first option whose text contains `text`. */
async function optionValue(select: Locator, text: string): Promise<string> {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  expect(value, `an option "${text}"`).toBeTruthy();
  return value!;
}

test('an administrator creates an organisation and a user, who sets a password through the one-time link and signs in', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.getByTestId('main-actions').getByRole('link', { name: '组织机构' }).click();
  await expect(page).toHaveURL(/\/workspace\/admin\/organisations$/);

  const org = page.getByTestId('create-organisation');
  const create = async (code: string, name: string, level: string, kind: string, parent: string) => {
    await org.getByLabel('代码').fill(code);
    await org.getByLabel('名称', { exact: true }).fill(name);
    await org.getByLabel('英文名称').fill(`${code} (e2e)`);
    await org.getByLabel('层级').selectOption(level);
    await org.getByLabel('类型').selectOption(kind);
    const parentSelect = org.getByLabel('上级单位');
    await parentSelect.selectOption(await optionValue(parentSelect, parent));
    await org.getByRole('button', { name: '创建' }).click();
  };
  // The parent list follows the level: a township is offered the counties, not the province.
  await org.getByLabel('层级').selectOption('township');
  await expect(org.getByLabel('上级单位').locator('option', { hasText: '盂县' })).toHaveCount(1);
  await expect(org.getByLabel('上级单位').locator('option', { hasText: '山西省' })).toHaveCount(0);
  await create('E2E-TOWN', '秀水镇（测试）', 'township', 'government', '盂县');
  await expect(page.getByTestId('org-E2E-TOWN')).toContainText('秀水镇（测试）');
  await create('E2E-UNIT', '秀水镇生态站（测试）', 'unit', 'implementing_unit', '秀水镇（测试）');
  await expect(page.getByTestId('org-E2E-UNIT')).toContainText('项目实施单位');
  // A code already in use is refused with a clear message, and nothing is added.
  await create('E2E-UNIT', '重复', 'unit', 'contractor', '秀水镇（测试）');
  await expect(org.getByRole('alert')).toBeVisible();
  await expect(org.getByTestId('error-code')).toHaveText('该代码已被其他单位使用。');

  await page.goto('/workspace/admin');
  const form = page.getByTestId('create-user');
  await form.getByLabel('用户名').fill('officer');
  await form.getByLabel('姓名').fill('重名的人');
  await form.locator('select[name=role]').selectOption('finance_officer');
  const orgSelect = form.locator('select[name=organisationId]');
  await orgSelect.selectOption(await optionValue(orgSelect, '阳泉市财政局'));
  await form.getByRole('button', { name: '创建' }).click();
  await expect(form.getByTestId('error-username')).toHaveText('该用户名已被使用，请换一个。');

  await form.getByLabel('用户名').fill('e2e-unit');
  await form.getByLabel('姓名').fill('测试实施员');
  await form.locator('select[name=role]').selectOption('implementing_unit');
  // Only implementing units are offered for that role.
  await expect(orgSelect.locator('option', { hasText: '阳泉市财政局' })).toHaveCount(0);
  await orgSelect.selectOption(await optionValue(orgSelect, '秀水镇生态站（测试）'));
  await form.getByRole('button', { name: '创建' }).click();
  const link = await form.getByTestId('setup-link').inputValue();
  expect(link).toMatch(/\/password\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('user-e2e-unit')).toContainText('秀水镇生态站（测试）');

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText('设置密码');
  await expect(newcomer.getByText('e2e-unit')).toBeVisible();
  await newcomer.getByLabel('新密码', { exact: true }).fill('Xiushui-2026!');
  await newcomer.getByLabel('再次输入新密码').fill('Xiushui-2027!');
  await newcomer.getByRole('button', { name: '设置密码' }).click();
  await expect(newcomer.getByTestId('set-password').getByRole('alert')).toHaveText('两次输入的密码不一致。');
  await newcomer.getByLabel('新密码', { exact: true }).fill('Xiushui-2026!');
  await newcomer.getByLabel('再次输入新密码').fill('Xiushui-2026!');
  await newcomer.getByRole('button', { name: '设置密码' }).click();
  await expect(newcomer.getByTestId('password-set')).toBeVisible();
  await signIn(newcomer, 'e2e-unit', 'Xiushui-2026!');
  await expect(newcomer).toHaveURL(/\/workspace\/unit$/);
  await expect(newcomer.getByTestId('workspace-title')).toHaveText('项目实施单位工作台');
  await expect(newcomer.getByText('秀水镇生态站（测试）').first()).toBeVisible();
  // The link worked once.
  expect((await newcomer.goto(link))?.status()).toBe(404);
  await expect(newcomer.getByTestId('link-invalid')).toBeVisible();
  // Nor does any made-up or oversized token get more than a 404.
  for (const bad of ['x', 'a'.repeat(5000), '%00%2F..']) expect((await newcomer.request.get(`/password/${bad}`)).status()).toBe(404);
  await context.close();
});

test('an administrator edits a workflow definition field by field, with a message beside a faulty field', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/workspace/admin/workflows');
  const editor = page.getByTestId('definition-allocation_batch');
  const stages = editor.getByTestId('stages-allocation_batch');
  await stages.getByLabel('代码 3', { exact: true }).fill('Computed Stage');
  await editor.getByTestId('publish-allocation_batch').click();
  await expect(editor.getByTestId('error-allocation_batch-stages.2.code')).toBeVisible();
  await expect(editor.getByRole('status')).toHaveText('流程定义无效。');

  await stages.getByLabel('代码 3', { exact: true }).fill('computed');
  await stages.getByLabel('办理时限（天，空为不限） 3').fill('12');
  const review = editor.getByTestId('transition-allocation_batch-review');
  const reasonBefore = await review.getByLabel('理由').inputValue();
  await review.getByLabel('理由').selectOption('required');
  await editor.getByTestId('publish-allocation_batch').click();
  await expect(editor.getByRole('status')).toHaveText('已发布第 2 版；进行中的事项仍按原版本办理。');
  await page.reload();
  await expect(page.getByText('第 2 版').first()).toBeVisible();
  await expect(page.getByTestId('stages-allocation_batch').getByLabel('办理时限（天，空为不限） 3')).toHaveValue('12');
  await expect(page.getByTestId('transition-allocation_batch-review').getByLabel('理由')).toHaveValue('required');

  // Later journeys share this server: version 3 puts the review's reason back as it was.
  const again = page.getByTestId('definition-allocation_batch');
  await again.getByTestId('transition-allocation_batch-review').getByLabel('理由').selectOption(reasonBefore);
  await again.getByTestId('publish-allocation_batch').click();
  await expect(again.getByRole('status')).toHaveText('已发布第 3 版；进行中的事项仍按原版本办理。');
});

test('an officer corrects a publication’s text through the form, and the public sees the new version', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByTestId('main-actions').getByRole('link', { name: '发布更正' }).click();
  await page.goto('/workspace/disclosure/corrections?kind=fund_catalogue');
  await page.getByTestId('correctable').getByRole('link', { name: '更正' }).first().click();
  const form = page.getByTestId('correction');
  // Only descriptive text is offered: no amount, code or document field.
  await expect(form.locator('[name^="field:"]')).toHaveCount(3);
  await expect(form.locator('[name="field:totalFen"]')).toHaveCount(0);
  await form.locator('[name="field:purpose"]').fill('用于阳泉市生态修复重点工程（e2e 更正）');
  await form.getByLabel('更正理由').fill('更正资金用途表述');
  await form.getByRole('button', { name: '发布更正' }).click();
  await expect(page.getByTestId('correction-published')).toBeVisible();
  await page.getByTestId('correction-published').getByRole('link').click();
  await expect(page.getByText('用于阳泉市生态修复重点工程（e2e 更正）').first()).toBeVisible();
  await expect(page.getByText('更正资金用途表述').first()).toBeVisible();
});
