import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getDatabase, getDb, openDatabase } from '@/db';
import { openPglite, openPostgres, StartupError, type Database } from '@/db/client';
import { OWNER_FILE } from '@/db/data-dir-owner';
import { migrationLevel } from '@/db/migrate';
import * as s from '@/db/schema';
import { register } from '@/instrumentation';
import { startServer } from '@/lib/startup';

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['lib/cli/start.mjs', '--no-build'], { cwd: process.cwd(), env: { ...process.env, ...env, PORT: '3499' }, encoding: 'utf8', timeout: 30_000 });

describe('start-up refuses a database it cannot use, in one line that names the problem', () => {
  it('an unreachable DATABASE_URL, without the password', () => {
    const res = start({ DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/yq' });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^start-up failed: cannot reach PostgreSQL at postgres:\/\/app@127\.0\.0\.1:1\/yq/);
    expect(res.stderr + res.stdout).not.toContain('s3cret-pw');
  });

  it('an unwritable DATA_DIR', () => {
    const file = path.join(os.tmpdir(), `yq-not-a-dir-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      const res = start({ DATABASE_URL: '', DATA_DIR: path.join(file, 'data') });
      expect(res.status).toBe(1);
      expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^start-up failed: DATA_DIR .*yq-not-a-dir-\d+\/data is not writable \(ENOTDIR\)$/)]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('the same checks in the server process itself', async () => {
    const e = await openPostgres('postgres://app:s3cret-pw@127.0.0.1:1/yq').then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(StartupError);
    expect((e as Error).message).not.toContain('s3cret-pw');
    const file = path.join(os.tmpdir(), `yq-not-a-dir-b-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      const e2 = await openPglite(path.join(file, 'data')).then(() => null, (err: unknown) => err);
      expect(e2).toBeInstanceOf(StartupError);
      expect((e2 as Error).message).toMatch(/is not writable \(ENOTDIR\)/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

const root = process.cwd();
const made: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yq-${label}-`));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
const migrationCount = () => JSON.parse(fs.readFileSync(path.join(root, 'db/migrations/meta/_journal.json'), 'utf8')).entries.length as number;
/** `npm run db:migrate` / `npm run db:seed`, as package.json runs them. */
const dbScript = (command: 'migrate' | 'seed', env: Record<string, string>) =>
  spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/db.ts', command], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 300_000 });

describe('the composition root: instrumentation.ts opens, migrates and seeds once at server start', () => {
  const saved = { ...process.env };
  const opened: Database[] = [];
  afterEach(async () => {
    const handle = await globalThis.__yqDatabase?.catch(() => undefined);
    globalThis.__yqDatabase = undefined;
    clearInterval(globalThis.__yqOutboxTimer);
    globalThis.__yqOutboxTimer = undefined;
    for (const d of [handle, ...opened.splice(0)]) await d?.close().catch(() => {});
    process.env = { ...saved };
  });

  it('register() at start: one handle for the whole process, migrated, seeded exactly once, worker running', async () => {
    const dir = tempDir('root');
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', DATABASE_URL: '', DATA_DIR: dir, SEED_DEMO: 'false', OUTBOX_WORKER: '' });
    await expect(getDatabase()).rejects.toThrow(/no database is open/);

    await Promise.all([register(), register()]);
    await register();
    const database = await getDatabase();
    expect(await getDb()).toBe(database.db);
    expect(await getDatabase()).toBe(database);
    expect(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')).toBe(String(process.pid));
    expect(await migrationLevel(database.db)).toBe(migrationCount());
    const seeded = await database.db.select().from(s.auditLog).where(eq(s.auditLog.action, 'reference.seeded'));
    expect(seeded).toHaveLength(1);
    expect(globalThis.__yqOutboxTimer).toBeDefined();

    // A second PGlite on the folder is refused while this one holds it, in this process or another.
    const second = await openPglite(dir).then(() => null, (e: unknown) => e);
    expect(second).toBeInstanceOf(StartupError);
    expect((second as Error).message).toBe(`DATA_DIR ${dir} is in use by process ${process.pid} (a running portal server or db script); stop it first`);
    const other = dbScript('migrate', { DATA_DIR: dir });
    expect(other.status).toBe(1);
    expect(other.stderr.trim().split('\n')).toEqual([`db:migrate failed: DATA_DIR ${dir} is in use by process ${process.pid} (a running portal server or db script); stop it first`]);
  });

  it('opens once even when started again (hot reload), and leaves the worker off with OUTBOX_WORKER=off', async () => {
    let opens = 0;
    const open = async (env: NodeJS.ProcessEnv) => {
      opens++;
      const d = await openDatabase(env);
      opened.push(d);
      return d;
    };
    const env = { ...process.env, DATABASE_URL: '', DATA_DIR: tempDir('reload'), SEED_DEMO: 'false', OUTBOX_WORKER: 'off' };
    const [a, b] = await Promise.all([startServer({ env, open }), startServer({ env, open })]);
    const c = await startServer({ env, open });
    expect(opens).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(globalThis.__yqOutboxTimer).toBeUndefined();
  });

  it('the build phase and the edge runtime open nothing', async () => {
    Object.assign(process.env, { NEXT_RUNTIME: 'edge', DATABASE_URL: '', DATA_DIR: tempDir('edge') });
    await register();
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', NEXT_PHASE: 'phase-production-build' });
    await register();
    expect(globalThis.__yqDatabase).toBeUndefined();
    expect(fs.readdirSync(process.env.DATA_DIR!)).toEqual([]);
  });

  it('a server whose database cannot be opened exits with one line, without the password', () => {
    const dir = tempDir('fail');
    const serve = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', '-e', "require('./instrumentation.ts').register()"], {
        cwd: root,
        env: { ...process.env, NEXT_RUNTIME: 'nodejs', OUTBOX_WORKER: 'off', ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const res = serve({ DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/yq' });
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^start-up failed: cannot reach PostgreSQL at postgres:\/\/app@127\.0\.0\.1:1\/yq/)]);
    expect(res.stderr + res.stdout).not.toContain('s3cret-pw');
    fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
    const owned = serve({ DATABASE_URL: '', DATA_DIR: dir });
    expect(owned.status).toBe(1);
    expect(owned.stderr.trim().split('\n')).toEqual([`start-up failed: DATA_DIR ${dir} is in use by process ${process.pid} (a running portal server or db script); stop it first`]);
  });
});

describe('db:migrate and db:seed', () => {
  it('refuse a PGlite folder that a running server owns, and touch nothing in it', async () => {
    const dir = tempDir('owned');
    const server = await openPglite(dir);
    try {
      for (const command of ['migrate', 'seed'] as const) {
        const res = dbScript(command, { DATA_DIR: dir });
        expect(res.status).toBe(1);
        expect(res.stderr.trim().split('\n')).toEqual([`db:${command} failed: DATA_DIR ${dir} is in use by process ${process.pid} (a running portal server or db script); stop it first`]);
      }
      const refused = start({ DATABASE_URL: '', DATA_DIR: dir });
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim().split('\n')).toEqual([`start-up failed: DATA_DIR ${dir} is in use by process ${process.pid} (a running portal server or db script); stop it first`]);
      expect(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')).toBe(String(process.pid));
      expect(await migrationLevel(server.db).catch(() => 0)).toBe(0);
    } finally {
      await server.close();
    }
    expect(fs.existsSync(path.join(dir, OWNER_FILE))).toBe(false);
  });

  // Three CLI processes, each compiling the data layer through tsx: slow on a busy machine.
  it('migrate, then seed once, a free folder (and take over one whose owner is gone)', () => {
    const dir = tempDir('free');
    fs.writeFileSync(path.join(dir, OWNER_FILE), '2147483646');
    const migrated = dbScript('migrate', { DATA_DIR: dir });
    expect(migrated.stderr).toBe('');
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toContain(`${migrationCount()} migrations applied`);
    const seeded = dbScript('seed', { DATA_DIR: dir, SEED_DEMO: 'false' });
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toContain('seed loaded (reference data only)');
    const again = dbScript('seed', { DATA_DIR: dir, SEED_DEMO: 'false' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('seed already present');
    expect(fs.existsSync(path.join(dir, OWNER_FILE))).toBe(false);
  }, 300_000);
});

describe('db/ imports nothing from lib/', () => {
  const IMPORT = /\b(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.(m|c)?[jt]sx?$/.test(e.name) ? [path.join(dir, e.name)] : []));

  it('no file under db/ imports a module under lib/ but the domain vocabulary (by alias or relative path)', () => {
    const files = sources(path.join(root, 'db'));
    const imports = files.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => {
        const spec = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
        const target = spec.startsWith('@/') ? path.join(root, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
        return { from: path.relative(root, file), spec, target };
      }),
    );
    expect(files.length).toBeGreaterThan(10);
    expect(imports.filter((i) => i.target && i.target.startsWith(path.join(root, 'db') + path.sep)).length).toBeGreaterThan(10);
    // The schema takes its code lists from the domain, the innermost ring; nothing else of lib/.
    const vocabulary = path.join(root, 'lib', 'domain', 'vocabulary');
    const intoLib = imports.filter((i) => i.target && !path.relative(path.join(root, 'lib'), i.target).startsWith('..') && i.target !== vocabulary);
    expect(intoLib.map((i) => `${i.from} → ${i.spec}`)).toEqual([]);
  });
});
