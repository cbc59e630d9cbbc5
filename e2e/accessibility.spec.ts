import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/*
 * Issue #13 item 7: axe-core (WCAG 2.2 AA) finds no serious or critical violation on any public
 * page type, in Chinese and in English, on a desktop screen and on a 390 px phone; nor in the
 * states a reader opens on them (the project filters, a recomputed allocation). And the filters
 * are reachable and openable by keyboard, with a visible focus.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

type Pages = Record<string, string>;

let found: Pages | undefined;

/**
 * One page of each public type. The fixed ones, then those only the data names: a payee of a
 * published transfer, the first allocation, a publication of each kind the site has published
 * (both shapes of allocation result: a batch's and a transfer document's), a zone to filter by.
 */
async function publicPages(page: Page): Promise<Pages> {
  if (found) return found;
  const pages: Pages = {
    home: '/',
    projects: '/projects',
    'projects, filtered': '/projects?county=140322&level=central',
    project: '/projects/G1-13',
    county: '/counties/140322',
    programme: '/programmes/DEMO-2025-CN',
    catalogue: '/catalogue',
    allocations: '/allocations',
    targets: '/targets',
    'data dictionary': '/data',
    'API reference': '/api/docs',
    disclosure: '/disclosure',
    withheld: '/disclosure/withheld',
    completeness: '/disclosure/completeness',
    findings: '/findings',
    'audit checkpoints': '/disclosure/audit-checkpoints',
    feedback: '/feedback',
    'feedback status': '/feedback/YQ-DEM0000001',
    'feedback statistics': '/feedback/stats',
    'follow link': '/follow/confirm/no-such-link',
    signin: '/signin',
    'not found': '/projects/NO-SUCH',
  };
  type Listed = { url: string; kind: string; subjectType: string; content?: { lines?: { to: { code: string; kind: string } }[] } };
  // Newest first, 200 a page: every page of allocation results (the batches' are the oldest).
  const list = async (query: string) => {
    const all: Listed[] = [];
    for (let n = 1; ; n++) {
      const { publications, pages } = (await (await page.request.get(`/api/public/publications?${query}&pageSize=200&page=${n}`)).json()) as { publications: Listed[]; pages: number };
      all.push(...publications);
      if (n >= pages) return all;
    }
  };
  const results = await list('kind=allocation_result');
  const payee = results.flatMap((p) => p.content?.lines ?? []).find((l) => l.to.kind === 'payee')?.to.code;
  expect(payee, 'a published transfer to a payee').toBeTruthy();
  pages.payee = `/payees/${encodeURIComponent(payee!)}`;
  const finding = /href="(\/findings\/\d+)"/.exec(await (await page.request.get('/findings')).text())?.[1];
  expect(finding, 'the demo\'s published finding').toBeTruthy();
  pages.finding = finding!;
  const kinds = new Map<string, string>();
  for (const kind of ['fund_catalogue', 'management_rules', 'application_guideline', 'formula', 'evaluation_result']) {
    const first = (await list(`kind=${kind}`))[0];
    if (first) kinds.set(kind, new URL(first.url, 'http://x').pathname);
  }
  for (const subjectType of ['batch', 'transfer_document']) {
    const first = results.find((p) => p.subjectType === subjectType);
    if (first) kinds.set(`allocation_result (${subjectType})`, new URL(first.url, 'http://x').pathname);
  }
  expect([...kinds.keys()]).toEqual(expect.arrayContaining(['fund_catalogue', 'management_rules', 'formula', 'allocation_result (batch)', 'allocation_result (transfer_document)']));
  for (const [kind, url] of kinds) pages[`publication: ${kind}`] = url;
  await page.goto('/allocations');
  pages.allocation = (await page.getByTestId('allocations').getByRole('link').first().getAttribute('href'))!;
  await page.goto('/projects');
  const zone = await page.locator('select[name="zone"] option:not([value=""])').first().getAttribute('value');
  pages['projects, filters open'] = `/projects?zone=${encodeURIComponent(zone!)}`;
  found = pages;
  return pages;
}

