import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/*
 * Every public page on a 390 px phone, in Chinese and in English; and every workspace page each
 * demo account can reach, signed in, the same way.
 *
 * The rule for English pages: inside <main>, Chinese characters (Han ideographs, CJK punctuation
 * such as 〔〕。, full-width forms such as ：（）) appear only inside an element marked lang="zh…",
 * which the pages use for text quoted as it was officially published in Chinese and has no
 * English original: titles, 文号, programme names, purposes, notices, file names, formula
 * descriptions and factor names, change reasons, plan project names, and the published JSON.
 * Names of reference data (organisations, counties, zones, key areas, legal bases), levels,
 * kinds, labels, units and amounts are always English.
 */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, hasTouch: true });

async function useLocale(page: Page, baseURL: string | undefined, locale: 'zh' | 'en') {
  await page.context().addCookies([{ name: 'locale', value: locale, url: baseURL! }]);
}

/** Text of <main> with Chinese characters that no lang="zh…" element quotes. */
async function unquotedChinese(page: Page): Promise<string[]> {
  return (await layout(page, true)).chinese;
}

/** In one round trip: the page's width, and (for English) the text of <main> with Chinese characters that no lang="zh…" element quotes. */
async function layout(page: Page, english: boolean): Promise<{ width: number; chinese: string[] }> {
  return page.evaluate(
    ([source, english]) => {
      const chinese = new RegExp(source, 'u');
      const found: string[] = [];
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      for (let n = english ? walker.nextNode() : null; n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        if (chinese.test(text) && !n.parentElement?.closest('[lang^="zh"]')) found.push(text.trim());
      }
      return { width: document.documentElement.scrollWidth, chinese: found };
    },
    [CHINESE.source, english] as const,
  );
}

/** Problems of the loaded page at 390 px: wider than the screen, or (English) Chinese that is not quoted. */
async function layoutProblems(page: Page, path: string, english: boolean): Promise<string[]> {
  const { width, chinese } = await layout(page, english);
  return [...(width > PHONE.width ? [`${path}: ${width} px wide`] : []), ...chinese.map((text) => `${path}${english ? ' (en)' : ''}: unquoted Chinese “${text}”`)];
}

/** The demo's closed audit finding, as the public list links it. */
async function firstPublicFinding(page: Page): Promise<string> {
  const href = /href="(\/findings\/\d+)"/.exec(await (await page.request.get('/findings')).text())?.[1];
  expect(href, 'a published finding').toBeTruthy();
  return href!;
}

/** The public pages: fixed ones, the demo allocation, and a publication of each of four kinds. */
async function publicPages(page: Page): Promise<string[]> {
  await page.goto('/allocations');
  const batch = await page.getByTestId('allocations').getByRole('link').first().getAttribute('href');
  // By the publications API: the recent list on /disclosure may be all of one kind by the time this runs.
  const ofKind = async (kind: string) => {
    const body = (await (await page.request.get(`/api/public/publications?kind=${kind}&pageSize=1`)).json()) as { publications: { url: string }[] };
    return new URL(body.publications[0]!.url, 'http://x').pathname;
  };
  const publications = [await ofKind('fund_catalogue'), await ofKind('management_rules'), await ofKind('formula')];
  // Both shapes of allocation result: a batch's (formula result) and a document's (its transfer lines).
  // One demo programme's results hold both shapes (and payees), however many other journeys have published since.
  const results = (await (await page.request.get('/api/public/publications?kind=allocation_result&programme=DEMO-2025-YQ&pageSize=200')).json()) as { publications: { url: string; subjectType: string; content?: unknown }[] };
  for (const subjectType of ['batch', 'transfer_document']) publications.push(new URL(results.publications.find((p) => p.subjectType === subjectType)!.url, 'http://x').pathname);
  // The citizen's pages: the project list, a funded project, a county, a payee.
  const payee = (results.publications.flatMap((p) => (p as { content?: { lines?: { to: { code: string; kind: string } }[] } }).content?.lines ?? []).find((l) => l.to.kind === 'payee'))!.to.code;
  return ['/', '/projects', '/projects/G1-13', '/counties/140322', `/payees/${payee}`, '/programmes/DEMO-2025-CN', '/catalogue', '/allocations', '/targets', '/data', '/api/docs', batch!, '/disclosure', ...publications, '/disclosure/withheld', '/disclosure/completeness', '/findings', await firstPublicFinding(page), '/disclosure/audit-checkpoints', await ofKind('audit_checkpoint'),
    // Public participation: the messages, a closed one by its tracking code, the statistics, and the mail links' pages.
    '/feedback', '/feedback/YQ-DEM0000001', '/feedback/stats', '/follow/confirm/no-such-link', '/follow/leave/no-such-link', '/ratings/confirm/no-such-link',
    '/signin', '/password/no-such-link'];
}

