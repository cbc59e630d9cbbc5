import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

/** Takes a workflow step and waits until the page shows the item's next revision. */
async function take(page: Page, action: string) {
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

/** The page is no wider than a 390 px phone. */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

const pdf = (text: string) => ({ name: `${text}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`) });

test('a unit self-evaluates with evidence, an evaluator reviews, a second person approves, and the grade is public', async ({ page }) => {
  test.setTimeout(300_000);
  const name = '盂县东部采空区生态修复（绩效评价端到端）';

  // The project reaches 验收 through the real workflow.
  await signIn(page, 'unit');
  await page.goto('/workspace/applications/new');
  await page.locator('select[name="projectId"]').selectOption('');
  await page.locator('input[name="newProjectName"]').fill(name);
  await page.locator('select[name="projectType"]').selectOption('mine_restoration');
  await page.locator('input[name="plannedStart"]').fill('2026-04-01');
  await page.locator('input[name="plannedEnd"]').fill('2026-10-31');
  await page.locator('textarea[name="description"]').fill('采空区塌陷治理、覆土复绿与截排水工程。');
  await page.locator('input[name="central"]').fill('8');
  await page.getByLabel('指标名称').fill('修复废弃矿山面积');
  await page.getByLabel('计量单位').fill('公顷');
  await page.getByLabel('目标值').fill('42.5');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/workspace\/items\/\d+$/);
  const code = (await page.locator('h1').textContent())!.split(' · ')[0]!.trim();
  await take(page, 'submit');
  await signOut(page);
  await signIn(page, 'reviewer-yx');
  await openFromInbox(page, code);
  await take(page, 'accept');
  await take(page, 'pass');
  await signOut(page);
  await signIn(page, 'reviewer');
  await openFromInbox(page, code);
  await take(page, 'approve');
  await signOut(page);
  await signIn(page, 'officer-yx');
  await openFromInbox(page, code);
  await page.locator('input[name="fund-docNumber"]').fill('盂财建〔2026〕93号');
  await page.locator('input[name="fund-date"]').fill('2026-05-12');
  await take(page, 'fund');
  await signOut(page);
  await signIn(page, 'unit');
  await openFromInbox(page, code);
  await take(page, 'start');
  await signOut(page);
  await signIn(page, 'reviewer-yx');
  await openFromInbox(page, code);
  await take(page, 'complete');
  await expect(page.getByTestId('item-stage')).toHaveText('验收');
  await signOut(page);

  // 项目单位自评 on a phone: actual values, evidence files, and a source for satisfaction.
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'unit');
  await page.goto('/workspace/evaluations');
  await page.getByTestId('awaiting-self-evaluation').locator('li', { hasText: code }).getByRole('button', { name: '开始自评' }).click();
  await expect(page).toHaveURL(/\/workspace\/evaluations\/\d+$/);
  const evaluationUrl = page.url();
  await expect(page.getByTestId('evaluation-status')).toHaveText('自评中');
  await expect(page.getByTestId('indicator-row')).toHaveCount(2);
  await expect(page.getByTestId('weight-sum')).toHaveText('权重合计：100.00%');
  await fitsPhone(page);
  // Weights that do not add up are refused beside the set, before anything is sent.
  await page.getByTestId('weight-0').fill('60');
  await expect(page.getByTestId('weight-sum')).toHaveText('权重合计：110.00%');
  await page.getByTestId('submit-self-evaluation').click();
  await expect(page.getByText('各指标权重之和须恰好为 100%。')).toBeVisible();
  await page.getByTestId('weight-0').fill('50');
  await page.getByTestId('self-summary').fill('完成采空区治理 40 公顷，截排水沟全部建成，植被成活率良好。');
  await page.getByTestId('self-value-0').fill('40');
  await page.getByTestId('self-value-1').fill('95');
  await page.getByTestId('source-1').fill('2026年10月周边村民问卷（发放120份，回收113份）');
  // Submitting without the evidence an indicator requires is refused and stores nothing.
  await page.getByTestId('submit-self-evaluation').click();
  await expect(page.getByTestId('form-status')).toHaveText('此指标须附佐证材料后才能提交。');
  await page.getByTestId('evidence-0').setInputFiles(pdf('竣工测量报告'));
  await page.getByTestId('evidence-1').setInputFiles(pdf('满意度问卷汇总'));
  await page.getByTestId('submit-self-evaluation').click();
  await expect(page.getByTestId('evaluation-status')).toHaveText('待复核');
  await expect(page.getByTestId('evaluation-indicators')).toContainText('竣工测量报告.pdf');
  await signOut(page);

  // 复核: the evaluator of the city accepts the values, writes findings and corrections.
  await signIn(page, 'evaluator');
  await expect(page.getByTestId('evaluations-to-review')).toContainText(name);
  await page.goto(evaluationUrl);
  await expect(page.getByTestId('actual-0')).toHaveValue('40');
  await fitsPhone(page);
  await page.getByTestId('findings').fill('治理面积略低于申报目标，截排水工程质量良好。');
  await page.getByTestId('corrections').fill('2027年汛期前补充治理剩余 2.5 公顷。');
  await page.getByTestId('complete-review').click();
  await expect(page.getByTestId('evaluation-status')).toHaveText('待批准');
  // 50 × 40/42.5 = 47.06, and satisfaction 95 ≥ 90 earns its 50: 97.06, 优.
  await expect(page.getByTestId('evaluation-total')).toHaveText('97.06');
  await expect(page.getByTestId('evaluation-grade')).toHaveText('优');
  // The evaluator cannot approve their own review: no approval here.
  await expect(page.getByTestId('approve-evaluation')).toHaveCount(0);
  await signOut(page);

  // A second person approves; the approval publishes the result.
  await signIn(page, 'approver');
  await page.goto(evaluationUrl);
  await fitsPhone(page);
  await page.getByTestId('approve-evaluation').click();
  await expect(page.getByTestId('evaluation-status')).toHaveText('已批准并公开');
  const projectCode = (await page.getByTestId('evaluation-project-code').textContent())!.trim();
  await signOut(page);

  // The citizen sees the result with its grade, indicators and evidence checksums on the project page.
  await page.goto(`/projects/${projectCode}`);
  const result = page.getByTestId('project-evaluation');
  await expect(result).toHaveCount(1);
  await expect(result.getByTestId('evaluation-total')).toHaveText('97.06');
  await expect(result.getByTestId('evaluation-grade')).toHaveText('优');
  await expect(result).toContainText('修复废弃矿山面积');
  await expect(result).toContainText('治理面积略低于申报目标');
  await expect(result.locator('code.hash').first()).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('project-publications').locator('tr[data-kind="evaluation_result"]')).toHaveCount(1);
  await fitsPhone(page);
  // And in English.
  await page.context().addCookies([{ name: 'locale', value: 'en', url: page.url() }]);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Performance evaluation results' })).toBeVisible();
  await expect(result.getByTestId('evaluation-grade')).toHaveText('Excellent');
});
