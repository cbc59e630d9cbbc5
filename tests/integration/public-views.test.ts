import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { PUBLIC_VIEWS, publicWithholdingRegisterView, viewRows } from '@/lib/dal/public/views';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

describe.each(DRIVERS)('public views are declared column by column (%s)', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver, { seed: false });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('declares exactly the columns each public view has, in order', async () => {
    for (const [view, row] of Object.entries(PUBLIC_VIEWS)) {
      const live = rowsOf<{ column_name: string }>(
        await t.db.execute(sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${view} order by ordinal_position`),
      ).map((c) => c.column_name);
      expect(live.length, view).toBeGreaterThan(0);
      expect(Object.keys(row.shape), view).toEqual(live);
    }
  });

  it('declares every public_* view the database has', async () => {
    const views = rowsOf<{ name: string }>(await t.db.execute(sql`select table_name as name from information_schema.views where table_schema = 'public' and table_name like 'public\\_%' order by 1`)).map((v) => v.name);
    expect(Object.keys(PUBLIC_VIEWS).sort()).toEqual(views);
  });

  it('refuses a row that lacks a declared column, naming the view and the column', async () => {
    const result = await t.db.execute(sql`select 'programme' as item_type, 'B1' as basis_code, '依据' as basis_name, 'Basis' as basis_name_en, '2026-01-01' as since, '2027-01-01' as until`);
    expect(() => viewRows('public_withholding_register', publicWithholdingRegisterView, result)).toThrow(/public_withholding_register: .* at 0\.items/);
  });
});
