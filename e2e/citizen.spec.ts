import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';
import { parse as parseCsv } from 'csv-parse/sync';
import { OVERVIEW_TABLES } from '../lib/api/overview-tables';

/*
 * The citizen's journey through the money, on a phone and on a desktop: the home page's county
 * figures → a county whose total is the sum of its published lines → the project list's search →
 * a project → a payee. Then a project is withheld through the real workflow, and every citizen page
 * type, in both languages and as RSC payloads, is searched for its code, its name and its amount.
 */

const YU = '140322';
const WITHHELD_PROJECT = 'G6-20';

interface Line { kind: string; amountFen: string; from: { code: string; kind: string }; to: { code: string; kind: string }; projectCode: string | null }

/** Every line of the latest public version of every document, from the public publications API. */
async function publishedLines(request: APIRequestContext): Promise<Line[]> {
  const lines: Line[] = [];
  for (let page = 1; ; page++) {
    const body = (await (await request.get(`/api/public/publications?kind=allocation_result&pageSize=100&page=${page}`)).json()) as {
      publications: { subjectType: string; content: { lines?: Line[] } }[];
    };
    for (const p of body.publications) if (p.subjectType === 'transfer_document') lines.push(...(p.content.lines ?? []));
    if (body.publications.length < 100) return lines;
  }
}

/** A public project none of whose money came through the given programmes: a change to them does not touch its page. */
async function unrelatedProject(request: APIRequestContext, programmes: string[]): Promise<string> {
  const list = await (await request.get('/projects?sort=received&dir=desc&size=100')).text();
  const codes = [...new Set([...list.matchAll(/href="\/projects\/([A-Za-z0-9-]+)"/g)].map((m) => m[1]!))].filter((c) => c !== WITHHELD_PROJECT);
  for (const code of codes) {
    const html = await (await request.get(`/projects/${code}`)).text();
    const own = [...html.matchAll(/data-programme="([^"]+)"/g)].map((m) => `/programmes/${m[1]}`);
    if (own.length && own.every((p) => !programmes.includes(p))) return `/projects/${code}`;
  }
  throw new Error('the demo has no project funded apart from the withheld one');
}

const netOf = (lines: Line[]) => lines.reduce((sum, l) => sum + (l.kind === 'reversal' ? -BigInt(l.amountFen) : BigInt(l.amountFen)), 0n);
const fenOf = async (page: Page, testId: string) => BigInt((await page.getByTestId(testId).locator('[data-fen]').first().getAttribute('data-fen'))!);

