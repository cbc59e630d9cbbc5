import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { PERMISSIONS } from '@/lib/auth/permissions';

// The request boundary only: who is signed in (by role). The language comes from the request's cookie.
const caller = vi.hoisted(() => ({ role: null as null | 'officer' | 'citizen' }));
vi.mock('@/lib/dal/auth/session', () => ({
  requireCtx: async (permission: string) => {
    if (!caller.role) throw new AppError('unauthenticated');
    if (caller.role !== 'officer' || permission !== 'import.run') throw new AppError('forbidden');
    return { db: null, actor: { id: 1, role: 'finance_officer' } };
  },
}));

const { defineRoute, definePublicRoute } = await import('@/lib/api/route');
const { en } = await import('@/lib/i18n/en');
const { zh } = await import('@/lib/i18n/zh');

const ok = () => new Response('ok');
const body = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; fieldErrors?: Record<string, string> } }).error;
const post = (headers: Record<string, string> = {}) => {
  const form = new FormData();
  form.set('mode', 'preview');
  return new Request('https://portal.example/api/x', { method: 'POST', body: form, headers: { host: 'portal.example', cookie: 'locale=en', ...headers } });
};

describe('route handlers answer through the one error mapper', () => {
  it('refuses another site’s POST before anything else, and an anonymous caller before the body is read', async () => {
    const handler = vi.fn(ok);
    const route = defineRoute({ permission: 'import.run', form: z.object({ mode: z.string() }) }, handler);
    caller.role = null;
    const foreign = await route(post({ origin: 'https://evil.example' }));
    expect([foreign.status, (await body(foreign)).code]).toEqual([403, 'forbidden']);
    const request = post();
    const read = vi.spyOn(request, 'formData');
    const anonymous = await route(request);
    expect(anonymous.status).toBe(401);
    expect(await body(anonymous)).toEqual({ code: 'unauthenticated', message: en.errors.unauthenticated });
    expect(read).not.toHaveBeenCalled();
    caller.role = 'citizen';
    expect((await route(post())).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
    caller.role = 'officer';
    expect((await route(post())).status).toBe(200);
  });

  it('maps a path that names nothing to 404, a bad query to 422 with field messages, and a JSON body to 422', async () => {
    caller.role = 'officer';
    const byId = definePublicRoute({ params: z.object({ id: z.coerce.number().int().positive() }), query: z.object({ format: z.enum(['json', 'csv']).optional() }) }, ok);
    expect((await byId(new Request('https://portal.example/a/x'), { params: Promise.resolve({ id: 'x' }) })).status).toBe(404);
    const badQuery = await byId(new Request('https://portal.example/a/1?format=xml', { headers: { cookie: 'a=b; locale=en' } }), { params: Promise.resolve({ id: '1' }) });
    expect(badQuery.status).toBe(422);
    expect(await body(badQuery)).toMatchObject({ code: 'validation', fieldErrors: { format: en.errors.validation } });
    expect(badQuery.headers.get('cache-control')).toBe('no-store');
    expect((await byId(new Request('https://portal.example/a/1?format=csv'), { params: Promise.resolve({ id: '1' }) })).status).toBe(200);
    const form = defineRoute({ permission: 'import.run', form: z.object({ mode: z.string() }) }, ok);
    const json = await form(new Request('https://portal.example/api/x', { method: 'POST', body: '{"mode":"preview"}', headers: { 'content-type': 'application/json', cookie: 'locale=en' } }));
    expect([json.status, (await body(json)).message]).toEqual([422, en.errors.multipartRequired]);
  });

  it('answers a database refusal with its status and message in the reader’s language (Chinese unless the cookie says otherwise), never a 500', async () => {
    const failing = (e: unknown) => definePublicRoute({}, () => {
      throw e;
    });
    const overdraft = await failing(new Error('Failed query', { cause: Object.assign(new Error('ledger:insufficient_balance line=0'), { code: 'P0001' }) }))(new Request('https://portal.example/'));
    expect([overdraft.status, await body(overdraft)]).toEqual([422, { code: 'ledger', message: zh.ledger.insufficient_balance }]);
    const taken = await failing(Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505' }))(new Request('https://portal.example/'));
    expect([taken.status, await body(taken)]).toEqual([409, { code: 'conflict', message: zh.errors.conflict }]);
    const missing = await failing(new AppError('not_found'))(new Request('https://portal.example/'));
    expect([missing.status, (await body(missing)).message]).toEqual([404, zh.errors.not_found]);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const unknown = await failing(new Error('relation "secret_table" does not exist'))(new Request('https://portal.example/'));
    expect([unknown.status, await body(unknown)]).toEqual([500, { code: 'internal', message: zh.errors.internal }]);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('is the only way any route file under app/api answers (next-auth’s own route aside)', () => {
    const dir = path.resolve(__dirname, '../../app/api');
    const routes = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routes(path.join(d, e.name)) : e.name === 'route.ts' ? [path.join(d, e.name)] : []));
    const found: Record<string, string> = {};
    for (const file of routes(dir)) {
      const rel = path.relative(dir, file);
      if (rel.startsWith(`auth${path.sep}[...nextauth]`)) continue;
      const src = fs.readFileSync(file, 'utf8');
      const handlers = src.split(/^export\s+/m).slice(1).filter((e) => !/^const (dynamic|revalidate|runtime) = /.test(e));
      expect(handlers.length, rel).toBeGreaterThan(0);
      for (const h of handlers) {
        const m = /^const (GET|POST|PUT|PATCH|DELETE) = (?:defineRoute\(\s*\{ permission: '([a-z]+\.[a-z]+)'|(definePublicRoute)\()/.exec(h);
        expect(m, `${rel}: "export ${h.split('\n')[0]}" is not defined through defineRoute`).toBeTruthy();
        if (m![2]) expect(PERMISSIONS).toContain(m![2]);
        found[`${m![1]} ${path.dirname(rel)}`] = m![2] ?? 'public';
      }
      expect(src, rel).not.toMatch(/requireCtx\(|describeError\(|catch \(e\) \{\s*return/);
    }
    // Public: the public read model, health and the API description; everything else names its permission.
    for (const [route, permission] of Object.entries(found)) expect(permission === 'public', route).toBe(/ (public|health|openapi\.json)(\/|$)/.test(route));
    expect(Object.keys(found).length).toBeGreaterThanOrEqual(10);
  });
});
