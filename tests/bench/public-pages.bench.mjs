#!/usr/bin/env node
// Benchmark: what a crowd of citizens gets from the public pages. Requests/s and p99 at 50
// connections for the home page, a project page, the project list with a filter and a programme's
// public chain: each served from the response cache, and each rendered per request (a reader the
// cache must not serve, as a signed-in one), next to the rate of Next's own prerendered route.
// Target: cached public pages reach at least 80% of the prerendered rate. Figures, not pass/fail.
import { load } from './load.mjs';
import { startPortal } from './server.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3398);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Credentials make the cache step aside (it never serves a reader who may be signed in); the portal
// ignores this header, so the page renders as for an anonymous reader.
const UNCACHED = { authorization: 'Bench rendered-per-request' };

const portal = await startPortal({ port: PORT });
const { base } = portal;

/** The first public project with money and one of the programmes whose chain reaches it. */
async function targets() {
  const list = await (await fetch(`${base}/projects?sort=received&dir=desc`)).text();
  const project = /href="\/projects\/([A-Za-z0-9-]+)"/.exec(list)?.[1];
  if (!project) throw new Error('no public project in the demo');
  const page = await (await fetch(`${base}/projects/${project}`)).text();
  const programme = /data-programme="([^"]+)"/.exec(page)?.[1];
  if (!programme) throw new Error(`no chain on /projects/${project}`);
  return [
    ['home', '/'],
    ['project page', `/projects/${project}`],
    ['project list, filtered', '/projects?county=140322&sort=received&dir=desc'],
    ['programme chain', `/programmes/${programme}`],
  ];
}

const fmt = (r) => `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms${r.errors ? `  errors ${r.errors}` : ''}  ${JSON.stringify(r.statuses)}`;

const pages = await targets();
console.log(`public pages benchmark (${portal.driver}, one server process, ${CONNECTIONS} connections, ${SECONDS} s each, load generator on the same machine)`);
// Warm-up: the first renders compile nothing (production build) but fill the database's caches.
for (const [, path] of pages) await load(`${base}${path}`, { connections: 4, seconds: 1 });

const prerendered = await load(`${base}/api/openapi.json`, { connections: CONNECTIONS, seconds: SECONDS });
console.log(`  ${'prerendered /api/openapi.json'.padEnd(34)} ${fmt(prerendered)}`);
const rows = [];
for (const [name, path] of pages) {
  const cached = await load(`${base}${path}`, { connections: CONNECTIONS, seconds: SECONDS });
  const rendered = await load(`${base}${path}`, { connections: CONNECTIONS, seconds: SECONDS, headers: UNCACHED });
  console.log(`  ${`${name}, cached`.padEnd(34)} ${fmt(cached)}`);
  console.log(`  ${`${name}, rendered per request`.padEnd(34)} ${fmt(rendered)}`);
  rows.push([name, cached.rps / prerendered.rps]);
}
console.log(`  server RSS after the runs: ${portal.rssMb().toFixed(0)} MB`);
for (const [name, ratio] of rows) console.log(`  target: ${name} cached at >= 80% of the prerendered rate: ${(ratio * 100).toFixed(0)}% ${ratio >= 0.8 ? 'met' : 'MISSED'}`);
process.exit(0);
