#!/usr/bin/env node
// Benchmark: 10,000 transfer rows imported through the real server (HTTP, streamed commit), with the
// server's resident memory sampled from /proc. Prints figures; targets: < 10 s, < 300 MB.
import { startPortal } from './server.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 3399);

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

const portal = await startPortal({ port: PORT });
const { base, rssMb } = portal;
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

console.log(`import benchmark (${ROWS} rows, CSV ${(file.length / 1024).toFixed(0)} KiB, ${portal.driver}, one server process)`);
console.log(`  preview (parse + validate every cell): ${previewMs.toFixed(0)} ms`);
console.log(`  commit (validate again + one transaction): ${commitMs.toFixed(0)} ms  (${((ROWS / commitMs) * 1000).toFixed(0)} rows/s)`);
console.log(`  server RSS: idle ${idleRss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
console.log(`  targets: commit < 10000 ms ${commitMs < 10_000 ? 'met' : 'MISSED'}; peak RSS < 300 MB ${peak < 300 ? 'met' : 'MISSED'}`);
process.exit(0);
