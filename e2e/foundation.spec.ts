import { expect, test } from '@playwright/test';
import { signIn, signOut } from './helpers';

test.describe('citizen', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('sees the six zones, indicators and demo-labelled funds on the home page, and can switch to English', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('阳泉市国土空间生态修复规划（2021—2035年）');
    await expect(page.getByTestId('zone')).toHaveCount(6);
    await expect(page.getByTestId('zones')).toContainText('诸龙山水源涵养与水土保持生态修复区');
    await expect(page.getByTestId('zones')).toContainText('980.53 km²');
    await expect(page.getByTestId('indicators')).toContainText('森林覆盖率');
    await expect(page.getByTestId('indicators')).toContainText('29.20%');
    await expect(page.getByTestId('demo-badge').first()).toHaveText('演示数据');

    await page.getByTestId('locale-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ecological Restoration Plan/);
    await expect(page.getByTestId('demo-badge').first()).toHaveText('Demo data');
    await page.getByTestId('locale-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/生态修复规划/);
  });

  test('on a phone, opens the demo allocation, recomputes it in the browser to the fen, and reads it in English', async ({ page }) => {
    await page.goto('/allocations');
    await page.getByTestId('allocations').getByRole('link', { name: /2025年市级生态修复配套资金第一批/ }).click();
    await expect(page.getByTestId('allocation-table').locator('tbody tr')).toHaveCount(6);
    await page.getByTestId('recompute').click();
    await expect(page.getByTestId('recompute-result')).toContainText('全部 6 行与公布结果一致');
    await page.getByTestId('locale-switch').click();
    await expect(page.getByTestId('recompute')).toHaveText('Recompute in this browser');
    await page.getByTestId('recompute').click();
    await expect(page.getByTestId('recompute-result')).toContainText('All 6 lines match the published result.');
    await page.getByTestId('locale-switch').click();
  });
});

test('an officer signs in, lands on the officer page with their organisation’s funds, and signs out', async ({ page }) => {
  await signIn(page, 'officer');
  await expect(page).toHaveURL(/\/workspace\/officer$/);
  await expect(page.getByTestId('workspace-title')).toHaveText('财政经办工作台');
  await expect(page.getByTestId('holdings')).toContainText('重点生态保护修复治理资金');
  await signOut(page);
  await page.goto('/workspace/officer');
  await expect(page).toHaveURL(/\/signin\?next=/);
});

test('a wrong password is refused without saying whether the account exists', async ({ page }) => {
  await signIn(page, 'officer', 'wrong-password');
  const known = await page.getByTestId('sign-in-error').textContent();
  await signIn(page, 'nobody-here', 'wrong-password');
  await expect(page.getByTestId('sign-in-error')).toHaveText(known!);
  expect(known).toBe('用户名或密码错误。');
});

test('a reviewer is refused the officer page by the server', async ({ page }) => {
  await signIn(page, 'reviewer');
  await expect(page).toHaveURL(/\/workspace\/reviewer$/);
  const res = await page.goto('/workspace/officer');
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
});

test('an admin disables a user, whose open session stops working on the next request', async ({ browser }) => {
  const unit = await browser.newPage();
  await signIn(unit, 'unit');
  await expect(unit).toHaveURL(/\/workspace\/unit$/);

  const admin = await browser.newPage();
  await signIn(admin, 'admin');
  await expect(admin).toHaveURL(/\/workspace\/admin$/);
  const row = admin.getByTestId('user-unit');
  await row.getByRole('button', { name: '停用' }).click();
  await expect(row).toContainText('已停用');

  await unit.reload();
  await expect(unit).toHaveURL(/\/signin/);

  await row.getByRole('button', { name: '启用' }).click();
  await expect(row).toContainText('启用');
});

test('the public API answers with its OpenAPI 3.1 description, and health reports the database', async ({ request }) => {
  const doc = await (await request.get('/api/openapi.json')).json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/public/plan', '/api/public/publications', '/api/health']));
  const plan = await (await request.get('/api/public/plan')).json();
  expect(plan.zones).toHaveLength(6);
  expect(plan.groups.reduce((n: number, g: { projects: number }) => n + g.projects, 0)).toBeGreaterThanOrEqual(100);
  const health = await (await request.get('/api/health')).json();
  expect(health).toMatchObject({ status: 'ok', database: { driver: 'pglite', reachable: true } });
  expect(health.auditChainHead).toMatch(/^[0-9a-f]{64}$/);
});
