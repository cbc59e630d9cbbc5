import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { getProjectCompleteness, listProjectPublications } from '@/lib/dal/public/project-disclosure';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

describe.each(DRIVERS)("a project page's publications and completeness on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  it('lists every public version of every publication whose lines name the project, and nothing else', async () => {
    const [{ code }] = rowsOf<{ code: string }>(await t.db.execute(sql`select to_code as code from public_transfer_lines where to_kind = 'project' limit 1`)) as [{ code: string }];
    const expected = rowsOf<{ id: number }>(
      await t.db.execute(sql`select p.id from public_publications p where exists (
        select 1 from jsonb_array_elements(coalesce(p.content->'lines', '[]'::jsonb)) l where l->>'projectCode' = ${code}) order by p.id`),
    ).map((r) => Number(r.id));
    expect(expected.length).toBeGreaterThan(0);
    const series = await listProjectPublications(code);
    expect(series.flatMap((s) => s.versions.map((v) => v.id)).sort((a, b) => a - b)).toEqual(expected);
    // Versions of one publication stay together, newest first.
    for (const s of series) expect(s.versions.map((v) => v.version)).toEqual([...s.versions.map((v) => v.version)].sort((a, b) => b - a));
    expect(await listProjectPublications('NO-SUCH')).toEqual([]);
  });

  it('scores the completeness of its obligations as /disclosure/completeness does: nothing due, no score', async () => {
    const [{ code }] = rowsOf<{ code: string }>(await t.db.execute(sql`select code from public_projects order by code limit 1`)) as [{ code: string }];
    const due = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from public_disclosure_obligations o join public_projects p on p.id = o.project_id where p.code = ${code} and o.status <> 'pending'`))[0]!.n;
    const c = await getProjectCompleteness(code);
    if (due === 0) expect(c.score).toBeNull();
    else expect(c.score).toBeGreaterThanOrEqual(0);
  });
});
