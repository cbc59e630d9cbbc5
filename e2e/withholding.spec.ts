import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

/*
 * Withholding must not reveal by arithmetic what it hides. One transfer of the demo batch (the city
 * to its six counties) is withheld through the real workflow; then every public page, JSON answer,
 * CSV, feed and the sitemap is searched for its amount in every way an amount is written, for the
 * totals it would follow from by subtraction, and, in the batch's own context, for its recipient.
 */

const WITHHELD = '140322';
const yuanText = (fen: bigint) => `${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(fen % 100n).toString().padStart(2, '0')}`;
const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** fen; 元 with two decimals, with and without separators; 万元 exact and to two places; 亿元; in Chinese and English. */
function amountForms(fen: bigint): string[] {
  const plain = `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
  const wanExact = `${fen / 1_000_000n}.${(fen % 1_000_000n).toString().padStart(6, '0')}`.replace(/\.?0+$/, '');
  const rounded = (unit: bigint) => {
    const q = (fen * 100n * 2n + unit) / (unit * 2n);
    return `${(q / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(q % 100n).toString().padStart(2, '0')}`;
  };
  const wan = rounded(1_000_000n);
  const yi = rounded(10_000_000_000n);
  return [fen.toString(), plain, yuanText(fen), `${wanExact}万元`, `${wanExact} 万元`, `${wan} 万元`, `${wan}万元`, `${wan} 10k yuan`, `${yi} 亿元`, `${yi} 100M yuan`];
}

function found(body: string, forms: string[]): string[] {
  const text = body.replace(/<!-- -->/g, '');
  return forms.flatMap((f) => [...text.matchAll(new RegExp(`(?<![0-9.,])${escape(f)}(?![0-9])`, 'g'))].map((m) => `${f}: …${text.slice(Math.max(0, m.index - 80), m.index + f.length + 30)}…`));
}

async function approveLatest(page: Page, after: string) {
  await page.goto('/workspace/disclosure');
  await page.getByTestId('withholdings').getByRole('button', { name: '审批同意' }).first().click();
  await expect(page.getByTestId('withholdings')).toContainText(after);
}

interface Allocation {
  batch: { totalFen: string | null; programmeCode: string; docNumber: string | null; issuerCode: string };
  formula: { factors: { code: string; isPerformance: boolean }[] };
  recipients: { code: string; name: string; finalFen: string; values: Record<string, string> }[];
  withheld?: { items: number; amountFen: string | null }[];
}

test('one withheld transfer of a six-county batch: its amount, the totals it follows from and its recipient are on no public page, API, CSV, feed or sitemap', async ({ page }) => {
  test.setTimeout(240_000);
  // What the public sees before: the demo batch with its six counties, its total and its programme's total.
  const list = (await (await page.request.get('/api/public/allocations')).json()) as { allocations: { batchId: number; title: string }[] };
  const { batchId } = list.allocations.find((a) => a.title.includes('第一批（演示）'))!;
  const before = (await (await page.request.get(`/api/public/allocations/${batchId}`)).json()) as Allocation;
  expect(before.recipients).toHaveLength(6);
  const line = before.recipients.find((r) => r.code === WITHHELD)!;
  const amount = BigInt(line.finalFen);
  const batchTotal = BigInt(before.batch.totalFen!);
  const programmeCode = before.batch.programmeCode;
  const feed = (await (await page.request.get(`/api/public/feed/json?programme=${programmeCode}`)).json()) as { items: { url: string; tags: string[]; content_text: string }[] };
  const catalogueNotice = feed.items.find((i) => i.tags.includes('fund_catalogue'))!.content_text;
  const programmeTotal = BigInt(/资金总额 ([\d,]+\.\d{2}) 元/.exec(catalogueNotice)![1]!.replace(/[,.]/g, ''));
  // The batch's formula and result, and the allocation result of the document its issue moved the money under.
  const pubs = (await (await page.request.get(`/api/public/publications?programme=${programmeCode}&pageSize=200`)).json()) as {
    publications: { url: string; subjectType: string; subjectId: number; content: { docNumber?: string; sender?: { code: string } } }[];
  };
  const batchPages = pubs.publications
    .filter((p) => (p.subjectType === 'batch' && p.subjectId === batchId) || (p.subjectType === 'transfer_document' && p.content.docNumber === before.batch.docNumber && p.content.sender?.code === before.batch.issuerCode))
    .map((p) => p.url);
  expect(batchPages).toHaveLength(3);
  // The search finds the amount when it is there.
  expect(found(await (await page.request.get(`/allocations/${batchId}`)).text(), amountForms(amount)).length).toBeGreaterThan(0);

  // The city's officer asks to withhold that transfer, picking it by its 文号 and amount; two others approve.
  await signIn(page, 'officer');
  await page.goto('/workspace/disclosure');
  const form = page.getByTestId('request-withholding');
  await form.locator('select[name="itemType"]').selectOption('transfer');
  const item = form.locator('select[name="itemId"]');
  const option = item.locator('option', { hasText: '阳财建〔2025〕58号' }).filter({ hasText: yuanText(amount) });
  await expect(option).toHaveCount(1);
  await item.selectOption((await option.getAttribute('value'))!);
  await form.locator('textarea[name="reason"]').fill('涉及国家秘密，经保密审查不予公开');
  await form.locator('input[name="reviewDate"]').fill('2030-12-31');
  await form.getByRole('button', { name: '提交' }).click();
  await expect(form.locator('.ok')).toBeVisible();
  await signOut(page);
  await signIn(page, 'reviewer');
  await approveLatest(page, '审批 1/2');
  await signOut(page);
  await signIn(page, 'approver');
  await approveLatest(page, '生效');
  await signOut(page);

  // The public answer now: five lines, one withheld line with its count and no amount, no batch total.
  const after = (await (await page.request.get(`/api/public/allocations/${batchId}`)).json()) as Allocation;
  expect(after.recipients.map((r) => r.code)).toHaveLength(5);
  expect(after.recipients.map((r) => r.code)).not.toContain(WITHHELD);
  expect(after.withheld).toEqual([expect.objectContaining({ items: 1, amountFen: null })]);
  expect(after.batch.totalFen).toBeNull();
  await page.goto(`/allocations/${batchId}`);
  await expect(page.getByTestId('total-withheld')).toHaveText('部分金额依法不予公开');
  await expect(page.getByTestId('withheld-line')).toContainText('部分金额依法不予公开');
  await page.goto('/catalogue?year=2025');
  await expect(page.getByTestId('catalogue').locator('li', { hasText: programmeCode })).toContainText('部分金额依法不予公开');
  await page.goto('/');
  await expect(page.getByTestId('fund-summary').locator('tr', { hasText: '市级' })).toContainText('部分金额依法不予公开');
  await page.goto('/disclosure/withheld');
  await expect(page.getByTestId('aggregate-rule')).toContainText('不少于 3 项');
  await expect(page.getByTestId('withholding-register')).toContainText('资金拨付');

  // Crawl everything public, following every publication and allocation it links to.
  const forms = [...amountForms(amount), ...amountForms(batchTotal), ...amountForms(programmeTotal)];
  const start = [
    '/', '/catalogue', '/catalogue?year=2025', '/allocations', `/allocations/${batchId}`, '/disclosure', '/disclosure/withheld', '/disclosure/completeness', '/findings', '/disclosure/audit-checkpoints', '/sitemap.xml', '/password/no-such-link',
    '/api/public/plan', '/api/public/allocations', `/api/public/allocations/${batchId}`, `/api/public/allocations/${batchId}?format=csv`,
    '/api/public/feed/atom', '/api/public/feed/json', `/api/public/feed/json?programme=${programmeCode}`, `/api/public/feed/atom?programme=${programmeCode}`,
    `/api/public/feed/json?county=${WITHHELD}`, `/api/public/feed/atom?county=${WITHHELD}`, '/api/public/feed/json?since=2025-01-01', '/api/openapi.json',
    '/api/public/publications', '/api/public/publications?versions=all&pageSize=200', `/api/public/publications?programme=${programmeCode}&versions=all`,
    `/api/public/publications?county=${WITHHELD}&versions=all&pageSize=200`, '/api/public/publications?since=2025-01-01&pageSize=200',
    // The API's resources: lists, the withheld county's answers, and the reference page.
    '/api/docs', '/api/public/programmes', `/api/public/programmes/${programmeCode}`, '/api/public/counties', `/api/public/counties/${WITHHELD}`, '/api/public/payees',
    `/api/public/transfers?county=${WITHHELD}&limit=1000`, `/api/public/projects?county=${WITHHELD}&limit=500`, '/api/public/evaluations?limit=200', `/api/public/evaluations?county=${WITHHELD}&format=csv`,
    // Open data: the bulk streams, the exchange-standard exports, the dictionary and the plan's targets.
    '/api/public/bulk/transfers?format=csv', '/api/public/bulk/transfers?format=json', '/api/public/bulk/publications?format=csv', '/api/public/bulk/publications?format=json',
    '/api/public/iati/activities.xml', '/api/public/oc4ids/projects.json', '/data', '/targets', '/api/public/targets?format=csv',
    // Public participation: the messages about the county's projects, their statistics and answers.
    '/feedback', '/feedback/stats', '/feedback/YQ-DEM0000001', '/api/public/feedback', '/api/public/feedback/stats', '/api/public/feedback/YQ-DEM0000001',
  ];
  const leaks: string[] = [];
  const seen = new Set<string>();
  const queue = [...start];
  const crawl = async (label: string) => {
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(`${label}${url}`)) continue;
      seen.add(`${label}${url}`);
      const res = await page.request.get(url);
      expect(res.status(), url).toBeLessThan(500);
      const body = await res.text();
      leaks.push(...found(body, forms).map((l) => `${label}${url} ${l}`));
      for (const m of body.matchAll(/\/disclosure\/publications\/\d+|\/allocations\/\d+/g)) if (!seen.has(`${label}${m[0]}`) && seen.size < 800) queue.push(m[0]);
    }
  };
  await crawl('');
  // The same pages in English, where amounts are written in English units.
  await page.context().addCookies([{ name: 'locale', value: 'en', url: page.url() }]);
  queue.push('/', '/catalogue?year=2025', '/allocations', `/allocations/${batchId}`, '/disclosure/withheld', ...batchPages);
  await crawl('[en] ');
  expect(leaks).toEqual([]);
  expect(seen.size).toBeGreaterThan(30);
  await page.goto('/disclosure/withheld');
  await expect(page.getByTestId('aggregate-rule')).toContainText('at least 3');
  await page.context().clearCookies();

  // The recipient, in the batch's own context: its publications, its page, its JSON, CSV and feed entries.
  const context = [`/allocations/${batchId}`, `/api/public/allocations/${batchId}`, `/api/public/allocations/${batchId}?format=csv`, ...batchPages];
  const visibleCounty = after.recipients[0]!;
  // Its factor values (not the shared performance default): and no line keeps values to regress on.
  const valueForms = before.formula.factors.filter((f) => !f.isPerformance).map((f) => line.values[f.code]!);
  expect(valueForms.length).toBeGreaterThan(0);
  expect(after.recipients.every((r) => Object.keys(r.values).length === 0)).toBe(true);
  for (const url of context) {
    const body = (await (await page.request.get(url)).text()).replace(/<!-- -->/g, '');
    // Where recipients are listed, the search would see a name if one were there.
    if (!url.includes('/feed/')) expect(body, url).toContain(visibleCounty.name);
    expect(body, url).not.toContain(line.name);
    expect(body, url).not.toContain(WITHHELD);
    expect(found(body, valueForms), url).toEqual([]);
  }
  // The programme's feeds and publication list name the county elsewhere (it receives the programme's money by
  // other documents too): the batch's own entries there name it nowhere.
  const ours = (entry: string) => batchPages.some((p) => entry.includes(`${p}"`) || entry.includes(`${p}<`));
  const entries = [
    ...((await (await page.request.get(`/api/public/feed/json?programme=${programmeCode}`)).json()) as { items: { url: string }[] }).items.map((i) => JSON.stringify({ ...i, url: `${new URL(i.url).pathname}` })),
    ...(await (await page.request.get(`/api/public/feed/atom?programme=${programmeCode}`)).text()).split('<entry>').slice(1),
    ...((await (await page.request.get(`/api/public/publications?programme=${programmeCode}&versions=all&pageSize=200`)).json()) as { publications: { url: string }[] }).publications.map((p) => JSON.stringify(p)),
  ].filter(ours);
  expect(entries.length).toBeGreaterThanOrEqual(batchPages.length);
  for (const entry of entries) {
    expect(entry).not.toContain(line.name);
    expect(entry).not.toContain(WITHHELD);
    expect(found(entry, valueForms)).toEqual([]);
  }
  // A feed filtered on the withheld county finds nothing of this batch.
  const byCounty = (await (await page.request.get(`/api/public/feed/json?county=${WITHHELD}`)).json()) as { items: { url: string }[] };
  expect(byCounty.items.map((i) => new URL(i.url).pathname).filter((p) => batchPages.includes(p))).toEqual([]);
  // Nor does the publication list, in any version.
  const listed = (await (await page.request.get(`/api/public/publications?county=${WITHHELD}&versions=all&pageSize=200`)).json()) as { publications: { url: string }[] };
  expect(listed.publications.map((p) => p.url).filter((p) => batchPages.includes(p))).toEqual([]);
});
