import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '@/db/client';
import { encodeCursor } from '@/lib/api/cursor';
import { buildOpenApi, DOCUMENTED_ENDPOINTS } from '@/lib/api/openapi';
import { errorSchema, publicationCursorListSchema, publicationListSchema, transferCursorListSchema, transferListSchema } from '@/lib/api/public-schemas';
import { countyListSchema, countySchema, evaluationListSchema, payeeListSchema, payeeSchema, projectListSchema, projectSchema } from '@/lib/api/public-resource-schemas';
import { getCountyMoney, listCounties } from '@/lib/dal/public/counties';
import { getMoneyOverview } from '@/lib/dal/public/money-overview';
import { searchProjects } from '@/lib/dal/public/projects';
import { FUND_LEVELS } from '@/lib/domain/vocabulary';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route module Next would run for an OpenAPI path: app/<path>/route.ts, `{x}` as `[x]`. */
async function handlerFor(apiPath: string): Promise<Handler> {
  const file = path.join(process.cwd(), 'app', apiPath.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');
  expect(fs.existsSync(file), `a route handler for ${apiPath} at ${file}`).toBe(true);
  const mod = (await import(/* @vite-ignore */ file)) as { GET?: Handler };
  expect(mod.GET, `GET of ${apiPath}`).toBeTypeOf('function');
  return mod.GET!;
}

/** Calls the route of `apiPath` (a documented path, `{x}` filled from `params`) with a query string. */
async function call(apiPath: string, params: Record<string, string> = {}, query = ''): Promise<Response> {
  const GET = await handlerFor(apiPath);
  const url = apiPath.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
  return GET(new Request(`https://example.org${url}${query}`), { params: Promise.resolve(params) });
}

async function ok<S extends z.ZodType>(schema: S, res: Response, what: string): Promise<z.output<S>> {
  const text = await res.text();
  expect(res.status, `${what}: ${text.slice(0, 300)}`).toBe(200);
  return schema.parse(JSON.parse(text));
}

/** Follows `next` from the first page to the last, returning every page's rows in order. */
async function walk<R>(apiPath: string, query: string, rowsOf: (body: { next: string | null }) => R[], schema: z.ZodType): Promise<{ rows: R[]; pages: number }> {
  const rows: R[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body = (await ok(schema, await call(apiPath, {}, `?${query}${cursor ? `&cursor=${cursor}` : ''}`), `${apiPath} page ${pages + 1}`)) as { next: string | null };
    rows.push(...rowsOf(body));
    cursor = body.next;
    pages += 1;
    expect(pages, 'the walk ends').toBeLessThan(500);
  } while (cursor);
  return { rows, pages };
}

const net = (l: { kind: string; amountFen: string }) => (l.kind === 'reversal' ? -BigInt(l.amountFen) : BigInt(l.amountFen));
const recipientOf = (l: { kind: string; from: { code: string }; to: { code: string } }) => (l.kind === 'reversal' ? l.from.code : l.to.code);

describe.each(DRIVERS)('the public API on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  /** A real code for each path parameter, read from the list answers. */
  async function pathParams(): Promise<Record<string, Record<string, string>>> {
    const first = async <T>(p: string, pick: (body: never) => T) => pick((await (await call(p, {}, '')).json()) as never);
    const programme = await first('/api/public/programmes', (b: { programmes: { code: string }[] }) => b.programmes[0]!.code);
    const project = await first('/api/public/evaluations', (b: { evaluations: { projectCode: string }[] }) => b.evaluations[0]!.projectCode);
    const county = await first('/api/public/counties', (b: { counties: { code: string }[] }) => b.counties[0]!.code);
    const payee = await first('/api/public/payees', (b: { payees: { code: string }[] }) => b.payees[0]!.code);
    const indicator = await first('/api/public/targets', (b: { indicators: { code: string }[] }) => b.indicators[0]!.code);
    const batchId = await first('/api/public/allocations', (b: { allocations: { batchId: number }[] }) => String(b.allocations[0]!.batchId));
    return {
      '/api/public/programmes/{code}': { code: programme },
      '/api/public/projects/{code}': { code: project },
      '/api/public/projects/{code}/evaluations': { code: project },
      '/api/public/oc4ids/projects/{code}': { code: project },
      '/api/public/counties/{code}': { code: county },
      '/api/public/payees/{code}': { code: payee },
      '/api/public/indicators/{code}': { code: indicator },
      '/api/public/allocations/{batchId}': { batchId },
      '/api/public/feedback/{trackingCode}': { trackingCode: (await first('/api/public/feedback', (b: { items: { trackingCode: string }[] }) => b.items[0]!.trackingCode)) },
    };
  }

  it('answers every path of the OpenAPI document with a body its declared schema accepts, and a CSV where it offers one', async () => {
    const doc = buildOpenApi();
    // JSON paths are the endpoints' own; the one other answer is the IATI XML (validated in iati.test.ts).
    const documented = Object.keys(doc.paths).filter((p) => DOCUMENTED_ENDPOINTS.some((e) => e.path === p));
    expect(documented.length).toBe(DOCUMENTED_ENDPOINTS.length);
    expect(Object.keys(doc.paths).filter((p) => !documented.includes(p))).toEqual(['/api/public/iati/activities.xml']);
    const xml = await call('/api/public/iati/activities.xml');
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
    const params = await pathParams();
    for (const apiPath of documented) {
      const endpoint = DOCUMENTED_ENDPOINTS.find((e) => e.path === apiPath)!;
      const filled = apiPath.includes('{') ? params[apiPath] : {};
      expect(filled, `a value for the parameters of ${apiPath}`).toBeDefined();
      // A required query parameter (the overview's table) takes the first value the document allows.
      const declaredQuery = ((doc.paths[apiPath] as { get: { parameters?: { in: string; name: string; required: boolean; schema: { enum?: string[] } }[] } }).get.parameters ?? []).filter((p) => p.in === 'query');
      const required = declaredQuery.filter((p) => p.required).map((p) => `${p.name}=${encodeURIComponent(p.schema.enum![0]!)}`);
      const query = required.length ? `?${required.join('&')}` : '';
      const body = await ok(endpoint.schema, await call(apiPath, filled, query), apiPath);
      expect(JSON.stringify(body).length, apiPath).toBeGreaterThan(2);
      // Every path parameter is declared, so a generated client can call it.
      const declared = ((doc.paths[apiPath] as { get: { parameters?: { in: string; name: string }[] } }).get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared, apiPath).toEqual([...apiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      const formats = 'parameters' in endpoint && endpoint.parameters.some((p) => p.name === 'format');
      if (formats) {
        const res = await call(apiPath, filled, `${query ? `${query}&` : '?'}format=csv`);
        expect(res.status, `${apiPath} as CSV`).toBe(200);
        expect(res.headers.get('content-type'), apiPath).toMatch(/^text\/csv/);
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect([...bytes.slice(0, 3)], `${apiPath}: a byte-order mark`).toEqual([0xef, 0xbb, 0xbf]);
        expect(new TextDecoder().decode(bytes), apiPath).not.toMatch(/(^|,|\r\n)"?[=+@]/);
      }
    }
  });

  it('walks the projects by cursor: each public project exactly once, in code order, with the page filters', async () => {
    const all = (await searchProjects({ sort: 'code', dir: 'asc', page: 1, pageSize: 10_000 }, t.db)).rows.map((p) => p.code);
    expect(all.length).toBeGreaterThan(20);
    const { rows, pages } = await walk('/api/public/projects', 'limit=7', (b) => (b as z.output<typeof projectListSchema>).projects.map((p) => p.code), projectListSchema);
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(rows).toEqual(all);
    const county = (await listCounties(t.db))[0]!.code;
    const inCounty = (await searchProjects({ county, sort: 'code', dir: 'asc', page: 1, pageSize: 10_000 }, t.db)).rows.map((p) => p.code);
    const filtered = await walk('/api/public/projects', `limit=3&county=${county}`, (b) => (b as z.output<typeof projectListSchema>).projects.map((p) => p.code), projectListSchema);
    expect(filtered.rows).toEqual(inCounty);
  });

  it('walks transfers and publications by cursor in the order of the numbered pages, each row once', async () => {
    const numbered = transferListSchema.parse(await (await call('/api/public/transfers', {}, '?pageSize=1000')).json());
    expect(numbered.total).toBeLessThanOrEqual(1000);
    const walked = await walk('/api/public/transfers', 'limit=97', (b) => (b as z.output<typeof transferCursorListSchema>).transfers.map((x) => x.transferId), transferCursorListSchema);
    expect(walked.rows).toEqual(numbered.transfers.map((x) => x.transferId));
    expect(new Set(walked.rows).size).toBe(walked.rows.length);

    const pubPages: number[] = [];
    for (let page = 1; ; page++) {
      const body = publicationListSchema.parse(await (await call('/api/public/publications', {}, `?versions=all&pageSize=200&page=${page}`)).json());
      pubPages.push(...body.publications.map((p) => p.id));
      if (page >= body.pages) break;
    }
    const pubs = await walk('/api/public/publications', 'versions=all&limit=37', (b) => (b as z.output<typeof publicationCursorListSchema>).publications.map((p) => p.id), publicationCursorListSchema);
    expect(pubs.rows).toEqual(pubPages);
  });

  it('walks the published evaluation results by cursor, each once, ordered by project, year and publication', async () => {
    const all = evaluationListSchema.parse(await (await call('/api/public/evaluations', {}, '?limit=200')).json());
    expect(all.next).toBeNull();
    expect(all.evaluations.length).toBeGreaterThanOrEqual(3);
    const walked = await walk('/api/public/evaluations', 'limit=2', (b) => (b as z.output<typeof evaluationListSchema>).evaluations.map((e) => e.publicationId), evaluationListSchema);
    expect(walked.rows).toEqual(all.evaluations.map((e) => e.publicationId));
    const keys = all.evaluations.map((e) => [e.projectCode, e.year, e.publicationId] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    // The per-project answer holds the same results.
    const code = all.evaluations[0]!.projectCode;
    const mine = all.evaluations.filter((e) => e.projectCode === code).map((e) => e.publicationId).sort();
    const perProject = (await (await call('/api/public/projects/{code}/evaluations', { code })).json()) as { evaluations: { publicationId: number }[] };
    expect(perProject.evaluations.map((e) => e.publicationId).sort()).toEqual(mine);
  });

  it('refuses an unreadable cursor, limit or filter with a 400 naming it, never a 500', async () => {
    const cases: [string, string, string][] = [
      ['/api/public/projects', '?cursor=not%20base64', 'cursor'],
      ['/api/public/projects', `?cursor=${encodeCursor([42])}`, 'cursor'],
      ['/api/public/projects', `?cursor=${Buffer.from('{"a":').toString('base64url')}`, 'cursor'],
      ['/api/public/projects', '?limit=0', 'limit'],
      ['/api/public/projects', '?limit=501', 'limit'],
      ['/api/public/projects', '?type=castle', 'type'],
      ['/api/public/projects', '?year=19', 'year'],
      ['/api/public/projects', '?sort=name', 'sort'],
      ['/api/public/transfers', `?cursor=${encodeCursor(['2026-13', 1])}`, 'cursor'],
      ['/api/public/transfers', '?cursor=AAAA', 'cursor'],
      ['/api/public/transfers', '?limit=10&page=2', 'limit'],
      ['/api/public/transfers', '?limit=1001', 'limit'],
      ['/api/public/publications', `?cursor=${encodeCursor(['2026-01-01', 1])}`, 'cursor'],
      ['/api/public/publications', `?cursor=${encodeCursor(['2026-01-01T00:00:00Z', 1])}&page=1`, 'cursor'],
      ['/api/public/evaluations', `?cursor=${encodeCursor(['G1-13', 2024])}`, 'cursor'],
      ['/api/public/evaluations', '?grade=great', 'grade'],
      ['/api/public/programmes', '?level=galactic', 'level'],
      ['/api/public/counties', '?page=2', 'page'],
      ['/api/public/payees', '?format=xlsx', 'format'],
    ];
    for (const [apiPath, query, field] of cases) {
      const res = await call(apiPath, {}, query);
      expect(res.status, `${apiPath}${query}`).toBe(400);
      const body = errorSchema.parse(await res.json());
      expect(body.error.code, `${apiPath}${query}`).toBe('bad_request');
      expect(Object.keys(body.error.fieldErrors ?? {}), `${apiPath}${query}`).toContain(field);
      expect(body.error.fieldErrors?.[field], `${apiPath}${query}: a message, not a key`).not.toMatch(/^errors\./);
    }
  });

  it('answers an unknown or malformed code with a 404 and the JSON problem body', async () => {
    for (const apiPath of DOCUMENTED_ENDPOINTS.map((e) => e.path).filter((p) => p.includes('{'))) {
      const name = /\{(\w+)\}/.exec(apiPath)![1]!;
      for (const value of ['NO-SUCH-CODE', 'a_b', '999999999']) {
        const res = await call(apiPath, { [name]: value });
        expect(res.status, `${apiPath} ${value}`).toBe(404);
        expect(errorSchema.parse(await res.json()).error.code, apiPath).toBe('not_found');
      }
    }
    // An organisation is not a payee, a payee is not a county.
    expect((await call('/api/public/payees/{code}', { code: '140300-CZJ' })).status).toBe(404);
  });

  it("sums to the public pages' figures, and a withheld transfer line is in no answer and no total", async () => {
    const lines = (await walk('/api/public/transfers', 'limit=1000', (b) => (b as z.output<typeof transferCursorListSchema>).transfers, transferCursorListSchema)).rows;
    const received = new Map<string, bigint>();
    for (const l of lines) received.set(recipientOf(l), (received.get(recipientOf(l)) ?? 0n) + net(l));

    const counties = countyListSchema.parse(await (await call('/api/public/counties')).json());
    const overview = await getMoneyOverview(t.db);
    expect(counties.counties.map((c) => c.code)).toEqual(overview.counties.map((c) => c.code));
    for (const c of counties.counties) {
      const page = (await getCountyMoney(c.code, t.db))!;
      const pageTotal = FUND_LEVELS.reduce((s, l) => s + page.received[l], 0n);
      expect(BigInt(c.receivedFen), c.code).toBe(received.get(c.code) ?? 0n);
      expect(BigInt(c.receivedFen), c.code).toBe(pageTotal);
      expect(BigInt(c.receivedFen), c.code).toBe(overview.counties.find((o) => o.code === c.code)!.fen);
      const one = countySchema.parse(await (await call('/api/public/counties/{code}', { code: c.code })).json());
      expect(one.receivedFen, c.code).toBe(c.receivedFen);
      expect(one.passedOnFen, c.code).toBe(c.toProjectsFen);
    }
    const projects = (await walk('/api/public/projects', 'limit=500', (b) => (b as z.output<typeof projectListSchema>).projects, projectListSchema)).rows;
    for (const p of projects) expect(BigInt(p.receivedFen), p.code).toBe(received.get(p.code) ?? 0n);
    const payees = payeeListSchema.parse(await (await call('/api/public/payees')).json()).payees;
    expect(payees.length).toBeGreaterThan(0);
    for (const p of payees) expect(BigInt(p.receivedFen), p.code).toBe(received.get(p.code));

    // The demo withholds one allocation to a county: gone from every answer and every total.
    const [withheld] = rowsOf<{ id: number; amount_fen: string; to_code: string }>(
      await t.db.execute(sql`select t.id, t.amount_fen::text, o.code as to_code from active_withholdings w join transfers t on t.id = w.item_id
        join holders h on h.id = t.to_holder_id join organisations o on o.id = h.organisation_id where w.item_type = 'transfer'`),
    );
    expect(withheld, 'the demo withholds one transfer').toBeDefined();
    expect(lines.map((l) => l.transferId)).not.toContain(withheld!.id);
    const [ledger] = rowsOf<{ fen: string }>(
      await t.db.execute(sql`select sum(t.amount_fen)::text as fen from transfers t join holders h on h.id = t.to_holder_id join organisations o on o.id = h.organisation_id
        where o.code = ${withheld!.to_code} and t.kind = 'allocation'`),
    );
    const county = counties.counties.find((c) => c.code === withheld!.to_code)!;
    expect(BigInt(ledger!.fen) - BigInt(county.receivedFen), 'the working tables hold exactly the withheld line more').toBe(BigInt(withheld!.amount_fen));
    const answers = [
      JSON.stringify(counties),
      await (await call('/api/public/counties/{code}', { code: withheld!.to_code })).text(),
      await (await call('/api/public/transfers', {}, `?county=${withheld!.to_code}&pageSize=1000`)).text(),
      await (await call('/api/public/programmes')).text(),
      await (await call('/api/public/payees')).text(),
    ];
    for (const answer of answers) expect(answer).not.toMatch(new RegExp(`"transferId":${withheld!.id}[,}]`));
    for (const p of [...new Set(lines.filter((l) => l.to.kind === 'payee').map((l) => l.to.code))].slice(0, 5)) {
      const payee = payeeSchema.parse(await (await call('/api/public/payees/{code}', { code: p })).json());
      expect(payee.payments.map((x) => x.transferId)).not.toContain(withheld!.id);
    }
    const detail = projectSchema.parse(await (await call('/api/public/projects/{code}', { code: projects[0]!.code })).json());
    expect(detail.project.code).toBe(projects[0]!.code);
  });
});
