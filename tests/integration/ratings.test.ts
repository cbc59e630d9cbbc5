import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { evaluationDetail, openEvaluation, saveSelfEvaluation } from '@/lib/dal/evaluation/evaluations';
import { getProjectRatings } from '@/lib/dal/public/ratings';
import { AppError } from '@/lib/errors';
import { selfEvaluationSchema } from '@/lib/schemas/evaluation';
import { acceptedApplication } from '../support/accepted-application';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/*
 * Citizens' ratings as the public sees them (confirmed only, public projects only, exact counts)
 * and as the evaluation's satisfaction indicator takes them. The ratings are inserted directly:
 * their writer (double opt-in by e-mail) is another module's.
 */
describe.each(DRIVERS)('citizens’ ratings on %s', (driver) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof acceptedApplication>>;
  let contacts = 0;

  async function rate(projectId: number, score: number, confirmed = true) {
    const [c] = await t.db.insert(s.citizenContacts).values({ email: `citizen${++contacts}@example.org` }).returning({ id: s.citizenContacts.id });
    await t.db.insert(s.projectRatings).values({ projectId, contactId: c!.id, score, confirmedAt: confirmed ? new Date() : null });
  }

  beforeAll(async () => {
    t = await createDatabase(driver);
    app = await acceptedApplication(t.db);
  });
  afterAll(async () => t?.drop());

  it('summarises a public project’s confirmed ratings exactly, ignoring unconfirmed ones', async () => {
    expect(await getProjectRatings(app.projectCode, t.db)).toMatchObject({ ratings: 0, average: null, satisfiedPercent: null });
    for (const score of [5, 5, 4, 3, 1]) await rate(app.projectId, score);
    for (const score of [5, 1]) await rate(app.projectId, score, false);
    expect(await getProjectRatings(app.projectCode, t.db)).toEqual({
      ratings: 5,
      scoreSum: 18,
      byScore: { 1: 1, 2: 0, 3: 1, 4: 1, 5: 2 },
      satisfied: 3,
      average: '3.60',
      satisfiedPercent: '60.00',
    });
  });

  it('shows nothing of a project the public may not see', async () => {
    // A project outside the plan with no public stage is not in public_projects.
    const [hidden] = await t.db.insert(s.projects).values({ code: 'HIDDEN-RATED-1', name: '未公开项目', type: 'mine_restoration' }).returning({ id: s.projects.id });
    await rate(hidden!.id, 5);
    expect(await getProjectRatings('HIDDEN-RATED-1', t.db)).toMatchObject({ ratings: 0 });
    const rows = await t.db.execute(sql`select * from public_project_ratings where project_code = 'HIDDEN-RATED-1'`);
    expect(Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).toHaveLength(0);
  });

  it('offers the evaluation’s satisfaction indicator the citizens’ figure, recomputed whenever the unit saves under that source', async () => {
    const unit = await ctxFor(t.db, 'unit');
    const { evaluationId } = await openEvaluation(unit, app.applicationId);
    let d = await evaluationDetail(unit, evaluationId);
    const sat = () => d.indicators.find((i) => i.category === 'satisfaction')!;
    expect([sat().selfValue, sat().source]).toEqual(['60.0000', '公众评价 5 份']);
    expect(d.citizenRatings).toEqual({ ratings: 5, satisfied: 3, percent: '60.00', source: '公众评价 5 份' });

    // One more confirmed rating arrives while the unit drafts; it types another value under the citizens' source.
    await rate(app.projectId, 4);
    const form = (satisfaction: { selfValue: string; source: string }) =>
      selfEvaluationSchema.parse({
        evaluationId,
        expectedRevision: d.revision,
        intent: 'save',
        indicators: d.indicators.map((i) => ({
          id: i.id,
          category: i.category,
          subcategory: i.subcategory,
          name: i.name,
          unit: i.unit,
          weight: i.category === 'satisfaction' ? '20' : '40',
          direction: i.direction,
          rule: i.rule,
          target: i.target!.replace(/\.?0+$/, ''),
          selfValue: '',
          evidenceRequired: false,
          ...(i.category === 'satisfaction' ? satisfaction : {}),
        })),
      });
    await saveSelfEvaluation(unit, form({ selfValue: '99', source: '公众评价 5 份' }));
    d = await evaluationDetail(unit, evaluationId);
    // 4 of 6 rated 4 or 5: 66.666… % rounded to two places, never the typed 99.
    expect([sat().selfValue, sat().source]).toEqual(['66.6700', '公众评价 6 份']);
    const [audit] = await t.db.select({ after: s.auditLog.after }).from(s.auditLog).where(eq(s.auditLog.action, 'evaluation.self_saved')).orderBy(sql`${s.auditLog.id} desc`).limit(1);
    const audited = (audit!.after as { indicators: { name: string; selfValue: string; source?: string }[] }).indicators.find((i) => i.name === '服务对象满意度');
    expect(audited).toMatchObject({ selfValue: '66.67', source: '公众评价 6 份' });

    // A unit with a survey of its own names it and reports its own figure; the evaluator still sees the citizens'.
    await saveSelfEvaluation(unit, form({ selfValue: '92', source: '2025年11月周边村民问卷（回收186份）' }));
    d = await evaluationDetail(unit, evaluationId);
    expect([sat().selfValue, sat().source]).toEqual(['92.0000', '2025年11月周边村民问卷（回收186份）']);
    expect((await evaluationDetail(await ctxFor(t.db, 'evaluator'), evaluationId)).citizenRatings).toMatchObject({ ratings: 6, percent: '66.67' });
  });

  it('refuses the citizens’ source when no confirmed rating exists, changing nothing', async () => {
    const unit = await ctxFor(t.db, 'unit');
    await t.db.update(s.projectRatings).set({ confirmedAt: null }).where(eq(s.projectRatings.projectId, app.projectId));
    const [evaluation] = await t.db.select().from(s.evaluations).where(eq(s.evaluations.applicationId, app.applicationId));
    const d = await evaluationDetail(unit, evaluation!.id);
    expect(d.citizenRatings).toBeNull();
    const cmd = selfEvaluationSchema.parse({
      evaluationId: d.id,
      expectedRevision: d.revision,
      intent: 'save',
      indicators: d.indicators.map((i) => ({
        id: i.id,
        category: i.category,
        subcategory: i.subcategory,
        name: i.name,
        unit: i.unit,
        weight: i.category === 'satisfaction' ? '20' : '40',
        direction: i.direction,
        rule: i.rule,
        target: i.target!.replace(/\.?0+$/, ''),
        selfValue: i.category === 'satisfaction' ? '95' : '',
        source: i.category === 'satisfaction' ? '公众评价 12 份' : '',
      })),
    });
    const error = await saveSelfEvaluation(unit, cmd).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({ 'indicators.2.source': 'evaluation.noCitizenRatings' });
    const [after] = await t.db.select().from(s.evaluations).where(eq(s.evaluations.id, d.id));
    expect(after!.revision).toBe(evaluation!.revision);
  });
});
