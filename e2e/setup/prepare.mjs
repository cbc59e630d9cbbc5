#!/usr/bin/env node
/*
 * Before Playwright starts its servers: the production build and one seeded embedded database,
 * made side by side. Each e2e server then starts from a copy of that database instead of
 * replaying the demo history itself (about a minute and a half each on two cores). The copy is
 * used only when it was seeded from the very sources being tested (serve.mjs checks the mark).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, sourceFingerprint } from '../../lib/cli/build.mjs';
import { SEED_DIR, SEED_MARK } from './seed-copy.mjs';

function run(label, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (stream, out) => {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines) out.write(`[${label}] ${line}\n`);
      });
      stream.on('end', () => rest && out.write(`[${label}] ${rest}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${label} failed (${signal ?? `exit ${code}`})`))));
  });
}

fs.rmSync(SEED_DIR, { recursive: true, force: true });
const fingerprint = sourceFingerprint();
try {
  await Promise.all([
    run('build', [path.join('lib', 'cli', 'build.mjs')]),
    run('seed', ['--conditions=react-server', '--import', 'tsx', path.join('lib', 'cli', 'db.ts'), 'seed'], { DATA_DIR: SEED_DIR, DATABASE_URL: '' }),
  ]);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
fs.writeFileSync(SEED_MARK, fingerprint);
