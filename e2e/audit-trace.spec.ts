import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzip } from '../tests/support/unzip';
import { signIn } from './helpers';

/**
 * An auditor traces a contractor back to the central programme: picks the payee, sees every
 * movement up to 财政部 with document numbers, dates and holding days, and downloads the evidence
 * bundle, whose manifest holds every file's hash.
 */
test('an auditor traces a payee back to the central programme and exports the evidence bundle', async ({ page }) => {
  await signIn(page, 'auditor');
  await page.goto('/workspace/auditor');
  await page.getByTestId('main-actions').getByRole('link', { name: '资金追踪' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '资金追踪' })).toBeVisible();

  const payees = page.getByTestId('trace-pick-payee');
  const first = await payees.locator('option').nth(1).getAttribute('value');
  await payees.selectOption(first!);
  await payees.locator('xpath=ancestor::form').getByRole('button').click();
  await expect(page.getByTestId('trace-title')).toBeVisible();

  const movements = page.getByTestId('trace-movements');
  await expect(movements.locator('tr[data-kind="appropriation"]').first()).toBeVisible();
  await expect(movements.locator('tr[data-kind="disbursement"]').first()).toBeVisible();
  await expect(movements).toContainText('财政部');
  await expect(page.getByTestId('trace-sankey').locator('svg path').first()).toBeVisible();
  await expect(page.getByTestId('trace-positions')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trace-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^evidence-payee-\d+-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzip(fs.readFileSync((await download.path())!));
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  expect(manifest.subject).toMatchObject({ type: 'payee', id: Number(first) });
  expect(manifest.totals.transfers).toBeGreaterThan(1);
  for (const name of ['edges.csv', 'edges.json', 'publications.json', 'documents.json', 'audit-entries.json', 'verify.mjs']) expect(files.has(name), name).toBe(true);

  // Two subjects at once is a clear message, not a failure.
  await page.goto(`/workspace/auditor/trace?payee=${first}&programme=1`);
  await expect(page.locator('main').getByRole('alert')).toContainText('请只选择一个追踪对象');
  const answer = await page.request.get(`/api/workspace/audit/trace?payee=${first}&programme=1`);
  expect(answer.status()).toBe(422);
});

test('the trace and its evidence are the auditor’s alone', async ({ page }) => {
  await signIn(page, 'officer');
  expect((await page.request.get('/api/workspace/audit/trace?programme=1')).status()).toBe(403);
  const response = await page.goto('/workspace/auditor/trace?programme=1');
  expect(response!.status()).toBe(403);
});
