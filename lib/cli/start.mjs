#!/usr/bin/env node
// `npm start`: checks what the portal needs (Node version, a reachable database or a writable
// PGlite folder nobody else holds), builds when there is no build or the sources changed since it,
// then runs `next start` as a child and mirrors its fate. The server itself opens, migrates and
// seeds the database at start (instrumentation.ts); this script only waits for it to answer to
// print where it is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildState, nextBin, projectRoot } from './build.mjs';

process.chdir(projectRoot);

const fail = (message) => {
  console.error(`start-up failed: ${message}`);
  process.exit(1);
};

function describeUrl(url) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function checkNode() {
  const wanted = JSON.parse(fs.readFileSync('package.json', 'utf8')).engines?.node ?? '';
  const min = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(wanted.trim());
  if (!min) return;
  const have = process.versions.node.split('.').map(Number);
  const need = [Number(min[1]), Number(min[2] ?? 0), Number(min[3] ?? 0)];
  const diff = have.map((n, i) => n - need[i]).find((d) => d !== 0) ?? 0;
  if (diff < 0) fail(`Node ${process.versions.node} is too old: the portal needs Node ${wanted}`);
}

function checkInstalled() {
  try {
    return nextBin();
  } catch {
    fail('dependencies are not installed: run npm ci');
  }
}

/** The pid in the folder's owner file if that process still runs (see db/data-dir-owner.ts). */
function folderOwner(dir) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(dir, 'portal-owner.pid'), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return e?.code === 'EPERM' ? pid : null;
  }
}

async function checkDatabase() {
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
  const owner = folderOwner(dir);
  if (owner) fail(`DATA_DIR ${dir} is in use by process ${owner} (a running portal server or db script); stop it first`);
}

/** Prints the address once the server answers; the answer triggers no work (start-up is done by then). */
async function announceWhenListening(port, child) {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 180_000;
  while (!exited && Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        console.log(`Portal ready at http://localhost:${port} (database: ${body.database?.driver}, migrations: ${body.database?.migrations})`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!exited) console.error(`the portal has not answered on port ${port} within 180 s; still waiting on it`);
}

checkNode();
const next = checkInstalled();
await checkDatabase();
if (!process.argv.includes('--no-build')) {
  const state = buildState();
  if (state !== 'current') {
    console.log(state === 'missing' ? 'Building the portal (no build yet)…' : 'Building the portal (the sources changed since the last build)…');
    if (build() !== 0) fail('the build failed; see above');
  }
}

const port = process.env.PORT || '3000';
// The preload stamps each request with its socket address (lib/auth/peer-address.mjs) and puts the public response cache in front of Next (lib/cache/response-cache.mjs).
const preload = pathToFileURL(path.join(projectRoot, 'lib', 'cli', 'server-preload.mjs')).href;
// Idle keep-alive sockets outlive a reverse proxy's (commonly 60 s), so the proxy, never this server, closes them: otherwise a request sent on a socket the server is just closing is reset.
const keepAliveMs = process.env.KEEP_ALIVE_TIMEOUT_MS || '65000';
const child = spawn(process.execPath, ['--import', preload, next, 'start', '-p', port, '--keepAliveTimeout', keepAliveMs, ...(process.env.HOSTNAME_BIND ? ['-H', process.env.HOSTNAME_BIND] : [])], {
  stdio: 'inherit',
  env: { ...process.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}` },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 1)));
announceWhenListening(port, child);
