import { createHash } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, signOut } from './helpers';

const EVIL = 'https://evil.example';

/** Collects Content-Security-Policy violations the browser reports for a page. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(msg.text())) seen.push(msg.text());
  });
  return seen;
}

async function credentialsSignIn(request: APIRequestContext, fields: Record<string, string>) {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  return request.post('/api/auth/callback/credentials', { form: { csrfToken, json: 'true', ...fields }, maxRedirects: 0 });
}

test('after sign-in, a return target that points to another site is replaced by the workspace', async ({ page, baseURL }) => {
  for (const next of ['/%5Cevil.example', '/\\evil.example', '//evil.example', '/%2F%2Fevil.example', `${EVIL}/`]) {
    await page.goto(`/signin?next=${next}`);
    await page.getByLabel('用户名').fill('officer');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/workspace\/officer$/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    // Signed in already: the sign-in page itself redirects, and must stay on the site too.
    const res = await page.request.get(`/signin?next=${next}`, { maxRedirects: 0 });
    expect(res.status()).toBeGreaterThanOrEqual(300);
    expect(res.status()).toBeLessThan(400);
    expect(new URL(res.headers().location!, baseURL).origin).toBe(new URL(baseURL!).origin);
    await signOut(page);
  }
});

test('a credentials sign-in with a callbackUrl of another host is neither a 500 nor sent off-site', async ({ request, baseURL }) => {
  for (const callbackUrl of [`${EVIL}/steal`, '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'http://[broken', '']) {
    const res = await credentialsSignIn(request, { username: 'auditor', password: DEMO_PASSWORD, callbackUrl });
    expect(res.status(), callbackUrl).toBeLessThan(500);
    const target = res.headers().location ?? (await res.json().catch(() => ({}))).url;
    if (target) expect(new URL(target, baseURL).origin, callbackUrl).toBe(new URL(baseURL!).origin);
  }
});

test('the import endpoint refuses JSON, broken multipart and other sites with a 4xx, never a 500', async ({ page, baseURL }) => {
  await signIn(page, 'officer');
  const origin = new URL(baseURL!).origin;
  const json = await page.request.post('/api/import', { data: { mode: 'preview', target: 'transfers' }, headers: { origin } });
  expect(json.status()).toBe(422);
  expect((await json.json()).error.code).toBe('validation');

  const broken = await page.request.post('/api/import', {
    headers: { origin, 'content-type': 'multipart/form-data; boundary=XyZ' },
    data: '--XyZ\r\nContent-Disposition: form-data; name="mode"\r\n\r\npreview\r\n--XyZ\r\nContent-Disposition: form-da',
  });
  expect(broken.status()).toBe(422);

  const noBoundary = await page.request.post('/api/import', { headers: { origin, 'content-type': 'multipart/form-data' }, data: 'mode=preview' });
  expect(noBoundary.status()).toBe(422);

  const foreign = await page.request.post('/api/import', {
    headers: { origin: EVIL },
    multipart: { mode: 'preview', target: 'transfers', file: { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('文号,金额\nA,1\n') } },
  });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.code).toBe('forbidden');

  const crossSite = await page.request.post('/api/import', {
    headers: { 'sec-fetch-site': 'cross-site' },
    multipart: { mode: 'preview', target: 'transfers', file: { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('文号,金额\nA,1\n') } },
  });
  expect(crossSite.status()).toBe(403);
});

test('a server action posted from another site gets a 4xx', async ({ page }) => {
  await signIn(page, 'officer');
  for (const path of ['/workspace/transfers/new', '/']) {
    const res = await page.request.post(path, {
      headers: { origin: EVIL, 'next-action': '7f00000000000000000000000000000000000000', accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
      data: '[]',
    });
    expect(res.status(), path).toBeGreaterThanOrEqual(400);
    expect(res.status(), path).toBeLessThan(500);
  }
});

/** The id of a real server action: the locale switch is a form action on every page. */
async function realActionId(request: APIRequestContext): Promise<string> {
  const html = await (await request.get('/')).text();
  const id = /\$ACTION_ID_([0-9a-f]+)/.exec(html)?.[1];
  expect(id, 'an action id in the page HTML').toBeTruthy();
  return id!;
}

test('a server action with a malformed body gets a 4xx, never a 500, anonymous or signed in', async ({ page, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const id = await realActionId(request);
  const bodies: { type?: string; data: string }[] = [
    { type: 'text/plain;charset=UTF-8', data: 'garbage' },
    { type: 'text/plain;charset=UTF-8', data: '{' },
    { type: 'text/plain;charset=UTF-8', data: '"' },
    { type: 'text/plain;charset=UTF-8', data: '[' },
    { data: 'garbage' },
    { type: 'multipart/form-data; boundary=XyZ', data: '--XyZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--XyZ\r\nContent-Disposition: form-da' },
    { type: 'multipart/form-data; boundary=XyZ', data: '--XyZ\r\nContent-Disposition: form-data; name="0"\r\n\r\ngarbage\r\n--XyZ--\r\n' },
  ];
  const probe = async (ctx: APIRequestContext, who: string) => {
    for (const path of ['/workspace/disclosure', '/']) {
      for (const { type, data } of bodies) {
        const headers: Record<string, string> = { origin, 'next-action': id, accept: 'text/x-component' };
        if (type) headers['content-type'] = type;
        const res = await ctx.post(path, { headers, data });
        const label = `${who} ${path} ${type ?? '(no type)'} ${JSON.stringify(data)}`;
        expect(res.status(), label).toBeGreaterThanOrEqual(400);
        expect(res.status(), label).toBeLessThan(500);
      }
    }
  };
  await probe(request, 'anonymous');
  await signIn(page, 'officer');
  await probe(page.request, 'officer');
});

test('a page rendered for its response carries a fresh nonce Content-Security-Policy, and a Permissions-Policy', async ({ page }) => {
  const violations = cspViolations(page);
  // The sign-in page is never a stored copy: it is rendered for each response.
  const res = await page.goto('/signin');
  const headers = res!.headers();
  const csp = headers['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['permissions-policy']).toContain('camera=()');
  const nonce = /'nonce-([^']+)'/.exec(csp!)![1];
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
  // A second response has a new nonce.
  const again = await page.request.get('/signin');
  expect(again.headers()['content-security-policy']).not.toBe(csp);
  expect(violations).toEqual([]);
});