for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]] as const) {
  test.describe(`a citizen on a ${device}`, () => {
    test.use({ viewport });

    test('follows the money from the home page to a county, searches a project, and reaches its payee', async ({ page }) => {
      const lines = await publishedLines(page.request);
      const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

      await page.goto('/');
      await expect(page.getByTestId('data-as-of').first()).toContainText(/数据截至 \d{4}-\d{2}-\d{2}/);
      const countyRow = page.getByTestId('money-by-county').locator(`tr[data-county="${YU}"]`);
      const homeFigure = BigInt((await countyRow.locator('td').nth(5).locator('[data-fen]').getAttribute('data-fen'))!);
      await fits();
      await countyRow.getByRole('link').first().click();
      await expect(page).toHaveURL(`/counties/${YU}`);

      // The county's total is the sum of the published lines into its treasury, and the home page says the same.
      const intoCounty = lines.filter((l) => l.to.code === YU && l.kind !== 'reversal');
      expect(intoCounty.length).toBeGreaterThan(0);
      expect(await fenOf(page, 'county-received')).toBe(netOf(intoCounty));
      expect(homeFigure).toBe(netOf(intoCounty));
      await fits();

      // Search by a 文号 that paid a project in the county: the project is found.
      // A project the county paid and that paid a contractor on, so the journey reaches a payee.
      const payment = lines.find((l) => l.from.code === YU && l.to.kind === 'project' && lines.some((x) => x.from.code === l.to.code && x.to.kind === 'payee'))!;
      expect(payment, 'a Yu County project that paid a contractor').toBeDefined();
      const doc = (payment as Line & { docNumber: string }).docNumber;
      await page.goto('/projects');
      await page.getByRole('searchbox').fill(doc);
      await page.getByRole('search').getByRole('button').first().click();
      await expect(page).toHaveURL(/\/projects\?q=/);
      const results = device === 'phone' ? page.getByTestId('project-cards') : page.getByTestId('project-table');
      await expect(results).toBeVisible();
      await fits();
      await results.locator(`[data-code="${payment.to.code}"]`).getByRole('link').first().click();
      await expect(page).toHaveURL(`/projects/${payment.to.code}`);

      // The project page: what reached it equals its published lines, with the 文号 that brought it.
      const intoProject = lines.filter((l) => l.to.code === payment.to.code);
      expect(await fenOf(page, 'project-totals')).toBe(netOf(intoProject));
      await expect(page.getByTestId('project-funding')).toContainText(doc);
      await fits();
      await page.getByTestId('project-payees').getByRole('link').first().click();
      await expect(page).toHaveURL(/\/payees\//);
      const payee = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
      expect(await fenOf(page, 'payee-received')).toBe(netOf(lines.filter((l) => l.to.code === payee)));
      // Each payment names the project it paid for, linked back.
      await expect(page.getByTestId('payee-hops').locator(`a[href="/projects/${payment.to.code}"]`).first()).toBeVisible();
      await fits();
      // Its payments download as CSV: every published line to it, one row each.
      const csv = await page.request.get((await page.getByTestId('download-csv').getAttribute('href'))!);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      const rows = (await csv.text()).split('\r\n').filter(Boolean).slice(1);
      expect(rows.filter((r) => r.includes(`,${payee},payee,`))).toHaveLength(lines.filter((l) => l.to.code === payee).length);
      // Its chain leads back up to the source of each programme that paid it; the programme's page has the six disclosures.
      await expect(page.locator('[data-testid="public-chain-node"][aria-current="true"]').first()).toBeVisible();
      await page.getByTestId('public-chain').first().locator('h3 a').click();
      await expect(page).toHaveURL(/\/programmes\//);
      await expect(page.getByTestId('programme-disclosures').locator('li[data-kind]')).toHaveCount(6);
      await expect(page.getByTestId('public-chain-node').first()).toBeVisible();
      await fits();
    });

    test('sees the chain as a Sankey with a table of its links, and downloads the figures the home page shows', async ({ page }) => {
      await page.goto('/');
      const svg = page.getByTestId('sankey-svg');
      await expect(svg).toBeVisible();
      // Named by its caption and summary, inside a focusable region that scrolls on its own, not the page.
      await expect(svg).toHaveAttribute('role', 'img');
      const name = await svg.evaluate((el) => el.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)!.textContent).join(' '));
      expect(name).toContain('资金链条图');
      const region = page.getByRole('region', { name: '资金链条图（可左右滚动）' });
      await expect(region).toHaveAttribute('tabindex', '0');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(scrolls).toBe(device === 'phone');

      // The bands into the counties from above, less what counties gave back, are the strip's county figure
      // (a county's own funds and what its projects gave back reach it from sources of their own).
      const fenOfPaths = (selector: string) => svg.locator(selector).evaluateAll((paths) => paths.reduce((s, p) => s + BigInt(p.getAttribute('data-fen')!), 0n));
      const fromAbove = 'path[data-to^="county:"]:not([data-from="level:county"]):not([data-from^="returned-to:"])';
      expect(await svg.locator('path[data-from="level:county"][data-to^="county:"]').count()).toBeGreaterThan(0);
      const intoCounties = (await fenOfPaths(fromAbove)) - (await fenOfPaths('path[data-to="returned-by:county"]'));
      const countyFigure = BigInt((await page.getByTestId('money-stages').locator('li[data-stage="county"] [data-fen]').getAttribute('data-fen'))!);
      expect(intoCounties).toBe(countyFigure);

      // The same links as a table, one row per band.
      const bands = await svg.locator('path[data-fen]').count();
      await page.getByTestId('sankey').locator('summary').click();
      await expect(page.getByTestId('sankey-links').locator('tbody tr')).toHaveCount(bands);

      // The county table downloads as CSV (BOM, yuan with two decimals): each county's figure is the page's.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-by-county').locator('a[data-format="csv"]').click()]);
      const bytes = await new Promise<Buffer>((resolve, reject) => {
        download.createReadStream().then((stream) => {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks)));
          stream.on('error', reject);
        }, reject);
      });
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean).map((l) => l.split(','));
      const at = header!.indexOf('received_from_above_yuan');
      expect(at).toBeGreaterThan(0);
      const shown = await page.getByTestId('money-by-county').locator('tr[data-county]').evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-county')!, tr.querySelectorAll('td')[5]!.querySelector('[data-fen]')!.getAttribute('data-fen')!] as const),
      );
      expect(rows.map((r) => [r[0], BigInt(r[at]!.replace('.', '')).toString()])).toEqual(shown);
    });
  });
}

