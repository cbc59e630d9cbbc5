import { expect, test, type Page } from '@playwright/test';

/*
 * Every public page on a 390 px phone, in Chinese and in English.
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
  return page.evaluate((source) => {
    const chinese = new RegExp(source, 'u');
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (chinese.test(text) && !n.parentElement?.closest('[lang^="zh"]')) found.push(text.trim());
    }
    return found;
  }, CHINESE.source);
}

/** The public pages: fixed ones, the demo allocation, and a publication of each of four kinds. */
async function publicPages(page: Page): Promise<string[]> {
  await page.goto('/allocations');
  const batch = await page.getByTestId('allocations').getByRole('link').first().getAttribute('href');
  await page.goto('/disclosure');
  const cards = page.getByTestId('publications').locator('li');
  const ofKind = async (kind: RegExp) => (await cards.filter({ hasText: kind }).first().getByRole('link').first().getAttribute('href'))!;
  const publications = [await ofKind(/专项资金目录|Fund catalogue/), await ofKind(/管理制度|Management rules/), await ofKind(/分配公式和因素|Formula and factors/), await ofKind(/分配结果|Allocation result/)];
  return ['/', '/catalogue', '/allocations', batch!, '/disclosure', ...publications, '/disclosure/withheld', '/disclosure/completeness', '/signin', '/password/no-such-link'];
}

for (const locale of ['zh', 'en'] as const) {
  test.describe(`on a 390 px phone, in ${locale}`, () => {
    test.beforeEach(async ({ page, baseURL }) => useLocale(page, baseURL, locale));

    test('every public page fits the screen, and English pages quote Chinese only as published text', async ({ page }) => {
      const pages = await publicPages(page);
      expect(pages).toHaveLength(13);
      const problems: string[] = [];
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator('main h1')).toBeVisible();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE.width) problems.push(`${path}: ${width} px wide`);
        if (locale === 'en') for (const text of await unquotedChinese(page)) problems.push(`${path}: unquoted Chinese “${text}”`);
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

      // One line for the total, in the reader's units (950,163 元 is 95.02 万元, but under a million
      // yuan in English, so exact there); the exact 元 and the exact fraction one tap away.
      const total = page.getByTestId('allocation-total');
      await expect(total).toHaveText(locale === 'zh' ? '95.02 万元' : 'CNY 950,163.00', { useInnerText: true });
      if (locale === 'zh') {
        await expect(total.locator('.exact')).toBeHidden();
        await total.locator('button').tap();
        await expect(total.locator('.exact')).toBeVisible();
        await expect(total.locator('.exact')).toHaveText('950,163.00 元');
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
      const cards = page.getByTestId('catalogue').locator('li.card').filter({ has: page.getByTestId('demo-badge') });
      await expect(cards).toHaveCount(3);
      for (let i = 0; i < 3; i++) {
        const card = cards.nth(i);
        await expect(card.getByTestId('managing-org')).toHaveText(locale === 'zh' ? /\p{Script=Han}/u : /^[A-Za-z][A-Za-z ]+$/);
        await expect(card.getByTestId('doc-number')).toHaveText(/〔\d{4}〕\d+号/);
        const sums = await card.getByTestId('sha256').allTextContents();
        expect(sums).toHaveLength(2);
        expect(sums[0]).not.toBe(sums[1]);
      }
    });
  });
}
