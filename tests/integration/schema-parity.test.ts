import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { migrationLevel } from '@/db/migrate';
import { createDatabase, createPostgres, type TestDatabase } from '../support/databases';

async function catalog(t: TestDatabase) {
  const q = async (query: ReturnType<typeof sql>) => rowsOf<Record<string, unknown>>(await t.db.execute(query)).map((r) => Object.values(r).join(' | '));
  return {
    columns: await q(sql`select table_name, column_name, data_type, is_nullable, coalesce(column_default, '') from information_schema.columns where table_schema = 'public' order by 1, 2`),
    // PostgreSQL 18 also catalogues NOT NULL as constraints (contype n); columns already compare nullability.
    constraints: await q(sql`select conrelid::regclass::text, conname, contype::text, pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace and contype <> 'n' order by 1, 2`),
    indexes: await q(sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`),
    triggers: await q(sql`select tgrelid::regclass::text, tgname from pg_trigger where not tgisinternal order by 1, 2`),
    functions: await q(sql`select proname from pg_proc where pronamespace = 'public'::regnamespace order by 1`),
    views: await q(sql`select table_name from information_schema.views where table_schema = 'public' order by 1`),
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('both drivers migrate to the same schema', () => {
  let lite: TestDatabase;
  let pg: TestDatabase;
  beforeAll(async () => {
    lite = await createDatabase('pglite', { seed: false });
    pg = (await createPostgres({ seed: false }))!;
  });
  afterAll(async () => {
    await lite?.drop();
    await pg?.drop();
  });

  it('has the same tables, columns, constraints, indexes, triggers, functions and views', async () => {
    const [a, b] = await Promise.all([catalog(lite), catalog(pg)]);
    expect(a.columns.length).toBeGreaterThan(100);
    expect(a.triggers.length).toBeGreaterThanOrEqual(6);
    expect(a).toEqual(b);
    expect(await migrationLevel(lite.db)).toBe(await migrationLevel(pg.db));
  });
});

describe('migrations on the embedded database', () => {
  it('apply from nothing and record their level', async () => {
    const lite = await createDatabase('pglite', { seed: false });
    try {
      expect(await migrationLevel(lite.db)).toBeGreaterThanOrEqual(2);
      const c = await catalog(lite);
      expect(c.triggers.join('\n')).toContain('transfers_apply');
    } finally {
      await lite.drop();
    }
  });
});