test('the project list, the catalogue and the publications download as CSV and JSON, holding what the page lists', async ({ page }) => {
  await page.goto(`/projects?county=${YU}`);
  const total = Number((await page.getByTestId('project-count').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(0);
  const links = page.getByTestId('download-projects');
  const csv = await (await page.request.get((await links.locator('a[data-format="csv"]').getAttribute('href'))!)).text();
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(parseCsv(csv.slice(1), { columns: true })).toHaveLength(total);
  const json = (await (await page.request.get((await links.locator('a[data-format="json"]').getAttribute('href'))!)).json()) as { next: string | null; projects: { code: string }[] };
  expect(json.projects).toHaveLength(total);
  expect(json.next).toBeNull();
  const shown = await page.getByTestId('project-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-code')!));
  for (const code of shown) expect(json.projects.map((p) => p.code)).toContain(code);

  await page.goto('/catalogue');
  const shownProgrammes = await page.getByTestId('catalogue').locator('li').count();
  const programmes = (await (await page.request.get((await page.getByTestId('download-programmes').locator('a[data-format="json"]').getAttribute('href'))!)).json()) as { programmes: unknown[] };
  expect(programmes.programmes).toHaveLength(shownProgrammes);

  await page.goto('/disclosure');
  const publications = await page.request.get((await page.getByTestId('download-publications').locator('a[data-format="csv"]').getAttribute('href'))!);
  expect(publications.status()).toBe(200);
  expect((parseCsv((await publications.text()).slice(1), { columns: true }) as unknown[]).length).toBeGreaterThan(10);
});

test('bad input on citizen pages: unknown codes are 404 pages, nonsense filters are ignored, never a 500', async ({ page }) => {
  for (const path of ['/projects/NO-SUCH', '/counties/999999', '/counties/140300-CZJ', '/payees/140300-CZJ', '/payees/%E2%80%AE', '/projects/%25', '/counties/%25E0', '/programmes/%25', '/payees/a%25b', '/programmes/NO-SUCH']) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  for (const query of ['page=abc', 'page=-1', 'page=99999999', 'sort=drop', 'dir=sideways', 'year=1999', 'level=galactic', 'county=%27%20or%201=1', 'q=%25', `q=${'x'.repeat(500)}`, 'stage=<script>']) {
    const res = await page.request.get(`/projects?${query}`);
    expect(res.status(), query).toBe(200);
  }
});

