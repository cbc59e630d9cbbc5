import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';
import { ACCOUNT_ROUTES, BUDGET_KB, htmlScripts, isBudgeted, KB, publicPageWeights, publicRoutes, routeScripts } from '../tests/bench/page-weight-measure.mjs';

/**
 * The browser never receives the database schema: client code takes codes and types from
 * lib/domain/vocabulary, never from db/schema. Reads the build that `npm test` makes before
 * this suite (`.next/static/chunks`, what browsers download) and looks for Drizzle's runtime
 * and for the names of the schema's constraints and indexes.
 */
const chunksDir = path.resolve(__dirname, '..', '.next', 'static', 'chunks');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Strings that exist only where a table definition was bundled: drizzle-orm's pg-core classes and this schema's constraint names. */
function schemaMarkers(): string[] {
  const drizzleRuntime = ['drizzle:Name', 'drizzle:Columns', 'drizzle:ExtraConfigBuilder', '"PgTable"', '"PgColumn"'];
  const constraintNames = Object.values(schema)
    .filter((value) => is(value, PgTable))
    .flatMap((table) => {
      const config = getTableConfig(table as PgTable);
      return [...config.checks.map((c) => c.name), ...config.indexes.map((i) => i.config.name).filter((n): n is string => !!n)];
    });
  return [...drizzleRuntime, ...constraintNames];
}

test('no client chunk contains the Drizzle table definitions', () => {
  expect(fs.existsSync(chunksDir), `${chunksDir} is missing: run \`npx next build\` first`).toBe(true);
  const chunks = filesUnder(chunksDir).filter((f) => f.endsWith('.js'));
  const markers = schemaMarkers();
  // Guards against a check that passes because it looked at nothing.
  expect(chunks.length).toBeGreaterThan(10);
  expect(markers).toContain('transfers_amount_range');

  const found = chunks.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return markers.filter((m) => text.includes(m)).map((m) => `${path.relative(chunksDir, file)}: ${m}`);
  });
  expect(found).toEqual([]);
});

/**
 * Issue #13 item 9: the JavaScript a citizen page ships stays under 150 KB gzipped: every
 * app/(public) route but the account pages (/signin, /password/[token]: ACCOUNT_ROUTES), which
 * readers of the public record never need and which are measured but not held to the budget. It is
 * read from the build's manifests for every app/(public) route (tests/bench/page-weight-measure.mjs; `npm run
 * bench` prints the figures), after checking that they name exactly the scripts the served pages load.
 */
const root = path.resolve(__dirname, '..');

/** The demo's closed audit finding, as the public list links it. */
async function firstPublicFinding(request: APIRequestContext): Promise<string> {
  const href = /href="(\/findings\/\d+)"/.exec(await (await request.get('/findings')).text())?.[1];
  expect(href, 'a published finding').toBeTruthy();
  return href!;
}

/** One URL of each public route that renders without a secret; the password route needs a live link, so only the manifest counts for it. */
async function servedPages(request: APIRequestContext): Promise<[string, string][]> {
  const { allocations } = (await (await request.get('/api/public/allocations')).json()) as { allocations: { batchId: number }[] };
  type Listed = { url: string; content?: { lines?: { to: { code: string; kind: string } }[] } };
  const { publications } = (await (await request.get('/api/public/publications?kind=allocation_result&programme=DEMO-2025-YQ&pageSize=200')).json()) as { publications: Listed[] };
  const payee = publications.flatMap((p) => p.content?.lines ?? []).find((l) => l.to.kind === 'payee')?.to.code;
  expect(allocations.length, 'a published allocation').toBeGreaterThan(0);
  expect(payee, 'a payee on a published transfer').toBeTruthy();
  return [
    ['/', '/'],
    ['/projects', '/projects'],
    ['/projects/[code]', '/projects/G1-13'],
    ['/counties/[code]', '/counties/140322'],
    ['/payees/[code]', `/payees/${encodeURIComponent(payee!)}`],
    ['/programmes/[code]', '/programmes/DEMO-2025-CN'],
    ['/catalogue', '/catalogue'],
    ['/allocations', '/allocations'],
    ['/allocations/[batchId]', `/allocations/${allocations[0]!.batchId}`],
    ['/targets', '/targets'],
    ['/data', '/data'],
    ['/api/docs', '/api/docs'],
    ['/disclosure', '/disclosure'],
    ['/disclosure/publications/[id]', new URL(publications[0]!.url, 'http://x').pathname],
    ['/disclosure/withheld', '/disclosure/withheld'],
    ['/disclosure/completeness', '/disclosure/completeness'],
    ['/disclosure/audit-checkpoints', '/disclosure/audit-checkpoints'],
    ['/findings', '/findings'],
    ['/findings/[id]', await firstPublicFinding(request)],
    ['/feedback', '/feedback'],
    ['/feedback/[trackingCode]', '/feedback/YQ-DEM0000001'],
    ['/feedback/stats', '/feedback/stats'],
    // A mail link's page answers an unknown token with its message, loading the route's scripts all the same.
    ['/follow/confirm/[token]', '/follow/confirm/no-such-link'],
    ['/follow/leave/[token]', '/follow/leave/no-such-link'],
    ['/ratings/confirm/[token]', '/ratings/confirm/no-such-link'],
    ['/signin', '/signin'],
  ];
}

test('the build’s manifests name exactly the scripts each public page’s HTML loads', async ({ request }) => {
  const routes = publicRoutes(root);
  const pages = await servedPages(request);
  // Every public route but the password one is served and compared.
  expect(routes.filter((r) => !pages.some(([route]) => route === r))).toEqual(['/password/[token]']);
  for (const [route, url] of pages) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    const served = htmlScripts(await res.text()).sort();
    expect(served.length, url).toBeGreaterThan(3);
    expect(served, `${url} loads what ${route}'s manifest names`).toEqual(routeScripts(root, route).sort());
  }
});

test('no citizen page type ships more than 150 KB of gzipped JavaScript', () => {
  const weights = publicPageWeights(root);
  expect(weights.length).toBeGreaterThanOrEqual(15);
  // The exemption names routes that exist, so a renamed account page cannot hide a citizen page.
  expect(ACCOUNT_ROUTES.filter((r) => !weights.some((w) => w.route === r))).toEqual([]);
  // Plausible figures: React and the router alone are well over 50 KB gzipped, and gzip shrinks them at least twofold.
  for (const w of weights) {
    expect(w.scripts, w.route).toBeGreaterThan(3);
    expect(w.gz, w.route).toBeGreaterThan(50 * KB);
    expect(w.gz, w.route).toBeLessThan(w.raw / 2);
  }
  const over = weights.filter((w) => isBudgeted(w.route) && w.gz > BUDGET_KB * KB).map((w) => `${w.route}: ${(w.gz / KB).toFixed(1)} KB`);
  expect(over, `over ${BUDGET_KB} KB gzipped`).toEqual([]);
});