for (const locale of ['zh', 'en'] as const) {
  test.describe(`on a 390 px phone, in ${locale}`, () => {
    test.beforeEach(async ({ page, baseURL }) => useLocale(page, baseURL, locale));

    test('every public page fits the screen, and English pages quote Chinese only as published text', async ({ page }) => {
      // 32 pages: a few seconds each on a busy 2-core machine, while the journeys run beside.
      test.setTimeout(180_000);
      const pages = await publicPages(page);
      expect(pages).toHaveLength(32);
      const problems: string[] = [];
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator('main h1')).toBeVisible();
        problems.push(...(await layoutProblems(page, path, locale === 'en')));
      }
      expect(problems).toEqual([]);
    });

    test('the demo allocation reads as a table of percentages and amounts, and recomputes when tapped', async ({ page }) => {
      await page.goto('/allocations');
      // Other journeys may have published allocations of their own by now: open the demo's.
      await page.getByTestId('allocations').getByRole('link', { name: /2025年市级生态修复配套资金第一批/ }).click();
      const rows = page.getByTestId('allocation-table').locator('tbody tr');
      await expect(rows).toHaveCount(6);
      const amount = locale === 'zh' ? /^-?[\d,]+\.\d{2} (元|万元|亿元)$/ : /^CNY -?[\d,]+\.\d{2}( million| billion)?$/;
      for (let i = 0; i < 6; i++) {
        const row = rows.nth(i);
        await expect(row.locator('.share button')).toHaveText(/^\d{1,3}\.\d{2}%$/);
        await expect(row.getByTestId('computed').locator('.money')).toHaveText(amount, { useInnerText: true });
        await expect(row.getByTestId('final').locator('.money')).toHaveText(amount, { useInnerText: true });
      }
      if (locale === 'en') await expect(rows.first().locator('td').first()).toHaveText(/^[A-Za-z][A-Za-z ]+$/);

      // One line for the total, in the reader's units (784,253 元 is 78.43 万元, but under a million
      // yuan in English, so exact there); the exact 元 and the exact fraction one tap away.
      const total = page.getByTestId('allocation-total');
      await expect(total).toHaveText(locale === 'zh' ? '78.43 万元' : 'CNY 784,253.00', { useInnerText: true });
      if (locale === 'zh') {
        await expect(total.locator('.exact')).toBeHidden();
        await total.locator('button').tap();
        await expect(total.locator('.exact')).toBeVisible();
        await expect(total.locator('.exact')).toHaveText('784,253.00 元');
      }
      const share = rows.first().locator('.share');
      await share.locator('button').tap();
      await expect(share.locator('.exact')).toHaveText(/^\d+\/\d+$/);

      // No table lies over the button: a tap reaches it, and the browser checks every line.
      await page.getByTestId('recompute').tap();
      await expect(page.getByTestId('recompute-result')).toContainText(locale === 'zh' ? '全部 6 行与公布结果一致' : 'All 6 lines match the published result.');
      await expect(page.getByTestId('recompute-result').locator('[data-match="true"]')).toHaveCount(6);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    });

    test('the catalogue names each demo programme’s managing organisation and 文号, with different checksums for its two documents', async ({ page }) => {
      await page.goto('/catalogue');
      // Other journeys may have opened programmes of their own by now: the demo's are the badged ones.
      // Central, provincial, municipal, and each of the six counties' own funds.
      const cards = page.getByTestId('catalogue').locator('li.card').filter({ has: page.getByTestId('demo-badge') });
      await expect(cards).toHaveCount(9);
      const documents: number[] = [];
      for (let i = 0; i < 9; i++) {
        const card = cards.nth(i);
        await expect(card.getByTestId('managing-org')).toHaveText(locale === 'zh' ? /\p{Script=Han}/u : /^[A-Za-z][A-Za-z ]+$/);
        await expect(card.getByTestId('doc-number')).toHaveText(/〔\d{4}〕\d+号/);
        const sums = await card.getByTestId('sha256').allTextContents();
        documents.push(sums.length);
        if (sums.length === 2) expect(sums[0]).not.toBe(sums[1]);
      }
      // The 2026 municipal programme's rules are the demo's deliberately missing publication (DISCLOSURE_LAPSES).
      expect(documents.sort()).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 2]);
    });
  });
}

