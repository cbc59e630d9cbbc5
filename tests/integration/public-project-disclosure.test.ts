import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { getProjectCompleteness, listProjectPublications, listProjectTargets } from '@/lib/dal/public/project-disclosure';
import { chinaToday } from '@/lib/domain/china-date';
import { ctxFor } from '../support/actors';
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
        select 1 from jsonb_array_elements(coalesce(p.content->'lines', '[]'::jsonb)) l where l->>'projectCode' = ${code})
        or (p.subject_type = 'evaluation' and p.content->>'projectCode' = ${code}) order by p.id`),
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

  it("publishes a funded application's targets with the money that issued them, and a withheld funding line takes them along", async () => {
    const funded = rowsOf<{ application_id: number; code: string; project_code: string; transfer_id: number; county_code: string }>(
      await t.db.execute(sql`select a.id as application_id, a.code, p.code as project_code, t.id as transfer_id, c.code as county_code
        from project_applications a join workflow_items wi on wi.kind = 'project_application' and wi.subject_id = a.id
        join projects p on p.id = a.project_id join organisations c on c.id = a.county_id
        join transfers t on t.note = '项目申报 ' || a.code
        where wi.stage in ('funded', 'implementing', 'accepted') order by a.id, t.id`),
    );
    expect(funded.length).toBeGreaterThan(0);
    const first = funded[0]!;
    const written = await t.db.select().from(s.performanceTargets).where(eq(s.performanceTargets.applicationId, first.application_id)).orderBy(s.performanceTargets.id);
    const shown = (await listProjectTargets(first.project_code)).find((x) => x.applicationCode === first.code);
    expect(shown?.targets.map((x) => [x.category, x.subcategory, x.name, x.unit, Number(x.targetValue)])).toEqual(written.map((x) => [x.category, x.subcategory, x.name, x.unit, Number(x.targetValue)]));
    expect(shown!.targets.every((x) => /^\d+(\.\d*[1-9])?$/.test(x.targetValue))).toBe(true);

    // Withholding every line that funded it removes the targets with them; the other applications keep theirs.
    const basis = (await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14')))[0]!.id;
    const officer = first.county_code === '140322' ? ['officer-yx', 'reviewer-yx'] : ['officer-pd', 'reviewer-pd'];
    const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
    for (const line of funded.filter((f) => f.application_id === first.application_id)) {
      const { id } = await requestWithholding(await ctxFor(t.db, officer[0]!), { itemType: 'transfer', itemId: line.transfer_id, reason: '涉及第三方商业秘密，经审查不予公开', legalBasisId: basis, reviewDate: inDays(90) });
      await approveWithholding(await ctxFor(t.db, officer[1]!), id);
      expect(await approveWithholding(await ctxFor(t.db, 'admin'), id)).toEqual({ status: 'active' });
    }
    expect((await listProjectTargets(first.project_code)).map((x) => x.applicationCode)).not.toContain(first.code);
    const other = funded.find((f) => f.project_code !== first.project_code);
    expect(other).toBeDefined();
    expect((await listProjectTargets(other!.project_code)).map((x) => x.applicationCode)).toContain(other!.code);
    expect(await listProjectTargets('NO-SUCH')).toEqual([]);
  });
});
