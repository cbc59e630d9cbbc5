import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { hashInlineScripts, inlineScriptHashes } from '@/lib/cache/inline-script-csp.mjs';
import { bypassReason, cacheKeyOf, handleWithCache, ResponseCache, SHARED_CACHE_CONTROL } from '@/lib/cache/response-cache.mjs';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const req = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ url, method, headers }) as unknown as http.IncomingMessage;

describe('ResponseCache', () => {
  const entry = (tags: string[], body = 'x') => ({ status: 200, headers: [['content-type', 'application/json']] as [string, string][], body: Buffer.from(body), contentType: 'application/json', tags: new Set(tags) });

  it('keeps an answer that named what it shows, and only that', () => {
    const cache = new ResponseCache();
    expect(cache.set('a', entry([]), cache.begin())).toBe(false);
    expect(cache.set('a', entry(['project:G1-01']), cache.begin())).toBe(true);
    expect(cache.get('a')?.body.toString()).toBe('x');
  });

  it('drops exactly the answers whose tags a change names', () => {
    const cache = new ResponseCache();
    cache.set('a', entry(['project:G1-01', 'programme:P1']), cache.begin());
    cache.set('b', entry(['project:G2-02']), cache.begin());
    cache.set('list', entry(['public']), cache.begin());
    cache.invalidate(['public', 'programme:P1']);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('list')).toBeNull();
    expect(cache.get('b')).not.toBeNull();
  });

  it('does not keep a render that began before a change to what it shows', () => {
    const cache = new ResponseCache();
    const started = cache.begin();
    cache.invalidate(['project:G1-01']);
    expect(cache.set('a', entry(['project:G1-01']), started)).toBe(false);
    // Another item's render from the same moment is still good.
    expect(cache.set('b', entry(['project:G2-02']), started)).toBe(true);
    const afterClear = cache.begin();
    cache.clear();
    expect(cache.set('c', entry(['project:G3-03']), afterClear)).toBe(false);
  });

  it('forgets answers older than its time to live', () => {
    let now = 1_000;
    const cache = new ResponseCache({ ttlMs: 60_000, now: () => now });
    cache.set('a', entry(['public']), cache.begin());
    now += 59_000;
    expect(cache.get('a')).not.toBeNull();
    now += 2_000;
    expect(cache.get('a')).toBeNull();
  });

  it('stays within its memory budget by evicting the least recently used', () => {
    const big = 'y'.repeat(2_000);
    const probe = new ResponseCache();
    probe.set('a', entry(['public'], big), probe.begin());
    const cache = new ResponseCache({ maxBytes: 3 * probe.bytes });
    for (const k of ['a', 'b', 'c']) cache.set(k, entry(['public'], big), cache.begin());
    cache.get('a');
    cache.set('d', entry(['public'], big), cache.begin());
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')).not.toBeNull();
    expect(cache.get('d')).not.toBeNull();
  });
});

describe('which requests may use the cache', () => {
  it('keeps signed-in readers, actions and private paths out', () => {
    expect(bypassReason(req('/projects'))).toBeNull();
    expect(bypassReason(req('/api/public/transfers?format=csv'))).toBeNull();
    expect(bypassReason(req('/projects', { cookie: 'locale=en; next-auth.session-token=abc' }))).toBe('session');
    expect(bypassReason(req('/projects', { cookie: '__Secure-next-auth.session-token.0=abc' }))).toBe('session');
    expect(bypassReason(req('/projects', { 'next-action': 'abc' }))).toBe('action');
    expect(bypassReason(req('/projects', {}, 'POST'))).toBe('method');
    for (const path of ['/workspace', '/workspace/items/1', '/signin', '/password/x', '/api/health', '/api/workspace/x', '/api/auth/session', '/_next/static/a.js', '/api/public/bulk/transfers?format=csv']) {
      expect(bypassReason(req(path)), path).toBe('path');
    }
  });

  it('keys by host, language and the whole address; an unknown language is the default', () => {
    expect(cacheKeyOf(req('/p?a=1', { host: 'h', cookie: 'locale=en' }))).toBe('h en /p?a=1');
    expect(cacheKeyOf(req('/p?a=1', { host: 'h', cookie: 'locale=xx' }))).toBe('h zh /p?a=1');
    expect(cacheKeyOf(req('/p?a=2', { host: 'h' }))).not.toBe(cacheKeyOf(req('/p?a=1', { host: 'h' })));
    expect(cacheKeyOf(req('/p', { host: 'h', 'x-forwarded-host': 'evil.example' }))).not.toBe(cacheKeyOf(req('/p', { host: 'h' })));
  });

  it('keeps an RSC payload apart from the page, and apart for each router state that shapes it', () => {
    const page = cacheKeyOf(req('/p', { host: 'h' }));
    const payload = cacheKeyOf(req('/p', { host: 'h', rsc: '1' }));
    const fromHome = cacheKeyOf(req('/p', { host: 'h', rsc: '1', 'next-router-state-tree': '%5B%22%22%5D' }));
    const prefetch = cacheKeyOf(req('/p', { host: 'h', rsc: '1', 'next-router-prefetch': '1' }));
    expect(new Set([page, payload, fromHome, prefetch]).size).toBe(4);
  });
});

