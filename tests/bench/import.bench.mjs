#!/usr/bin/env node
// Benchmark: 10,000 transfer rows imported through the real server (HTTP, streamed commit), with the
// server's resident memory sampled from /proc. Prints figures; targets: < 10 s, < 300 MB.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, buildState } from '../../lib/cli/build.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 3399);
const base = `http://127.0.0.1:${PORT}`;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-bench-'));

if (buildState(root) !== 'current' && build(root) !== 0) throw new Error('the build failed');

// BENCH_DATABASE_URL (a local PostgreSQL server) runs the same benchmark on a fresh database there.
let databaseUrl = '';
let dropDatabase = () => {};
if (process.env.BENCH_DATABASE_URL) {
  const { default: postgres } = await import('postgres');
  const admin = postgres(process.env.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = `yq_bench_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(process.env.BENCH_DATABASE_URL);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  dropDatabase = () => {
    try {
      execFileSync('psql', [process.env.BENCH_DATABASE_URL, '-qc', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
    } catch {}
  };
}

const server = spawn(process.execPath, ['lib/cli/start.mjs', '--no-build'], {
  cwd: root,
  env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
  // Its own process group: start.mjs runs `next start` as a child, and both are stopped together.
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {}
  fs.rmSync(dataDir, { recursive: true, force: true });
  dropDatabase();
};
process.on('exit', stop);

/** Resident memory of the Next server: the processes under start.mjs (not the wrapper itself). */
const descendants = (pid) => {
  let children = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {}
  return children.flatMap((c) => [c, ...descendants(c)]);
};
const rssMb = () =>
  descendants(server.pid).reduce((sum, pid) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return sum + (m ? Number(m[1]) / 1024 : 0);
    } catch {
      return sum;
    }
  }, 0);

async function waitHealthy() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

async function signIn(username, password) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('session-token'));
  if (!session) throw new Error('sign-in failed');
  return [...cookies, session].join('; ');
}

function csv(rows) {
  const counties = ['140302', '140303', '140311', '140321', '140322'];
  const lines = ['专项资金编码,拨出单位,接收单位,金额（元）,日期,文号,类型,备注'];
  for (let i = 0; i < rows; i++) lines.push(`DEMO-2026-CN,140300-CZJ,${counties[i % 5]},${1 + Math.floor(i / 100)}.${String(i % 100).padStart(2, "0")},2026-06-01,阳财建〔2026〕${1000 + Math.floor(i / 100)}号,下达,bench ${i}`);
  return lines.join('\r\n');
}

async function post(cookie, mode, file, mapping) {
  const fd = new FormData();
  fd.set('file', new Blob([file]), 'bench.csv');
  fd.set('mode', mode);
  fd.set('target', 'transfers');
  if (mapping) fd.set('mapping', JSON.stringify(mapping));
  return fetch(`${base}/api/import`, { method: 'POST', body: fd, headers: { cookie } });
}

await waitHealthy();
const cookie = await signIn('officer', 'Demo-2026!');
const file = csv(ROWS);
const idleRss = rssMb();
let peak = idleRss;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);

let t0 = performance.now();
const preview = await (await post(cookie, 'preview', file)).json();
const previewMs = performance.now() - t0;
if (preview.errors?.length || preview.validRows !== ROWS) throw new Error(`preview found problems: ${JSON.stringify(preview).slice(0, 400)}`);

t0 = performance.now();
const res = await post(cookie, 'commit', file, preview.mapping);
const text = await res.text();
const commitMs = performance.now() - t0;
clearInterval(sampler);
const last = JSON.parse(text.trim().split('\n').at(-1));
if (last.type !== 'result' || last.written !== ROWS) throw new Error(`commit failed: ${text.slice(-400)}`);

console.log(`import benchmark (${ROWS} rows, CSV ${(file.length / 1024).toFixed(0)} KiB, ${databaseUrl ? 'PostgreSQL' : 'PGlite'}, one server process)`);
console.log(`  preview (parse + validate every cell): ${previewMs.toFixed(0)} ms`);
console.log(`  commit (validate again + one transaction): ${commitMs.toFixed(0)} ms  (${((ROWS / commitMs) * 1000).toFixed(0)} rows/s)`);
console.log(`  server RSS: idle ${idleRss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
console.log(`  targets: commit < 10000 ms ${commitMs < 10_000 ? 'met' : 'MISSED'}; peak RSS < 300 MB ${peak < 300 ? 'met' : 'MISSED'}`);
process.exit(0);