/** Serious and critical violations, one line each: the rule, its impact, what to do, where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const targets = v.nodes.slice(0, 4).map((n) => n.target.join(' '));
      const more = v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : '';
      return `${v.id} [${v.impact}] ${v.help}: ${targets.join(' | ')}${more}`;
    });
}

/** Tables' scrolling boxes (role="region", focusable) whose accessible name is empty. */
async function unnamedTableBoxes(page: Page): Promise<string[]> {
  return page.locator('.table-wrap').evaluateAll((boxes) =>
    boxes
      .filter((box) => {
        const label = box.getAttribute('aria-label')?.trim();
        const by = (box.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
        return !(label || by.some(Boolean)) || box.getAttribute('role') !== 'region' || box.getAttribute('tabindex') !== '0';
      })
      .map((box) => box.querySelector('table')?.getAttribute('data-testid') ?? box.outerHTML.slice(0, 80)),
  );
}

async function useLocale(page: Page, baseURL: string | undefined, locale: 'zh' | 'en') {
  await page.context().addCookies([{ name: 'locale', value: locale, url: baseURL! }]);
}

/*
 * Axe takes seconds a page, so each page type is checked in Chinese on one screen and in English
 * on the other, alternating down the list (the first type zh on desktop and en on the phone, the
 * second en on desktop and zh on the phone, …): every page type is checked in both languages and
 * on both screens, and each screen in both languages, at half the cost of all four combinations.
 */
const RUNS = [
  { screen: 'desktop', locale: 'zh', half: 0 },
  { screen: 'desktop', locale: 'en', half: 1 },
  { screen: 'phone', locale: 'en', half: 0 },
  { screen: 'phone', locale: 'zh', half: 1 },
] as const;

for (const { screen, locale, half } of RUNS) {
  test.describe(`axe, WCAG 2.2 AA, ${screen}, ${locale}`, () => {
    test.use({ viewport: VIEWPORTS[screen], hasTouch: screen === 'phone' });
    test.beforeEach(async ({ page, baseURL }) => useLocale(page, baseURL, locale));

    test(`no serious or critical violation on every other public page type, from the ${half ? 'second' : 'first'}`, async ({ page }) => {
      // About 11 pages, 2–15 s each for axe on a busy 2-core machine, with the journeys running beside.
      test.setTimeout(360_000);
      const all = Object.entries(await publicPages(page));
      const pages = all.filter((_, i) => i % 2 === half);
      expect(all.length).toBeGreaterThanOrEqual(20);
      const problems: string[] = [];
      for (const [name, path] of pages) {
        await page.goto(path);
        await expect(page.locator('main h1').first()).toBeVisible();
        if (name === 'projects, filters open') await expect(page.locator('details.more-filters')).toHaveAttribute('open', '');
        for (const v of await seriousViolations(page)) problems.push(`${name} ${path}: ${v}`);
        // A table's scrolling box is in the tab order (axe: scrollable-region-focusable): it must say what it holds.
        for (const box of await unnamedTableBoxes(page)) problems.push(`${name} ${path}: table box without a name: ${box}`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    // The opened state once per screen and once per language, as above.
    if (half === 0) {
      test('no serious or critical violation on an allocation after recomputing it', async ({ page }) => {
        const pages = await publicPages(page);
        await page.goto(pages.allocation!);
        const recompute = page.getByTestId('recompute');
        if (screen === 'phone') await recompute.tap();
        else await recompute.click();
        await expect(page.getByTestId('recompute-result')).toBeVisible();
        await expect(page.getByTestId('recompute-result').locator('[data-match]').first()).toBeVisible();
        const problems = await seriousViolations(page);
        expect(problems, problems.join('\n')).toEqual([]);
      });
    }
  });
}

test.describe('keyboard', () => {
  test.use({ viewport: VIEWPORTS.phone });

  test('the project filters are reachable and open by keyboard, with a visible focus', async ({ page }) => {
    await page.goto('/projects');
    const details = page.locator('details.more-filters');
    const summary = details.locator('summary');
    await expect(details).not.toHaveAttribute('open', '');
    // Tab from the start of the page until the summary has the focus.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await summary.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'Tab reaches the filters’ summary').toBe(true);
    const outline = await summary.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: el.matches(':focus-visible') };
    });
    expect(outline.visible).toBe(true);
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await expect(details).toHaveAttribute('open', '');
    // The first filter is next in the tab order, chosen with the arrow keys; the filter button applies it.
    await page.keyboard.press('Tab');
    const county = details.locator('select[name="county"]');
    await expect(county).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const chosen = await county.inputValue();
    expect(chosen).not.toBe('');
    const apply = details.locator('button[type="submit"]');
    for (let i = 0; i < 20 && !(await apply.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(apply).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`county=${chosen}`));
    await expect(page.locator('details.more-filters')).toHaveAttribute('open', '');

    // The first Tab on a page shows the skip link, and it leads to the main content.
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    await expect(skip).toBeFocused();
    expect(await skip.evaluate((el) => el.getBoundingClientRect().left)).toBeGreaterThanOrEqual(0);
  });
});
