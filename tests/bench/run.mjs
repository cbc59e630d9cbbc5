#!/usr/bin/env node
// `npm run bench`: the benchmarks one after the other, each printing its own figures, each
// stopped (with everything it started) if it runs past BENCH_TIMEOUT_S seconds (default 600).
// Figures, not pass/fail: the machine is shared and noisy. Sizes: BENCH_ROWS (import, 10000),
// BENCH_ALLOCATIONS and BENCH_APPLICATIONS (public read model, 500 and 100).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 600) * 1000;
const tsx = ['--import', 'tsx'];

const BENCHMARKS = [
  { name: 'allocation formula', args: [...tsx, 'tests/bench/formula.bench.ts'] },
  {
    name: 'public read model and inbox',
    args: ['--conditions=react-server', ...tsx, 'tests/bench/public-read.bench.ts', process.env.BENCH_ALLOCATIONS ?? '500', process.env.BENCH_APPLICATIONS ?? '100'],
  },
  { name: 'import through the server', args: ['tests/bench/import.bench.mjs'] },
  { name: 'public pages under load', args: ['tests/bench/public-pages.bench.mjs'] },
  { name: 'bulk export streaming', args: ['tests/bench/bulk-export.bench.mjs'] },
  { name: 'JavaScript per public page', args: ['tests/bench/page-weight.mjs'] },
];

function run({ name, args }) {
  console.log(`\n== ${name}: node ${args.join(' ')}`);
  const started = performance.now();
  return new Promise((resolve) => {
    // Own process group, so a timeout also stops the server a benchmark started.
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', detached: true });
    const timer = setTimeout(() => {
      console.log(`== ${name}: stopped after ${timeoutMs / 1000} s`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      resolve({ name, outcome: code === 0 ? 'done' : signal ? `stopped (${signal})` : `failed (exit ${code})`, seconds });
    });
  });
}

const results = [];
for (const benchmark of BENCHMARKS) results.push(await run(benchmark));
console.log('\n== summary');
for (const r of results) console.log(`  ${r.name.padEnd(30)} ${r.outcome.padEnd(20)} ${r.seconds.padStart(7)} s`);
process.exit(results.every((r) => r.outcome === 'done') ? 0 : 1);
