import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

/** Takes a step and waits until the page shows the item's next revision. */
async function take(page: Page, action: string) {
  const revision = await page.getByTestId('transition-panel').getAttribute('data-revision');
  await page.locator(`button[data-action="${action}"]`).click();
  await expect(page.getByTestId('transition-panel')).not.toHaveAttribute('data-revision', revision!);
  await expect(page.getByTestId('transition-status')).toHaveText(/已办理/);
}

const VALUES: Record<string, [string, string]> = {
  '140302': ['1200.5', '52.4'],
  '140303': ['830', '18.9'],
  '140311': ['415.25', '9.75'],
  '140321': ['1510', '31'],
  '140322': ['2890', '27.6'],
  '140371': ['1260', '22.1'],
};

test('a factor-method allocation is computed, checked by four eyes, published by its approval, recomputed in the browser and issued', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'officer');
  await page.goto('/workspace/formulas/new');
  const programme = page.locator('select[name="programmeId"]');
  await programme.selectOption((await programme.locator('option', { hasText: 'DEMO-2026-YQ' }).getAttribute('value'))!);
  await page.locator('textarea[name="description"]').fill('按待治理面积（70%）和一般公共预算收入（反向，30%）分配');
  const rows = page.getByTestId('factor-row');
  await rows.nth(0).getByLabel('代码').fill('AREA');
  await rows.nth(0).getByLabel('因素名称').fill('待治理面积');
  await rows.nth(0).getByLabel('单位').fill('公顷');
  await rows.nth(0).getByLabel('数据来源').fill('市规划和自然资源局');
  await rows.nth(0).getByLabel('权重（%）').fill('70');
  await page.getByRole('button', { name: '增加因素' }).click();
  await rows.nth(1).getByLabel('代码').fill('REVENUE');
  await rows.nth(1).getByLabel('因素名称').fill('一般公共预算收入');
  await rows.nth(1).getByLabel('单位').fill('亿元');
  await rows.nth(1).getByLabel('数据来源').fill('2025年统计年鉴');
  await rows.nth(1).getByLabel('方向').selectOption('less_is_more');
  await rows.nth(1).getByLabel('权重（%）').fill('20');
  await page.getByRole('button', { name: '新建分配公式版本' }).click();
  await expect(page.getByText('各因素权重之和必须恰好为 100%')).toBeVisible();
  await rows.nth(1).getByLabel('权重（%）').fill('30');
  await page.getByRole('button', { name: '新建分配公式版本' }).click();
  await expect(page).toHaveURL(/\/workspace\/batches\/new$/);

  const bp = page.locator('select[name="programmeId"]');
  await bp.selectOption((await bp.locator('option', { hasText: 'DEMO-2026-YQ' }).getAttribute('value'))!);
  const version = page.locator('select[name="formulaVersionId"]');
  await version.selectOption((await version.locator('option', { hasText: '第 1 版' }).getAttribute('value'))!);
  await page.locator('input[name="title"]').fill('2026年市级生态修复资金第一批（端到端）');
  await page.locator('#amount').fill('100.000001');
  await page.locator('input[name="docNumber"]').fill('阳财建〔2026〕130号');
  await page.getByRole('button', { name: '新建分配批次' }).click();
  await expect(page).toHaveURL(/\/workspace\/items\/\d+$/);
  const itemUrl = page.url();

  // Factor values for the six counties, each with its source.
  for (const [code, [area, revenue]] of Object.entries(VALUES)) {
    await page.locator(`input[name="${code}-AREA"]`).fill(area);
    await page.locator(`input[name="${code}-REVENUE"]`).fill(revenue);
    await page.locator(`input[name="${code}-source"]`).fill('2025年统计年鉴');
  }
  await page.getByRole('button', { name: '保存因素数据' }).click();
  await expect(page.getByTestId('grid-status')).toHaveText('✓');
  await take(page, 'enter_factors');
  await take(page, 'compute');
  await expect(page.getByTestId('batch-results').locator('tbody tr')).toHaveCount(6);
  await signOut(page);

  // The reviewer passes it and cannot also approve it; a second reviewer approves.
  await signIn(page, 'reviewer');
  await page.goto(itemUrl);
  await take(page, 'review');
  await expect(page.locator('button[data-action="approve"]')).toHaveCount(0);
  await signOut(page);
  await signIn(page, 'approver');
  await page.goto(itemUrl);
  await take(page, 'approve');
  await signOut(page);

  // Nobody pressed publish: the approved result is public, and a browser recomputes it to the fen.
  await page.goto('/allocations');
  await page.getByTestId('allocations').getByRole('link', { name: '2026年市级生态修复资金第一批（端到端）' }).click();
  await expect(page.getByTestId('allocation-table').locator('tbody tr')).toHaveCount(6);
  await page.getByTestId('recompute').click();
  await expect(page.getByTestId('recompute-result')).toContainText('全部 6 行与公布结果一致');
  const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines).toHaveLength(7);
  const sum = lines.slice(1).reduce((s, l) => s + BigInt(l.split(',').at(-2)!), 0n);
  expect(sum).toBe(100_000_001n);

  // The same approval put both publications in the disclosure list and the change feed.
  await page.goto('/disclosure');
  await expect(page.getByTestId('publications')).toContainText('分配结果：2026年市级生态修复资金第一批（端到端）');
  await expect(page.getByTestId('publications')).toContainText('分配公式和因素：2026年市级生态修复资金第一批（端到端）');
  const feed = await (await page.request.get('/api/public/feed/json?programme=DEMO-2026-YQ')).json();
  expect(feed.items.map((i: { title: string }) => i.title)).toContain('分配结果：2026年市级生态修复资金第一批（端到端）');

  // The officer issues the approved amounts; the batch reaches 公开.
  await signIn(page, 'officer');
  await page.goto(itemUrl);
  await take(page, 'issue');
  await expect(page.getByTestId('item-stage')).toHaveText('公开');
});