/** The demo accounts (README): each reaches its own workspace pages. */
const ACCOUNTS = ['admin', 'officer', 'reviewer', 'unit', 'evaluator', 'auditor', 'moderator', 'officer-sx', 'officer-yx', 'reviewer-yx', 'approver', 'officer-zr'] as const;

/**
 * Accounts sharing a role see the same page types: a page type one of them checked is not checked
 * again for the next (the crawl still follows the links of pages only the later account reaches).
 */
const ROLE_OF: Record<(typeof ACCOUNTS)[number], string> = {
  admin: 'admin',
  officer: 'finance_officer',
  'officer-sx': 'finance_officer',
  'officer-yx': 'finance_officer',
  'officer-zr': 'finance_officer',
  reviewer: 'reviewer',
  'reviewer-yx': 'reviewer',
  approver: 'reviewer',
  unit: 'implementing_unit',
  evaluator: 'evaluator',
  auditor: 'auditor',
  moderator: 'moderator',
};
const checkedByRole = new Map<string, Set<string>>();

/** Pages the crawl must reach, so that it cannot pass by visiting little. */
const MUST_REACH: Partial<Record<(typeof ACCOUNTS)[number], string[]>> = {
  admin: ['/workspace/admin', '/workspace/admin/organisations', '/workspace/admin/workflows', '/workspace/security'],
  officer: [
    '/workspace/officer',
    '/workspace/disclosure',
    '/workspace/disclosure/corrections',
    '/workspace/programmes',
    '/workspace/transfers',
    '/workspace/transfers/new',
    '/workspace/chain?programme=',
    '/workspace/chain?project=',
    '/workspace/chain?payee=',
    '/workspace/matching',
    '/workspace/batches/new',
    '/workspace/formulas/new',
    '/workspace/items/',
  ],
  unit: ['/workspace/unit', '/workspace/applications/new', '/workspace/expenditures/new'],
  auditor: ['/workspace/auditor', '/workspace/chain?programme=', '/workspace/security'],
  'reviewer-yx': ['/workspace/reviewer', '/workspace/inbox'],
  evaluator: ['/workspace/evaluations'],
  'officer-zr': ['/workspace/indicators'],
};

/**
 * The workspace pages an account reaches: its landing page, then every /workspace link on the
 * pages found (one page per pattern: /workspace/items/1 stands for every item), and the chain of
 * the first programme, project and payee it may pick. Checks each page's width on the way.
 */
