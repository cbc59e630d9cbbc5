import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { openDatabase } from '@/db';
import { openPostgres, rowsOf, type Database } from '@/db/client';
import * as s from '@/db/schema';
import { auditIntegrityReport } from '@/lib/dal/audit/integrity';
import { verifyAuditChain } from '@/lib/dal/audit/verify';
import { appendAudit } from '@/lib/dal/internal/audit';
import { ensureDailyCheckpoint } from '@/lib/dal/internal/audit-checkpoint';
import { listPublicCheckpoints } from '@/lib/dal/public/audit-checkpoints';
import { renderFeed } from '@/lib/dal/public/feed';
import { ctxFor } from '../support/actors';
import { createDatabase, createPostgres, DRIVERS, type TestDatabase } from '../support/databases';

const root = path.resolve(__dirname, '..', '..');
const at = (iso: string) => () => new Date(iso);

describe.each(DRIVERS)('the audit log keeps itself (%s)', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('numbers 100 concurrent audited writes 1, 2, 3 … without a gap, though some roll back', async () => {
    const [before] = await t.db.select({ seq: s.auditHead.lastSeq }).from(s.auditHead);
    const writes = Array.from({ length: 110 }, (_, i) =>
      t.db
        .transaction(async (tx) => {
          await appendAudit(tx, { actor: null, action: 'test.concurrent', entityType: 'test', entityId: i, after: { i } });
          // Every eleventh rolls back after taking its number: the number must go back with it.
          if (i % 11 === 10) throw new Error('rolled back');
        })
        .then(
          () => 'ok',
          () => 'rolled back',
        ),
    );
    const outcomes = await Promise.all(writes);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(100);
    const seqs = (await t.db.select({ seq: s.auditLog.seq }).from(s.auditLog).where(eq(s.auditLog.action, 'test.concurrent')).orderBy(asc(s.auditLog.seq))).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => before!.seq + 1 + i));
    const report = await auditIntegrityReport(t.db);
    expect(report.problems).toEqual([]);
    expect(report.last.seq).toBe(before!.seq + 100);
  });

  it('publishes one checkpoint a day however many callers race for it, and the public reader and the feed show it', async () => {
    const clock = at('2026-04-02T01:00:00Z');
    const second = driver === 'postgres' ? await openPostgres(t.url!, { max: 2 }) : null;
    try {
      const outcomes = await Promise.all([ensureDailyCheckpoint(t.db, clock), ensureDailyCheckpoint((second ?? t).db, clock), ensureDailyCheckpoint(t.db, clock)]);
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    } finally {
      await second?.close();
    }
    const rows = await t.db.select().from(s.auditCheckpoints).where(eq(s.auditCheckpoints.day, '2026-04-02'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.verified).toBe(true);
    const [head] = await t.db.select().from(s.auditHead);
    // The checkpoint's own entry follows it.
    expect(rows[0]!.seq).toBe(head!.lastSeq - 1);
    expect((await ensureDailyCheckpoint(t.db, at('2026-04-02T15:59:00Z'))).created).toBe(false);

    const listed = await listPublicCheckpoints(t.db);
    expect(listed[0]).toMatchObject({ day: '2026-04-02', seq: rows[0]!.seq, hash: rows[0]!.hash });
    const feed = JSON.parse((await renderFeed('json', new URL('http://portal.test/api/public/feed/json'), t.db)).body) as { items: { url: string; tags: string[]; content_text: string }[] };
    const item = feed.items.find((i) => i.url.endsWith(`/disclosure/publications/${listed[0]!.publicationId}`));
    expect(item?.tags).toContain('audit_checkpoint');
    expect(item?.content_text).toContain(rows[0]!.hash);
    // The portal's own record owes no disclosure and counts in no one's completeness.
    const owed = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from disclosure_obligations where kind = 'audit_checkpoint'`));
    expect(owed[0]!.n).toBe(0);
  });

  it("re-hashes on the auditors' page only what came after the last verified checkpoint, and names what broke", async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    await ensureDailyCheckpoint(t.db, at('2026-04-03T01:00:00Z'));
    await t.db.transaction((tx) => appendAudit(tx, { actor: null, action: 'test.after', entityType: 'test', entityId: 1 }));
    const clean = await verifyAuditChain(auditor);
    expect(clean.ok).toBe(true);
    expect(clean.since?.day).toBe('2026-04-03');
    expect(clean.walked).toBe(2);
    await expect(verifyAuditChain(await ctxFor(t.db, 'officer'))).rejects.toThrow();

    // Behind the triggers' back: an entry after the checkpoint changed, and the tail cut below it.
    const [last] = await t.db.select().from(s.auditLog).orderBy(sql`seq desc`).limit(1);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_log set action = 'test.rewritten' where seq = ${last!.seq}`);
    });
    expect((await verifyAuditChain(auditor)).problems).toEqual([{ kind: 'changed', seq: last!.seq, id: last!.id }]);
    const [checkpoint] = await t.db.select().from(s.auditCheckpoints).where(eq(s.auditCheckpoints.day, '2026-04-03'));
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from audit_log where seq > ${checkpoint!.seq - 5}`);
    });
    const cut = await verifyAuditChain(auditor);
    expect(cut.ok).toBe(false);
    expect(cut.problems.map((p) => p.kind)).toContain('checkpoint_beyond_head');
    expect(cut.problems.map((p) => p.kind)).toContain('head_mismatch');
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log by trigger, whoever asks', async () => {
    for (const statement of ['update audit_log set action = action', 'delete from audit_log', 'truncate audit_log', 'truncate transfers cascade', 'truncate audit_checkpoints']) {
      await expect(t.db.execute(sql.raw(statement)), statement).rejects.toThrow();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the application role on PostgreSQL', () => {
  let t: TestDatabase;
  const role = `yq_app_${process.pid}_${Date.now().toString(36)}`;
  const password = 'app-role-test';
  let app: Database | undefined;
  beforeAll(async () => {
    t = (await createPostgres())!;
    await t.db.execute(sql.raw(`create role ${role} login password '${password}'`));
    const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/app-role.ts', role], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url! },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    const url = new URL(t.url!);
    url.username = role;
    url.password = password;
    // As the portal starts: nothing to migrate, so the role that may create nothing opens it.
    app = await openDatabase({ ...process.env, DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    const admin = await openPostgres(process.env.TEST_DATABASE_URL!, { max: 1 });
    await admin.db.execute(sql.raw(`drop role if exists ${role}`));
    await admin.close();
  });

  it('writes audited entries and checkpoints', async () => {
    await app!.db.transaction((tx) => appendAudit(tx, { actor: null, action: 'test.as_app_role', entityType: 'test', entityId: 1 }));
    expect((await ensureDailyCheckpoint(app!.db, at('2026-05-01T01:00:00Z'))).created).toBe(true);
    expect((await auditIntegrityReport(app!.db)).problems).toEqual([]);
  });

  it('is refused UPDATE, DELETE and TRUNCATE on the log, the ledger, the publications and the transitions by privilege, even with the triggers off', async () => {
    const columns = { audit_log: 'action', audit_checkpoints: 'hash', transfers: 'note', publications: 'title', workflow_transitions: 'reason' };
    for (const [table, column] of Object.entries(columns)) {
      for (const statement of [`update ${table} set ${column} = ${column}`, `delete from ${table}`, `truncate ${table}`]) {
        await expect(app!.db.execute(sql.raw(statement)), `${statement} as ${role}`).rejects.toMatchObject({ cause: { code: '42501' } });
      }
    }
    // It may not switch the triggers off either.
    await expect(app!.db.execute(sql`set session_replication_role = replica`)).rejects.toThrow();
    await expect(app!.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`)).rejects.toThrow();
  });
});
