import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { compareSqlSource, describeDrift } from '@/db/sql/compare';
import { migrationStatements } from '@/db/sql/migration';
import { readSqlSources, type SqlSource } from '@/db/sql/source';
import { MAX_AMOUNT_FEN } from '@/lib/domain/money';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

describe.each(DRIVERS)('db/sql is the source of every function, view and trigger (%s)', (driver) => {
  let t: TestDatabase;
  const sources = readSqlSources();
  beforeAll(async () => {
    t = await createDatabase(driver, { seed: false });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('matches each live definition, and every live one has its file', async () => {
    expect(sources.filter((s) => s.kind === 'function').length).toBeGreaterThanOrEqual(10);
    expect(sources.filter((s) => s.kind === 'view').length).toBeGreaterThanOrEqual(5);
    expect(sources.filter((s) => s.kind === 'trigger').length).toBeGreaterThanOrEqual(6);
    const drifts = await compareSqlSource(t.db, sources);
    expect(drifts.map(describeDrift)).toEqual([]);
  });

  it('notices a file that differs from the database, a missing file and a file not migrated', async () => {
    const edited = sources.map((s) => (s.name === 'apply_transfer' ? { ...s, sql: s.sql.replace("'ledger:date_in_future", "'ledger:date_ahead") } : s));
    const view = sources.map((s) => (s.name === 'public_withholding_register' ? { ...s, sql: s.sql.replace('count(*)::int AS items', 'count(*)::bigint AS items') } : s));
    const fewer = sources.filter((s) => s.name !== 'transfers_apply');
    const more = [...sources, { kind: 'function' as const, name: 'not_migrated', file: 'db/sql/functions/not_migrated.sql', sql: 'CREATE OR REPLACE FUNCTION "not_migrated"() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;' }];
    expect((await compareSqlSource(t.db, edited)).map((d) => [d.name, d.problem])).toEqual([['apply_transfer', 'changed']]);
    expect((await compareSqlSource(t.db, view)).map((d) => [d.name, d.problem])).toEqual([['public_withholding_register', 'changed']]);
    expect((await compareSqlSource(t.db, fewer)).map((d) => [d.name, d.problem, d.table])).toEqual([['transfers_apply', 'no_file', 'transfers']]);
    expect((await compareSqlSource(t.db, more)).map((d) => [d.name, d.problem])).toEqual([['not_migrated', 'not_in_database']]);
    // The comparison leaves nothing behind.
    const schemas = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from pg_namespace where nspname = 'sql_source_scratch'`));
    expect(Number(schemas[0]!.n)).toBe(0);
  });

  it('generates statements that bring the database to the files, re-creating the views that read a changed one', async () => {
    const edited: SqlSource[] = sources
      .filter((s) => s.name !== 'security_events_append_only')
      .map((s) => {
        if (s.name === 'active_withholdings') return { ...s, sql: s.sql.replace('w.renews_id\n', 'w.renews_id, w.status\n') };
        if (s.name === 'forbid_rewrite') return { ...s, sql: s.sql.replace('ledger:append_only %', 'ledger:append_only on %') };
        return s;
      });
    edited.push({ kind: 'view', name: 'withholding_count', file: 'db/sql/views/withholding_count.sql', sql: 'CREATE OR REPLACE VIEW "withholding_count" AS SELECT count(*)::int AS n FROM active_withholdings;' });
    const drifts = await compareSqlSource(t.db, edited);
    expect(drifts.map((d) => `${d.problem} ${d.name}`).sort()).toEqual(['changed active_withholdings', 'changed forbid_rewrite', 'no_file security_events_append_only', 'not_in_database withholding_count']);
    const statements = migrationStatements(edited, drifts);
    const dropped = statements.filter((s) => s.startsWith('DROP VIEW')).map((s) => s.split('"')[1]);
    expect([...dropped].sort()).toEqual([
      'active_withholdings',
      'public_disclosure_obligations',
      'public_project_ratings',
      'public_projects',
      'public_publications',
      'public_transfer_lines',
      'public_withheld_programme_totals',
      'public_withholding_register',
      'withheld_publication_bases',
      'withheld_publication_items',
      'withheld_publication_lines',
      'withheld_publications',
    ]);
    expect(statements).toContain('DROP TRIGGER "security_events_append_only" ON "security_events";');
    // Applied in order (a view dropped before one that reads it, or made before one it reads, fails), the files and the database agree.
    let after: string[] = ['not run'];
    await t.db
      .transaction(async (tx) => {
        for (const s of statements) await tx.execute(sql.raw(s));
        after = (await compareSqlSource(tx, edited)).map(describeDrift);
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof TransactionRollbackError)) throw e;
      });
    expect(after).toEqual([]);
  });

  it('holds the amount limit in one SQL function equal to the TypeScript constant', async () => {
    const [row] = rowsOf<{ max: string }>(await t.db.execute(sql`select max_amount_fen()::text as max`));
    expect(BigInt(row!.max)).toBe(MAX_AMOUNT_FEN);
    // Every CHECK on an amount limit and the ledger trigger refer to it, none to a literal.
    const checks = rowsOf<{ name: string; def: string }>(
      await t.db.execute(sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace and contype = 'c'`),
    );
    const limited = checks.filter((c) => c.def.includes('max_amount_fen()')).map((c) => c.name).sort();
    expect(limited).toEqual(['allocation_batches_total_range', 'expenditures_amount_range', 'fund_programmes_total_positive', 'project_applications_amounts', 'transfers_amount_range']);
    expect(checks.filter((c) => /\d{13,}/.test(c.def))).toEqual([]);
    expect(sources.find((s) => s.name === 'apply_transfer')!.sql).toContain('max_amount_fen()');
    expect(sources.filter((s) => s.name !== 'max_amount_fen' && /\d{13,}/.test(s.sql)).map((s) => s.name)).toEqual([]);
  });
});
