import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
for (const bypass of [false, true, false]) {
  const ctx = await b.newContext({ viewport: { width: 1280, height: 900 } });
  if (bypass) await ctx.addCookies([{ name: 'x-session-token', value: '1', url: 'http://127.0.0.1:3410' }]);
  const p = await ctx.newPage();
  const log = [];
  p.on('console', (m) => { if (!/Permissions/.test(m.text())) log.push('console ' + m.text().slice(0, 200)); });
  p.on('pageerror', (e) => log.push('pageerror ' + e.message.slice(0, 300)));
  p.on('response', (r) => { if (!r.url().includes('/_next/static')) log.push(`${r.status()} ${r.url().slice(22, 90)} ${r.headers()['x-cache'] ?? ''}`); });
  const r = await p.goto('http://127.0.0.1:3410/payees/DEMO-CONTRACTOR-1');
  await p.waitForLoadState('networkidle');
  const t0 = Date.now();
  await p.getByTestId('public-chain').first().locator('h3 a').click();
  try { await p.waitForURL(/programmes/, { timeout: 15000 }); } catch {}
  console.log(bypass ? 'BYPASS' : 'CACHED', r.headers()['x-cache'], 'url', p.url().slice(22), Date.now() - t0, 'ms');
  console.log(log.join('\n'));
  await ctx.close();
}
await b.close();
