// The built portal started as `npm start` runs it (the launcher, its preload, `next start`), on a
// fresh PGlite folder or, with BENCH_DATABASE_URL (a local PostgreSQL server), a fresh database
// there; everything it made is removed when the benchmark exits.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, buildState } from '../../lib/cli/build.mjs';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

async function freshDatabase() {
  if (!process.env.BENCH_DATABASE_URL) return { url: '', drop: () => {} };
  const { default: postgres } = await import('postgres');
  const admin = postgres(process.env.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = `yq_bench_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(process.env.BENCH_DATABASE_URL);
  u.pathname = `/${name}`;
  const drop = () => {
    try {
      execFileSync('psql', [process.env.BENCH_DATABASE_URL, '-qc', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
    } catch {}
  };
  return { url: u.toString(), drop };
}

/** Resident memory of the processes under `pid` (the Next server under the launcher), in MB. */
function rssUnder(pid) {
  const descendants = (p) => {
    let children = [];
    try {
      children = fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {}
    return children.flatMap((c) => [c, ...descendants(c)]);
  };
  return descendants(pid).reduce((sum, p) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      return sum + (m ? Number(m[1]) / 1024 : 0);
    } catch {
      return sum;
    }
  }, 0);
}

/**
 * `prepare({ dataDir, databaseUrl })`, when given, runs before the server starts, on its fresh
 * PGlite folder or PostgreSQL database (one process per PGlite folder: the server is not up yet).
 */
export async function startPortal({ port, env = {}, prepare }) {
  if (buildState(root) !== 'current' && build(root) !== 0) throw new Error('the build failed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-bench-'));
  const database = await freshDatabase();
  if (prepare) {
    try {
      await prepare({ dataDir, databaseUrl: database.url });
    } catch (e) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      database.drop();
      throw e;
    }
  }
  const server = spawn(process.execPath, ['lib/cli/start.mjs', '--no-build'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group: start.mjs runs `next start` as a child, and both are stopped together.
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
    fs.rmSync(dataDir, { recursive: true, force: true });
    database.drop();
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (i > 900) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, driver: database.url ? 'PostgreSQL' : 'PGlite', rssMb: () => rssUnder(server.pid), pid: server.pid, stop };
}