test('a withheld project is on no citizen page, search, sitemap or RSC payload, in either language', async ({ page }) => {
  test.setTimeout(180_000);
  // Before: the project is public, with money and its name to be found.
  await page.goto(`/projects/${WITHHELD_PROJECT}`);
  const name = (await page.locator('main h1 [lang="zh-CN"]').first().textContent())!;
  const received = await fenOf(page, 'project-totals');
  expect(received).toBeGreaterThan(0n);
  const payees = await page.getByTestId('project-payees').getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  // The programmes whose money reached it: their pages draw the whole chain.
  const programmes = [...new Set(await page.getByTestId('public-chain').evaluateAll((sections) => sections.map((x) => `/programmes/${x.getAttribute('data-programme')}`)))];
  expect(programmes.length).toBeGreaterThan(0);
  const yuan = `${received / 100n}.${(received % 100n).toString().padStart(2, '0')}`;
  const grouped = `${(received / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(received % 100n).toString().padStart(2, '0')}`;
  const secrets = [WITHHELD_PROJECT, name, received.toString(), yuan, grouped];
  expect((await (await page.request.get(`/projects?q=${encodeURIComponent(name)}`)).text()).includes(WITHHELD_PROJECT)).toBe(true);
  const pages = [
    '/', '/projects', `/projects?q=${WITHHELD_PROJECT}`, `/projects?q=${encodeURIComponent(name)}`, `/projects?county=${YU}`, `/projects?county=${YU}&page=2`,
    `/projects?county=${YU}&sort=received&dir=desc`, `/projects?county=${YU}&size=100`, `/counties/${YU}`, ...payees, ...programmes, '/sitemap.xml', '/disclosure/completeness',
    // The home page's downloads (its tables and the Sankey's links), the county's lines, the feeds and the publications API.
    ...OVERVIEW_TABLES.flatMap((table) => [`/api/public/overview?table=${table}`, `/api/public/overview?table=${table}&format=csv`]),
    `/api/public/transfers?county=${YU}&pageSize=1000`, `/api/public/transfers?county=${YU}&pageSize=1000&format=csv`,
    '/api/public/feed/atom', '/api/public/feed/json', '/api/public/publications',
  ];

  // Every one of these pages is a stored copy before the change (the second read is a hit), in both
  // languages; so is a project the change does not touch.
  const unrelated = await unrelatedProject(page.request, programmes);
  const setLocale = (locale: string) => page.context().addCookies([{ name: 'locale', value: locale, url: page.url() }]);
  for (const locale of ['zh', 'en']) {
    await setLocale(locale);
    for (const path of [`/projects/${WITHHELD_PROJECT}`, ...pages, unrelated]) {
      await page.request.get(path);
      expect((await page.request.get(path)).headers()['x-cache'], `${locale} ${path}`).toBe('HIT');
    }
  }
  await setLocale('zh');

  // The county's officer asks to withhold it; the county's reviewer and the administrator approve.
  await signIn(page, 'officer-yx');
  await page.goto('/workspace/disclosure');
  const form = page.getByTestId('request-withholding');
  await form.locator('select[name="itemType"]').selectOption('project');
  const option = form.locator('select[name="itemId"] option', { hasText: WITHHELD_PROJECT });
  await expect(option).toHaveCount(1);
  const projectId = (await option.getAttribute('value'))!;
  await form.locator('select[name="itemId"]').selectOption(projectId);
  await form.locator('textarea[name="reason"]').fill('涉及国家秘密，经保密审查不予公开');
  await form.locator('input[name="reviewDate"]').fill('2030-12-31');
  await form.getByRole('button', { name: '提交' }).click();
  await expect(form.locator('.ok')).toBeVisible();
  await signOut(page);
  for (const [who, after] of [['reviewer-yx', '审批 1/2'], ['admin', '生效']] as const) {
    await signIn(page, who);
    await page.goto('/workspace/disclosure');
    const row = page.getByTestId('withholdings').locator('tr', { hasText: new RegExp(`#${projectId}(?!\\d)`) });
    await row.getByRole('button', { name: '审批同意' }).click();
    await expect(row).toContainText(after);
    await signOut(page);
  }

  // The approval dropped the stored copies it touches at once; the unrelated page is still a copy.
  await expect.poll(async () => (await page.request.get(`/projects/${WITHHELD_PROJECT}`)).status(), { timeout: 2_000, intervals: [100] }).toBe(404);
  for (const locale of ['zh', 'en']) {
    await setLocale(locale);
    expect((await page.request.get(unrelated)).headers()['x-cache'], `${locale} ${unrelated}`).toBe('HIT');
  }
  // Citizens' published messages name the project they are about: their pages and answers too.
  const feedback = ['/feedback', '/feedback/stats', '/feedback/YQ-DEM0000001', '/feedback/YQ-DEM0000002', '/api/public/feedback', '/api/public/feedback/stats', '/api/public/feedback/YQ-DEM0000001'];
  const leaks: string[] = [];
  for (const locale of ['zh', 'en']) {
    await page.context().addCookies([{ name: 'locale', value: locale, url: page.url() }]);
    for (const path of [...pages, ...feedback]) {
      for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
        const res = await page.request.get(path, { headers });
        expect(res.status(), path).toBeLessThan(400);
        const body = (await res.text()).replace(/<!-- -->/g, '');
        // A search box shows back what the reader typed: the term searched for is not a leak, everything else is.
        const typed = new URL(path, 'http://x').searchParams.get('q') ?? '';
        for (const s of secrets) if (s !== typed && body.includes(s)) leaks.push(`${locale} ${path}${'RSC' in headers ? ' (RSC)' : ''}: ${s}`);
      }
    }
  }
  expect(leaks).toEqual([]);
  for (const q of [WITHHELD_PROJECT, name]) {
    await page.goto(`/projects?q=${encodeURIComponent(q)}`);
    await expect(page.getByTestId('project-count')).toHaveText(/^(共 0 个项目|0 projects)$/);
  }
});
