import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

/**
 * No dead ends: every demo account lands on its own page, which offers that role's main actions,
 * and no link on any page its navigation reaches answers 403, 404 or 500 (or bounces to sign-in).
 */
const ACCOUNTS: { username: string; landing: string; actions: string[] }[] = [
  { username: 'admin', landing: '/workspace/admin', actions: ['/workspace/admin/organisations', '/workspace/admin/workflows'] },
  { username: 'officer', landing: '/workspace/officer', actions: ['/workspace/transfers/new', '/workspace/programmes/new', '/workspace/batches/new', '/workspace/import'] },
  { username: 'officer-sx', landing: '/workspace/officer', actions: ['/workspace/transfers/new', '/workspace/programmes/new', '/workspace/batches/new'] },
  { username: 'officer-yx', landing: '/workspace/officer', actions: ['/workspace/transfers/new', '/workspace/import', '/workspace/disclosure'] },
  { username: 'reviewer', landing: '/workspace/reviewer', actions: ['/workspace/inbox', '/workspace/batches', '/workspace/applications', '/workspace/disclosure'] },
  { username: 'reviewer-yx', landing: '/workspace/reviewer', actions: ['/workspace/inbox', '/workspace/applications'] },
  { username: 'approver', landing: '/workspace/reviewer', actions: ['/workspace/inbox', '/workspace/batches'] },
  { username: 'unit', landing: '/workspace/unit', actions: ['/workspace/applications/new', '/workspace/applications', '/workspace/expenditures/new'] },
  { username: 'evaluator', landing: '/workspace/evaluator', actions: ['/workspace/applications'] },
  { username: 'auditor', landing: '/workspace/auditor', actions: ['/workspace/chain', '/workspace/transfers', '/workspace/matching', '/workspace/disclosure'] },
  { username: 'moderator', landing: '/workspace/moderator', actions: [] },
];

/** Links that change state or leave the portal are not crawled. */
const SKIP = [/^\/api\/auth\//];
/** At most this many links of one shape (digits and query values folded) are followed per account. */
const PER_SHAPE = 2;

const shapeOf = (href: string) => {
  const url = new URL(href, 'http://x');
  const keys = [...url.searchParams.keys()].sort().join('&');
  return `${url.pathname.replace(/\d+/g, ':n')}?${keys}`;
};

/** A GET that tries once more when the connection itself fails (a reset socket is not a dead link). */
async function fetchLink(page: Page, link: string) {
  try {
    return await page.request.get(link);
  } catch (e) {
    if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
    return page.request.get(link);
  }
}

async function linksOn(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .filter((h) => h.startsWith(origin))
    .map((h) => h.slice(origin.length).split('#')[0]!)
    .filter((h) => h && !SKIP.some((re) => re.test(h)));
}

for (const account of ACCOUNTS) {
  test(`${account.username}: the landing page offers the role's work and no reachable link is a dead end`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, account.username);
    await expect(page).toHaveURL(new RegExp(`${account.landing}$`));
    const offered = await page.getByTestId('main-actions').locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of account.actions) expect.soft(offered, `${account.username}'s landing page offers ${href}`).toContain(href);

    const nav = await page.locator('nav.workspace-nav a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const pages = [...new Set([account.landing, ...nav])];
    const dead: string[] = [];
    const seenShapes = new Map<string, number>();
    const checked = new Set<string>(pages);
    for (const path of pages) {
      const res = await page.goto(path);
      const status = res?.status() ?? 0;
      if (status >= 400 || new URL(page.url()).pathname === '/signin') {
        dead.push(`${path} → ${status} (nav)`);
        continue;
      }
      for (const link of await linksOn(page)) {
        if (checked.has(link)) continue;
        const shape = shapeOf(link);
        const n = seenShapes.get(shape) ?? 0;
        if (n >= PER_SHAPE) continue;
        seenShapes.set(shape, n + 1);
        checked.add(link);
        const r = await fetchLink(page, link);
        if (r.status() >= 400 || new URL(r.url()).pathname === '/signin') dead.push(`${link} → ${r.status()} (on ${path})`);
      }
    }
    expect(checked.size, 'the crawl reached more than the navigation itself').toBeGreaterThan(pages.length);
    expect(dead, `${account.username} is shown links it may not use`).toEqual([]);
  });
}

test('an auditor sees no ledger-writing links, an implementing unit no programme-opening link', async ({ page }) => {
  await signIn(page, 'auditor');
  await page.goto('/workspace/transfers');
  await expect(page.getByTestId('transfer-table')).toBeVisible();
  await expect(page.getByRole('link', { name: '录入拨付' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '冲销更正' })).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'unit');
  await page.goto('/workspace/programmes');
  await expect(page.getByRole('link', { name: '设立专项资金' })).toHaveCount(0);
  // The unit's projects are funded: the programmes paying them are listed, not an empty page.
  await expect(page.getByTestId('programmes').locator('tbody tr').first()).toBeVisible();
});