async function workspacePages(page: Page, problems: string[], checked: Set<string>): Promise<{ reached: string[]; fresh: string[] }> {
  const start = new URL(page.url()).pathname;
  const queue = [start];
  const seen = new Set<string>();
  const patterns = new Set<string>();
  const pages: string[] = [];
  const fresh: string[] = [];
  while (queue.length && pages.length < 60) {
    const path = queue.shift()!;
    const pattern = path.replace(/\d+/g, 'N');
    if (seen.has(path) || patterns.has(pattern)) continue;
    seen.add(path);
    patterns.add(pattern);
    pages.push(path);
    // Reached through a link; another account of the role checked this type of page (roles.spec follows every link of every role).
    if (checked.has(pattern) && path !== start) continue;
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    if (!checked.has(pattern)) {
      checked.add(pattern);
      fresh.push(path);
      problems.push(...(await layoutProblems(page, path, false)));
    }
    const links = await page.evaluate(() => [...document.querySelectorAll('main a[href^="/workspace"], nav a[href^="/workspace"]')].map((a) => a.getAttribute('href')!));
    for (const href of links) if (!href.includes('/attachments/')) queue.push(href.startsWith('/workspace/chain?') ? href : href.split(/[?#]/)[0]!);
    if (path === '/workspace/chain') {
      for (const name of ['programme', 'project', 'payee']) {
        const first = await page.locator(`select[name="${name}"] option:not([value=""])`).first().getAttribute('value', { timeout: 1000 }).catch(() => null);
        if (first) queue.push(`/workspace/chain?${name}=${first}`);
      }
    }
  }
  return { reached: pages, fresh };
}

test.describe('signed in, on a 390 px phone', () => {
  for (const account of ACCOUNTS) {
    test(`every workspace page of ${account} fits the screen in Chinese and English, and English pages quote Chinese only as published or typed text`, async ({ page, baseURL }) => {
      test.setTimeout(240_000);
      await useLocale(page, baseURL, 'zh');
      await signIn(page, account);
      const problems: string[] = [];
      const role = ROLE_OF[account];
      if (!checkedByRole.has(role)) checkedByRole.set(role, new Set());
      const { reached, fresh } = await workspacePages(page, problems, checkedByRole.get(role)!);
      for (const must of MUST_REACH[account] ?? []) expect(reached.some((p) => p.startsWith(must)), `${account} reaches ${must}`).toBe(true);

      await useLocale(page, baseURL, 'en');
      for (const path of fresh) {
        await page.goto(path);
        await expect(page.locator('main h1').first()).toBeVisible();
        problems.push(...(await layoutProblems(page, path, true)));
      }
      expect(problems).toEqual([]);
    });
  }

  test('after the English switch, organisations read in English on the chain, transfers and programmes pages', async ({ page }) => {
    await signIn(page, 'officer');
    await page.getByTestId('locale-switch').click();
    await expect(page.getByTestId('workspace-title')).toHaveText('Finance officer workspace');
    await expect(page.locator('main p.muted').first()).toContainText('Organisation: Yangquan Municipal Finance Bureau');
    const ascii = /^[\x20-\x7e]+$/;

    // Programmes: the managing organisation in English, the programme name quoted as issued.
    await page.goto('/workspace/programmes?q=DEMO');
    const managers = await page.getByTestId('programmes').locator('tbody tr td:nth-child(5)').allInnerTexts();
    expect(managers.length).toBeGreaterThan(0);
    for (const name of managers) expect(name).toMatch(ascii);
    expect(managers).toContain('Yangquan Municipal Finance Bureau');
    await expect(page.getByTestId('programmes').locator('tbody tr td:nth-child(2) [lang="zh-CN"]').first()).toHaveText(/年/);

    // Transfers: senders and recipients are organisations in English, or projects quoted as named in the plan.
    await page.goto('/workspace/transfers');
    const parties = page.getByTestId('transfer-table').locator('tbody tr td:nth-child(5), tbody tr td:nth-child(6)');
    expect(await parties.count()).toBeGreaterThan(0);
    for (const cell of await parties.all()) {
      const quoted = await cell.locator('[lang="zh-CN"]').count();
      if (!quoted) expect(await cell.innerText()).toMatch(ascii);
    }
    await expect(page.getByTestId('transfer-table')).toContainText('Yangquan Municipal Finance Bureau');

    // The chain of a programme: every organisation on it by its English name, amounts in CNY.
    await page.goto('/workspace/chain');
    const programme = await page.getByTestId('chain-pick-programme').locator('option', { hasText: 'DEMO-2025-CN' }).getAttribute('value');
    await page.goto(`/workspace/chain?programme=${programme}`);
    const nodes = page.getByTestId('chain-node');
    expect(await nodes.count()).toBeGreaterThan(3);
    for (const node of await nodes.all()) {
      const holder = (await node.getAttribute('data-holder'))!;
      const name = node.locator('strong');
      // Projects are named only in Chinese in the plan: quoted. Organisations have English names.
      if (/^G\d/.test(holder)) await expect(name.locator('[lang="zh-CN"]')).toHaveCount(1);
      else expect(await name.innerText(), holder).toMatch(ascii);
    }
    await expect(page.locator('[data-testid="chain-node"][data-holder="阳泉市财政局"] strong').first()).toHaveText('Yangquan Municipal Finance Bureau');
    await expect(page.locator('[data-testid="chain-node"][data-holder="财政部"] strong').first()).toHaveText('Ministry of Finance');
    await expect(page.getByTestId('chain-held').first()).toHaveText(/^CNY [\d,]+\.\d{2}( million| billion)?$/, { useInnerText: true });
    expect(await unquotedChinese(page)).toEqual([]);
  });
});
