#!/usr/bin/env node
// Benchmark: the bulk exports (/api/public/bulk/transfers, CSV and JSON) of BENCH_LINES (100,000)
// published transfer lines through the real server, with the server's resident memory (VmRSS of
// /proc/<pid>/status, the Next process under the launcher) before, at its peak while streaming
// (sampled every 50 ms) and after. Prints figures; the target is growth under 50 MB.
//
// The database: a fresh PGlite folder (or, with BENCH_DATABASE_URL, a fresh PostgreSQL database)
// migrated and seeded with the reference data only (SEED_DEMO=false, lib/cli/db.ts), then filled in
// SQL alone (tests/bench/bulk-data.mjs: generate_series builds the allocation results' JSON, 500
// lines a document), before the server opens it. 100,000 lines take about 20 s on PGlite.
import { execFileSync } from 'node:child_process';
import { benchLinesSql } from './bulk-data.mjs';
import { root, startPortal } from './server.mjs';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const PER_DOCUMENT = 500;
const PORT = Number(process.env.BENCH_PORT ?? 3398);
const GROWTH_LIMIT_MB = 50;

async function fill({ dataDir, databaseUrl }) {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SEED_DEMO: 'false' };
  execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/db.ts', 'seed'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const started = performance.now();
  const fillSql = benchLinesSql(Math.ceil(LINES / PER_DOCUMENT), PER_DOCUMENT);
  if (databaseUrl) {
    const { default: postgres } = await import('postgres');
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await sql.unsafe(fillSql);
    await sql.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(dataDir);
    await db.exec(fillSql);
    await db.close();
  }
  console.log(`  filled ${Math.ceil(LINES / PER_DOCUMENT) * PER_DOCUMENT} lines in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const portal = await startPortal({ port: PORT, env: { SEED_DEMO: 'false' }, prepare: fill });
const { base, rssMb } = portal;
console.log(`bulk export benchmark (${portal.driver}, server pid ${portal.pid})`);

// Warm the routes (the first request loads their code), then let the server settle.
for (const path of ['/api/public/transfers?pageSize=1', '/api/public/bulk/publications?format=json']) await (await fetch(`${base}${path}`)).arrayBuffer();
await new Promise((r) => setTimeout(r, 1000));

async function measure(format) {
  const before = rssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const started = performance.now();
  const res = await fetch(`${base}/api/public/bulk/transfers?format=${format}`);
  if (!res.ok) throw new Error(`${format}: HTTP ${res.status}`);
  let bytes = 0;
  let newlines = 0;
  let tail = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 0x0a) newlines++;
    tail = (tail + decoder.decode(chunk, { stream: true })).slice(-200);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 500));
  const after = rssMb();
  // CSV: a header line and a line a row; JSON: "[", a line a row, "]".
  const rows = format === 'csv' ? newlines - 1 : newlines - 2;
  if (/#error|"error"/.test(tail)) throw new Error(`${format}: the export ended with an error: ${tail}`);
  const growth = peak - before;
  console.log(`  ${format.padEnd(4)} ${rows} rows, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${(ms / 1000).toFixed(1)} s (${Math.round((rows / ms) * 1000)} rows/s)`);
  console.log(`       server RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB: growth ${growth.toFixed(0)} MB, ${growth < GROWTH_LIMIT_MB ? 'under' : 'NOT under'} ${GROWTH_LIMIT_MB} MB`);
  if (rows < LINES) throw new Error(`${format}: ${rows} rows, expected at least ${LINES}`);
  return growth;
}

const growths = [await measure('csv'), await measure('json')];
console.log(`  target: RSS growth < ${GROWTH_LIMIT_MB} MB while streaming ${growths.every((g) => g < GROWTH_LIMIT_MB) ? 'met' : 'MISSED'}`);
portal.stop();
process.exit(0);
