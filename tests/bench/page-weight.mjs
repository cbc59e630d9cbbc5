#!/usr/bin/env node
// Benchmark: the JavaScript each public page type ships, gzipped, against issue #13 item 9's budget
// (150 KB, 1 KB = 1024 bytes). Reads the production build (built first when missing or stale).
// Figures, not pass/fail: e2e/client-bundle.spec.ts is the test that holds the budget.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildState } from '../../lib/cli/build.mjs';
import { BUDGET_KB, isBudgeted, KB, publicPageWeights } from './page-weight-measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
if (buildState(root) !== 'current' && build(root) !== 0) throw new Error('the build failed');

const rows = publicPageWeights(root);
const kb = (bytes) => (bytes / KB).toFixed(1);
console.log(`JavaScript a public page loads (production build, gzip level 6; budget ${BUDGET_KB} KB gzipped for citizen pages)`);
console.log(`  ${'page type'.padEnd(32)} ${'scripts'.padStart(7)} ${'KB raw'.padStart(8)} ${'KB gz'.padStart(7)} ${'budget'.padStart(7)}  verdict`);
for (const r of rows) {
  const verdict = !isBudgeted(r.route) ? 'account page, not budgeted' : r.gz <= BUDGET_KB * KB ? 'within' : `over by ${kb(r.gz - BUDGET_KB * KB)} KB`;
  console.log(`  ${r.route.padEnd(32)} ${String(r.scripts).padStart(7)} ${kb(r.raw).padStart(8)} ${kb(r.gz).padStart(7)} ${String(BUDGET_KB).padStart(7)}  ${verdict}`);
}
