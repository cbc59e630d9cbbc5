import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rowsOf, type Database, type Db } from '@/db/client';
import { migrate } from '@/db/migrate';
import { appendAudit } from '@/lib/dal/internal/audit';
import { ensureDailyCheckpoint } from '@/lib/dal/internal/audit-checkpoint';
import { seedIfEmpty } from '@/lib/seed';
import { createPostgres, DRIVERS } from '../support/databases';

/*
 * `npm run audit:verify` as an operator runs it: a child process on a real database (a PGlite folder
 * or a PostgreSQL database) that a superuser tampered with behind the triggers' back. Each tampering
 * must be found and named, and the exit code must say so.
 */

const root = path.resolve(__dirname, '..', '..');
const CHECKPOINT_CLOCK = () => new Date('2026-03-01T04:00:00Z');

function auditVerify(env: Record<string, string>, args: string[] = []): { code: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/audit-verify.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, lines: `${r.stdout}${r.stderr}`.split('\n').filter(Boolean) };
}

/** Runs statements as a superuser with every trigger off, as an attacker with the database's keys would. */
async function tamper(db: Db, statements: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const s of statements) await tx.execute(sql.raw(s));
  });
}

async function appendSome(db: Db, n: number, label: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) => appendAudit(tx, { actor: null, action: `test.${label}`, entityType: 'test', entityId: i, after: { i, label } }));
  }
}

/** A database to tamper with: a copy of the prepared one, opened for the tampering and closed for the command. */
interface Copies {
  /** Opens a fresh copy; `env` points the command at it. */
  copy(): Promise<{ database: Database; env: Record<string, string> }>;
  cleanUp(): Promise<void>;
}

async function prepare(db: Db): Promise<void> {
  await appendSome(db, 10, 'before');
  const outcome = await ensureDailyCheckpoint(db, CHECKPOINT_CLOCK);
  expect(outcome.created).toBe(true);
  await appendSome(db, 5, 'after');
}