describe('the policy of a stored page', () => {
  const html = '<html><script nonce="n1">self.__next_f.push([1,"a"])</script><script src="/_next/static/x.js" nonce="n1"></script>' + '<script type="application/json">{"not":"run"}</script><script nonce="n1">self.__next_f.push([1,"a"])</script></html>';

  it('allows each inline script by its hash, once, and none of the data blocks', () => {
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1,"a"])')]);
  });

  it('replaces the nonce with own origin and the hashes, and keeps every other directive', () => {
    const policy = "default-src 'self'; script-src 'self' 'nonce-n1' 'strict-dynamic'; frame-ancestors 'none'";
    const stored = hashInlineScripts(policy, html);
    expect(stored).toBe(`default-src 'self'; script-src 'self' ${sha('self.__next_f.push([1,"a"])')}; frame-ancestors 'none'`);
    expect(stored).not.toContain('nonce');
  });
});

describe('serving through the cache', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A server whose "render" names the tags in ?tags= and counts renders, as Next's listener would through the storage. */
  async function start(extraHeaders: Record<string, string> = {}) {
    const cache = new ResponseCache();
    const storage = new AsyncLocalStorage<{ tags: Set<string> }>();
    let renders = 0;
    const render = (rq: http.IncomingMessage, rs: http.ServerResponse) => {
      renders++;
      const url = new URL(rq.url ?? '/', 'http://x');
      for (const t of url.searchParams.getAll('tag')) storage.getStore()?.tags.add(t);
      rs.setHeader('content-type', 'text/html; charset=utf-8');
      rs.setHeader('content-security-policy', "script-src 'self' 'nonce-abc' 'strict-dynamic'");
      for (const [k, v] of Object.entries(extraHeaders)) rs.setHeader(k, v);
      rs.write('<html><script nonce="abc">go()</script>');
      const finish = () => rs.end(`${'<p>filler</p>'.repeat(200)}render ${renders} encoding=${rq.headers['accept-encoding'] ?? 'none'}</html>`);
      // ?slow: a render that takes a while, so that others arrive while it is under way.
      if (url.searchParams.has('slow')) setTimeout(finish, 200);
      else finish();
    };
    server = http.createServer((rq, rs) => handleWithCache(cache, storage, rq, rs, render));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { cache, base, renders: () => renders };
  }

  it('renders once, then serves the copy (gzip when asked) with a hash policy and a brief shared-cache lifetime', async () => {
    const s = await start();
    const first = await fetch(`${s.base}/projects/G1-01?tag=project:G1-01`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    // The render saw no accept-encoding: the copy is kept plain and compressed once here.
    expect(await first.text()).toContain('render 1 encoding=none');
    const second = await fetch(`${s.base}/projects/G1-01?tag=project:G1-01`);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('cache-control')).toBe(SHARED_CACHE_CONTROL);
    // One policy for public answers, whether a route handler or the cache sends it.
    expect(SHARED_CACHE_CONTROL).toBe(PUBLIC_BRIEF);
    expect(second.headers.get('content-security-policy')).toBe(`script-src 'self' ${sha('go()')}`);
    expect(await second.text()).toContain('render 1');
    expect(s.renders()).toBe(1);

    const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve) =>
      http.get(`${s.base}/projects/G1-01?tag=project:G1-01`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }),
    );
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(raw.body).toString()).toContain('render 1');

    const etag = second.headers.get('etag')!;
    const notModified = await fetch(`${s.base}/projects/G1-01?tag=project:G1-01`, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
  });

  it('renders again after a change names the page, and never keeps an untagged answer', async () => {
    const s = await start();
    await fetch(`${s.base}/a?tag=project:A`);
    await fetch(`${s.base}/b?tag=project:B`);
    s.cache.invalidate(['project:A']);
    expect((await fetch(`${s.base}/a?tag=project:A`)).headers.get('x-cache')).toBe('MISS');
    expect((await fetch(`${s.base}/b?tag=project:B`)).headers.get('x-cache')).toBe('HIT');
    await fetch(`${s.base}/untagged`);
    expect((await fetch(`${s.base}/untagged`)).headers.get('x-cache')).toBe('MISS');
  });

  it('lets a crowd at a cold page wait for one render', async () => {
    const s = await start();
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${s.base}/cold?tag=public&slow`).then((r) => r.text())));
    expect(s.renders()).toBe(1);
    expect(answers.every((a) => a.includes('render 1'))).toBe(true);
  });

  it('never keeps an answer that sets a cookie, and never serves the copy to a signed-in reader', async () => {
    const withCookie = await start({ 'set-cookie': 'x=1' });
    await fetch(`${withCookie.base}/a?tag=public`);
    expect((await fetch(`${withCookie.base}/a?tag=public`)).headers.get('x-cache')).toBe('MISS');
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    const s = await start();
    await fetch(`${s.base}/a?tag=public`);
    const signedIn = await fetch(`${s.base}/a?tag=public`, { headers: { cookie: 'next-auth.session-token=t' } });
    expect(signedIn.headers.get('x-cache')).toBeNull();
    expect(await signedIn.text()).toContain('render 2');
  });
});
