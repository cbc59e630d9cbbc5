import { expect, test, type APIRequestContext } from '@playwright/test';
import JSZip from 'jszip';
import { signIn } from './helpers';

/** A workbook of two cells, A1 and XFD1048576: about 1.5 KB, a sheet of 17 billion cells if padded. */
async function farCornerXlsx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  zip.file('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>');
  zip.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  zip.file(
    'xl/worksheets/sheet1.xml',
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>专项资金编码</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const preview = (request: APIRequestContext, baseURL: string, file: { name: string; mimeType: string; buffer: Buffer }) =>
  request.post('/api/import', { headers: { origin: baseURL }, multipart: { mode: 'preview', target: 'transfers', file } });

test('a sheet bomb sent to the transfer import is refused with a clear message, and the server keeps serving', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, 'officer');
  const bomb = await farCornerXlsx();
  expect(bomb.length).toBeLessThan(2048);
  const refused = await preview(page.request, baseURL!, { name: 'bomb.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bomb });
  expect(refused.status()).toBe(422);
  const body = (await refused.json()) as { error: { message: string } };
  expect(body.error.message).toContain('工作表范围过大');

  // The same process answers the next request at once.
  const csv = Buffer.from('专项资金编码,拨出单位,拨入单位,金额（元）,日期,文号,类型,备注\r\nDEMO-2026-YQ,140300-CZJ,140322,1.00,2026-05-01,阳财建〔2026〕80号,下达,\r\n');
  const ok = await preview(page.request, baseURL!, { name: 'ok.csv', mimeType: 'text/csv', buffer: csv });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { dataRows: number }).dataRows).toBe(1);
  expect((await page.request.get('/api/health')).status()).toBe(200);
});

test('public documents and data are never kept long by a shared cache', async ({ request }) => {
  const catalogue = await (await request.get('/catalogue')).text();
  const docPath = /\/api\/public\/documents\/\d+/.exec(catalogue)?.[0];
  expect(docPath).toBeTruthy();
  const doc = await request.get(docPath!);
  expect(doc.status()).toBe(200);
  expect(doc.headers()['cache-control']).toBe('public, no-cache');
  const etag = doc.headers()['etag'];
  expect(etag).toBe(`"${doc.headers()['x-content-sha256']}"`);
  const unchanged = await request.get(docPath!, { headers: { 'if-none-match': etag! } });
  expect(unchanged.status()).toBe(304);

  const list = await request.get('/api/public/allocations');
  const batches = ((await list.json()) as { allocations: { batchId: number }[] }).allocations;
  const paths = ['/api/public/allocations', '/api/public/plan', '/api/public/feed/atom', '/api/public/feed/json', '/api/public/publications', '/sitemap.xml'];
  const id = batches[0]?.batchId;
  if (id) paths.push(`/api/public/allocations/${id}`, `/api/public/allocations/${id}?format=csv`);
  for (const path of paths) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const cc = res.headers()['cache-control'] ?? '';
    expect(cc, path).not.toContain('immutable');
    const maxAge = /max-age=(\d+)/.exec(cc);
    expect(maxAge ? Number(maxAge[1]) : 0, `${path}: ${cc}`).toBeLessThanOrEqual(60);
    expect(cc, path).toMatch(/max-age|no-cache|no-store/);
  }
});

test('a county officer opening a city programme in the chain view sees their county, and no figures of its siblings', async ({ page }) => {
  await signIn(page, 'officer-yx');
  await page.goto('/workspace/chain');
  const select = page.getByTestId('chain-pick-programme');
  const value = await select.locator('option', { hasText: 'DEMO-2026-YQ' }).first().getAttribute('value');
  expect(value).toBeTruthy();
  await page.goto(`/workspace/chain?programme=${value}`);
  await expect(page.getByTestId('chain-title')).toBeVisible();
  const holders = await page.getByTestId('chain-node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-holder') ?? ''));
  expect(holders).toContain('盂县');
  // Another county shows only as the sender into a project that lies in both counties: no figures.
  for (const sibling of ['平定县', '城区', '矿区', '郊区', '开发区']) {
    await expect(page.locator(`[data-testid="chain-node"][data-holder="${sibling}"] [data-testid="chain-figures"]`)).toHaveCount(0);
  }
  // The city bureau shows as the sender, without its figures.
  await expect(page.locator('[data-testid="chain-node"][data-holder="阳泉市财政局"] [data-testid="chain-figures"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="chain-node"][data-holder="盂县"] [data-testid="chain-held"]').first()).toBeVisible();
});