async function pgliteCopies(): Promise<Copies> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-audit-verify-'));
  const base = path.join(dir, 'base');
  const database = await openPglite(base);
  await migrate(database);
  await seedIfEmpty(database, { demo: false });
  await prepare(database.db);
  await database.close();
  let n = 0;
  return {
    async copy() {
      const target = path.join(dir, `copy${++n}`);
      fs.cpSync(base, target, { recursive: true });
      return { database: await openPglite(target), env: { DATA_DIR: target } };
    },
    cleanUp: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresCopies(): Promise<Copies> {
  const base = (await createPostgres({ seed: true, demo: false }))!;
  await prepare(base.db);
  await base.close();
  const baseName = new URL(base.url!).pathname.slice(1);
  const admin = await openPostgres(process.env.TEST_DATABASE_URL!, { max: 1 });
  const made: string[] = [];
  return {
    async copy() {
      const name = `${baseName}_c${made.length + 1}`;
      await admin.db.execute(sql.raw(`create database ${name} template ${baseName}`));
      made.push(name);
      const url = new URL(base.url!);
      url.pathname = `/${name}`;
      return { database: await openPostgres(url.toString(), { max: 2 }), env: { DATABASE_URL: url.toString() } };
    },
    async cleanUp() {
      for (const name of [...made, baseName]) await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

const one = async <T,>(db: Db, query: string): Promise<T> => rowsOf<T>(await db.execute(sql.raw(query)))[0]!;

describe.each(DRIVERS)('npm run audit:verify (%s)', (driver) => {
  let copies: Copies;
  beforeAll(async () => {
    copies = driver === 'postgres' ? await postgresCopies() : await pgliteCopies();
  });
  afterAll(async () => {
    await copies?.cleanUp();
  });

  it('passes an intact log, with an outsider checkpoint that matches, and refuses one that does not', async () => {
    const { database, env } = await copies.copy();
    const entry = await one<{ seq: number; hash: string }>(database.db, 'select seq, hash from audit_log where seq = 6');
    await database.close();
    const clean = auditVerify(env, ['--checkpoint', `${entry.seq}:${entry.hash}`]);
    expect(clean.lines.at(-1), clean.lines.join('\n')).toBe('audit log intact');
    expect(clean.code).toBe(0);
    const forged = auditVerify(env, ['--checkpoint', `${entry.seq}:${'ab'.repeat(32)}`]);
    expect(forged.code).toBe(1);
    expect(forged.lines).toContainEqual(expect.stringMatching(/^checkpoint mismatch: the outsider checkpoint \(seq 6, abababababababab…\) differs from the log/));
    expect(auditVerify(env, ['--checkpoint', 'six:abc']).code).toBe(2);
  });

  it('names an entry whose field a superuser changed', async () => {
    const { database, env } = await copies.copy();
    await tamper(database.db, [`update audit_log set after = '{"amountFen":"1"}' where seq = 5`]);
    const id = (await one<{ id: number }>(database.db, 'select id from audit_log where seq = 5')).id;
    await database.close();
    const r = auditVerify(env);
    expect(r.code, r.lines.join('\n')).toBe(1);
    expect(r.lines.filter((l) => !l.startsWith('PGlite') && !l.startsWith('PostgreSQL'))).toEqual([
      `changed: entry seq 5 (id ${id}) no longer gives its hash: a field was changed`,
      'audit log NOT intact: 1 problem',
    ]);
  });

  it('names a deleted middle entry as a gap and the link it broke', async () => {
    const { database, env } = await copies.copy();
    await tamper(database.db, ['delete from audit_log where seq = 7']);
    await database.close();
    const r = auditVerify(env);
    expect(r.code).toBe(1);
    expect(r.lines).toContainEqual(expect.stringMatching(/^gap: entry seq 7 is missing \(before id \d+\): deleted$/));
    expect(r.lines).toContainEqual(expect.stringMatching(/^broken link: entry seq 8 \(id \d+\)/));
  });

  it('names two swapped entries', async () => {
    const { database, env } = await copies.copy();
    await tamper(database.db, ['update audit_log set seq = 1000000 where seq = 3', 'update audit_log set seq = 3 where seq = 4', 'update audit_log set seq = 4 where seq = 1000000']);
    await database.close();
    const r = auditVerify(env);
    expect(r.code).toBe(1);
    expect(r.lines).toContainEqual(expect.stringMatching(/^reordered: entry seq 3 \(id \d+\) links to seq 4, not seq 2: entries were moved or swapped$/));
  });

  it('names a deleted tail by the checkpoints it leaves beyond the log, even when the head was rewound', async () => {
    const { database, env } = await copies.copy();
    const checkpoint = await one<{ seq: number }>(database.db, 'select seq from audit_checkpoints');
    const keep = checkpoint.seq - 2;
    await tamper(database.db, [
      `delete from audit_log where seq > ${keep}`,
      `update audit_head set last_seq = ${keep}, last_id = (select id from audit_log where seq = ${keep}), last_hash = (select hash from audit_log where seq = ${keep})`,
    ]);
    await database.close();
    const r = auditVerify(env);
    expect(r.code).toBe(1);
    expect(r.lines).toContainEqual(expect.stringMatching(new RegExp(`^deleted tail: the checkpoint of 2026-03-01 \\(seq ${checkpoint.seq}, [0-9a-f]{16}…\\) lies beyond the log's last entry, seq ${keep}$`)));
    expect(r.lines).toContainEqual(expect.stringMatching(new RegExp(`^deleted tail: the published checkpoint of 2026-03-01 \\(seq ${checkpoint.seq}`)));
  });

  it('finds a deleted tail whose checkpoints were deleted too only by a checkpoint kept outside', async () => {
    const { database, env } = await copies.copy();
    const last = await one<{ seq: number; hash: string }>(database.db, 'select seq, hash from audit_log order by seq desc limit 1');
    const keep = last.seq - 3;
    await tamper(database.db, [
      `delete from audit_log where seq > ${keep}`,
      `update audit_head set last_seq = ${keep}, last_id = (select id from audit_log where seq = ${keep}), last_hash = (select hash from audit_log where seq = ${keep})`,
      `delete from publication_items where publication_id in (select id from publications where kind = 'audit_checkpoint')`,
      `delete from publications where kind = 'audit_checkpoint'`,
      'delete from audit_checkpoints',
    ]);
    await database.close();
    // What the database alone can say: nothing, which is why checkpoints are published.
    expect(auditVerify(env).code).toBe(0);
    const r = auditVerify(env, [`--checkpoint=${last.seq}:${last.hash}`]);
    expect(r.code).toBe(1);
    expect(r.lines).toContainEqual(`deleted tail: the outsider checkpoint (seq ${last.seq}, ${last.hash.slice(0, 16)}…) lies beyond the log's last entry, seq ${keep}`);
  });
});
