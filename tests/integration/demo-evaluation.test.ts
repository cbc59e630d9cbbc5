import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { loadBatchInputs } from '@/lib/dal/internal/formulas/inputs';
import { listProjectEvaluations } from '@/lib/dal/public/evaluations';
import { createDatabase, type TestDatabase } from '../support/databases';

/*
 * The demo evaluations (lib/seed/demo-evaluation.ts) ran through the real process when the demo was
 * replayed: three results of 优, 良 and 差 are published early in 2025, and the city's 2025 batch
 * read their mean as 盂县's performance factor.
 */
describe('demo evaluations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase('pglite');
  });
  afterAll(async () => t?.drop());

  it('publishes a spread of grades including one 差, which the next allocation reads', async () => {
    const rows = await t.db.select({ projectId: s.evaluations.projectId, year: s.evaluations.year, total: s.evaluations.totalScore, grade: s.evaluations.grade, status: s.evaluations.status }).from(s.evaluations).orderBy(s.evaluations.id);
    expect(rows.map((r) => [r.year, r.total, r.grade, r.status])).toEqual([
      [2024, '95.83', 'excellent', 'approved'],
      [2024, '86.67', 'good', 'approved'],
      [2024, '53.16', 'poor', 'approved'],
    ]);
    const [project] = await t.db.select({ code: s.projects.code }).from(s.projects).where(eq(s.projects.id, rows[2]!.projectId));
    expect((await listProjectEvaluations(project!.code, t.db)).map((e) => e.grade)).toEqual(['poor']);
    // The 2025 batch's performance factor for 盂县: the mean of the three, (95.83 + 86.67 + 53.16) / 3 = 78.553… → 78.55.
    const [batch] = await t.db.select({ id: s.allocationBatches.id }).from(s.allocationBatches).where(eq(s.allocationBatches.code, 'FP-DEMO-2025-1'));
    const inputs = await loadBatchInputs(t.db, batch!.id);
    expect(inputs!.performance.find((p) => p.recipient === '140322')).toMatchObject({ source: 'evaluation', score: '78.55', evaluations: 3, year: 2024 });
  });
});
