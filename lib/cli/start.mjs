#!/usr/bin/env node
// `npm start`: builds when the build is missing or stale, checks the database settings, then runs
// `next start` in this process and warms it up so migrations and the seed run at once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
process.chdir(root);

const fail = (message) => {
  console.error(`start-up failed: ${message}`);
  process.exit(1);
};

const SOURCE_DIRS = ['app', 'components', 'lib', 'db'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'next.config.js', 'tsconfig.json'];

function newestSourceMtime() {
  let newest = 0;
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of SOURCE_DIRS) if (fs.existsSync(d)) walk(d);
  for (const f of SOURCE_FILES) if (fs.existsSync(f)) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  return newest;
}

function buildIfNeeded() {
  const marker = path.join('.next', 'BUILD_ID');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= newestSourceMtime()) return;
  console.log('Building the portal (first start or changed sources)…');
  execFileSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { stdio: 'inherit' });
}

function describeUrl(url) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

async function preflight() {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const { default: postgres } = await import('postgres');
    const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
    try {
      await sql`select 1`;
    } catch (e) {
      fail(`cannot reach PostgreSQL at ${describeUrl(url)}: ${(e?.message ?? String(e)).replaceAll(url, describeUrl(url))}`);
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
    return;
  }
  // PGlite: only check the folder here; the server process is the folder's one owner.
  const dir = path.resolve(process.env.DATA_DIR?.trim() || './data');
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (e) {
    fail(`DATA_DIR ${dir} is not writable (${e?.code ?? e?.message ?? e})`);
  }
}

async function warmUp(port) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        console.log(`Portal ready at http://localhost:${port} (database: ${body.database?.driver}, migrations: ${body.database?.migrations})`);
        return;
      }
      if (res.status === 503) fail('the database could not be opened or migrated; see the log above');
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  fail('the portal did not become healthy within 120 s');
}

if (!process.argv.includes('--no-build')) buildIfNeeded();
await preflight();
const port = process.env.PORT || '3000';
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
// Route handlers get no socket address from Next: stamp it on each request (see lib/auth/peer-address.mjs).
(await import('../auth/peer-address.mjs')).installPeerAddressHeader();
process.argv = [process.argv[0], require.resolve('next/dist/bin/next'), 'start', '-p', port, ...(process.env.HOSTNAME_BIND ? ['-H', process.env.HOSTNAME_BIND] : [])];
require('next/dist/bin/next');
warmUp(port);