test("a stored copy of a public page allows exactly its own inline scripts, by hash, and the app runs under that policy", async ({ page }) => {
  const violations = cspViolations(page);
  await expect.poll(async () => (await page.request.get('/')).headers()['x-cache']).toBe('HIT');
  const res = await page.goto('/');
  expect(res!.headers()['x-cache']).toBe('HIT');
  const csp = res!.headers()['content-security-policy']!;
  // A nonce everyone can read would be no secret: the copy names none, and no unsafe-inline either.
  expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+(;|$)/);
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
  expect(scriptSrc).not.toContain('nonce-');
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  const inline = await page.locator('script:not([src])').evaluateAll((els) =>
    els.filter((e) => !(e as HTMLScriptElement).type || /javascript|module/.test((e as HTMLScriptElement).type)).map((e) => e.textContent ?? ''),
  );
  expect(inline.length).toBeGreaterThan(0);
  for (const text of inline) expect(csp).toContain(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  // Hydrated and interactive under the policy: the locale switch works.
  await page.getByTestId('locale-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ecological Restoration Plan/);
  await page.getByTestId('locale-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/生态修复规划/);
  expect(violations).toEqual([]);
});

test('the in-browser recompute runs under the Content-Security-Policy', async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto('/allocations');
  await page.getByTestId('allocations').getByRole('link', { name: /2025年市级生态修复配套资金第一批/ }).click();
  await page.getByTestId('recompute').click();
  await expect(page.getByTestId('recompute-result')).toContainText('全部 6 行与公布结果一致');
  expect(violations).toEqual([]);
});

test('the import wizard uploads and previews under the Content-Security-Policy and the origin check', async ({ page }) => {
  const violations = cspViolations(page);
  await signIn(page, 'officer');
  await page.goto('/workspace/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'transfers.csv', mimeType: 'text/csv', buffer: Buffer.from('文号,日期,金额\n阳财建〔2026〕1号,2026-03-01,100.00\n') });
  await page.getByRole('button', { name: '上传并预览' }).first().click();
  await expect(page.getByTestId('import-summary')).toContainText('共 1 行数据');
  expect(violations).toEqual([]);
});

test('a session cookie replayed after sign-out is signed out', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'evaluator');
  await expect(page).toHaveURL(/\/workspace\/evaluator$/);
  const saved = await context.cookies();
  expect(saved.some((c) => c.name.includes('next-auth.session-token'))).toBe(true);
  await signOut(page);
  await context.close();

  const replay = await browser.newContext();
  await replay.addCookies(saved);
  const again = await replay.newPage();
  await again.goto('/workspace/evaluator');
  await expect(again).toHaveURL(/\/signin\?next=/);
  // next-auth's own endpoint agrees: no session (an empty one), so no client code takes the user as signed in.
  expect(await (await again.request.get('/api/auth/session')).json()).toEqual({});
  await replay.close();
});

test('signing out needs no JavaScript: the form ends the session on the server, clears its cookie and goes home', async ({ browser }) => {
  const signedIn = await browser.newContext();
  await signIn(await signedIn.newPage(), 'auditor');
  const saved = await signedIn.cookies();
  await signedIn.close();

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await noScript.addCookies(saved);
  const page = await noScript.newPage();
  await page.goto('/projects');
  await expect(page.getByTestId('who')).toBeVisible();
  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('link', { name: '登录' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  expect((await noScript.cookies()).filter((c) => c.name.includes('next-auth.session-token'))).toEqual([]);
  await noScript.close();

  // The cookie kept from before the sign-out no longer signs anyone in.
  const replay = await browser.newContext();
  await replay.addCookies(saved);
  const again = await replay.newPage();
  await again.goto('/workspace/auditor');
  await expect(again).toHaveURL(/\/signin\?next=/);
  await replay.close();
});

test('the security log shows the socket address, not a forged X-Forwarded-For, to an auditor only', async ({ page, request }) => {
  const probe = await (await request.get('/api/auth/csrf')).json();
  const res = await request.post('/api/auth/callback/credentials', {
    headers: { 'x-forwarded-for': '203.0.113.77', 'x-portal-peer': 'forged 203.0.113.77' },
    form: { csrfToken: probe.csrfToken, json: 'true', username: 'forged-xff-probe', password: 'wrong' },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(500);
  await signIn(page, 'officer');
  expect((await page.goto('/workspace/security'))?.status()).toBe(403);
  await signOut(page);
  await signIn(page, 'auditor');
  await page.goto('/workspace/security?kind=sign_in.failed');
  const log = page.getByTestId('security-log');
  await expect(log).toContainText('forged-xff-probe');
  await expect(log).not.toContainText('203.0.113.77');
  await expect(log).toContainText(/127\.0\.0\.1|::1/);
});
