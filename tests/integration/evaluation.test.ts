import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { setPoorGradeRule } from '@/lib/dal/admin/evaluation-rule';
import { createBatch, createFormulaVersion, recipientOptions, setFactorValues } from '@/lib/dal/formulas/batches';
import { getPublishedAllocation } from '@/lib/dal/public/allocations';
import { batchSchema, factorValuesSchema, formulaVersionSchema } from '@/lib/schemas/formulas';
import { poorGradeRuleSchema } from '@/lib/schemas/evaluation';
import { approveEvaluation, evaluationDetail, evaluationList, openEvaluation, returnEvaluation, reviewEvaluation, saveSelfEvaluation } from '@/lib/dal/evaluation/evaluations';
import { publishEvaluation } from '@/lib/dal/internal/evaluation/publish';
import { evaluationRollup, listProjectEvaluations } from '@/lib/dal/public/evaluations';
import { listPublications } from '@/lib/dal/public/publications';
import { getProjectCompleteness } from '@/lib/dal/public/project-disclosure';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { myInbox } from '@/lib/dal/workflow/queries';
import { sha256Hex } from '@/lib/domain/sha256';
import { AppError } from '@/lib/errors';
import { reviewSchema, selfEvaluationSchema, type SelfEvaluationInput } from '@/lib/schemas/evaluation';
import { ctxFor } from '../support/actors';
import { acceptedApplication } from '../support/accepted-application';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

const PDF = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

describe.each(DRIVERS)('performance evaluation on %s', (driver) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof acceptedApplication>>;
  let evaluationId: number;

  const evaluation = async () => (await t.db.select().from(s.evaluations).where(eq(s.evaluations.id, evaluationId)))[0]!;
  const stage = async () => (await t.db.select({ stage: s.workflowItems.stage }).from(s.workflowItems).where(eq(s.workflowItems.id, app.itemId)))[0]!.stage;
  const publicationsOf = async () => t.db.select().from(s.publications).where(and(eq(s.publications.kind, 'evaluation_result'), eq(s.publications.subjectType, 'evaluation'), eq(s.publications.subjectId, evaluationId)));

  /** The unit's set: the area (90 %, proportional) and satisfaction (10 %, all or nothing); the cost target dropped. */
  const selfForm = async (over: Partial<SelfEvaluationInput> = {}) => {
    const d = await evaluationDetail(await ctxFor(t.db, 'unit'), evaluationId);
    const area = d.indicators.find((i) => i.name === '修复废弃矿山面积')!;
    const sat = d.indicators.find((i) => i.category === 'satisfaction')!;
    return selfEvaluationSchema.parse({
      evaluationId,
      expectedRevision: d.revision,
      intent: 'save',
      summary: '完成修复面积 95 公顷，边坡稳定，植被长势良好。',
      indicators: [
        { id: area.id, category: 'output', subcategory: 'quantity', name: area.name, unit: area.unit, weight: '90', direction: 'higher_better', rule: 'proportional', target: '100', selfValue: '95', evidenceRequired: true },
        { id: sat.id, category: 'satisfaction', subcategory: 'satisfaction', name: sat.name, unit: '%', weight: '10', direction: 'higher_better', rule: 'threshold', target: '90', selfValue: '92', evidenceRequired: false, source: '2025年11月周边村民问卷（发放200份，回收186份）' },
      ],
      ...over,
    });
  };
  const review = async (username: string, area: string, satisfaction: string, intent: 'save' | 'complete' = 'save') => {
    const d = await evaluationDetail(await ctxFor(t.db, 'evaluator'), evaluationId);
    const [a, b] = d.indicators;
    return reviewEvaluation(
      await ctxFor(t.db, username),
      reviewSchema.parse({ evaluationId, expectedRevision: d.revision, intent, actuals: [{ indicatorId: a!.id, actual: area }, { indicatorId: b!.id, actual: satisfaction }], findings: '修复面积未达到申报目标，部分边坡覆土厚度不足。', corrections: '2026年6月底前补植并补充覆土，报县自然资源局复验。' }),
    );
  };

  beforeAll(async () => {
    t = await createDatabase(driver);
    app = await acceptedApplication(t.db);
  });
  afterAll(async () => t?.drop());

  it('opens a self-evaluation only for the unit’s own accepted application, starting from its targets', async () => {
    expect((await refusal(openEvaluation(await ctxFor(t.db, 'evaluator'), app.applicationId))).code).toBe('forbidden');
    ({ evaluationId } = await openEvaluation(await ctxFor(t.db, 'unit'), app.applicationId));
    const d = await evaluationDetail(await ctxFor(t.db, 'unit'), evaluationId);
    expect(d.year).toBe(2025);
    expect(d.indicators.map((i) => [i.name, i.target, i.direction])).toEqual([
      ['修复废弃矿山面积', '100.0000', 'higher_better'],
      ['单位面积成本', '3.5000', 'lower_better'],
      ['服务对象满意度', '90.0000', 'higher_better'],
    ]);
    expect(d.indicators.reduce((sum, i) => sum + i.weightBp, 0)).toBe(10_000);
    // Nothing awaits the approver before the evaluator has reviewed it.
    expect((await myInbox(await ctxFor(t.db, 'approver'))).map((i) => i.id)).not.toContain(app.itemId);
    // Opening twice gives the same evaluation.
    expect((await openEvaluation(await ctxFor(t.db, 'unit'), app.applicationId)).evaluationId).toBe(evaluationId);
  });

  it('refuses a set whose weights do not sum to 100, in the form and in the data layer, writing nothing', async () => {
    const form = await selfForm();
    const bad = selfEvaluationSchema.safeParse({ ...form, indicators: form.indicators.map((i, n) => ({ ...i, weight: n === 0 ? '80' : i.weight })) });
    expect(bad.error!.issues.map((i) => i.message)).toContain('evaluation.weightsSum');
    const before = await evaluation();
    const e = await refusal(saveSelfEvaluation(await ctxFor(t.db, 'unit'), { ...form, indicators: form.indicators.map((i, n) => ({ ...i, weight: n === 0 ? '89.99' : i.weight })) }));
    expect(e.messageKey).toBe('evaluation.weightsSum');
    expect((await evaluation()).revision).toBe(before.revision);
  });

  it('refuses to submit an actual without its required evidence, and keeps nothing of the attempt', async () => {
    const docs = (await t.db.select({ n: count() }).from(s.documents))[0]!.n;
    const e = await refusal(saveSelfEvaluation(await ctxFor(t.db, 'unit'), await selfForm({ intent: 'submit' })));
    expect(e.messageKey).toBe('evaluation.evidenceRequired');
    expect(e.fieldErrors).toEqual({ 'indicators.0.evidence': 'evaluation.evidenceRequired' });
    expect((await evaluation()).status).toBe('draft');
    // A failed submission with a file stores no file either.
    const bad = await refusal(saveSelfEvaluation(await ctxFor(t.db, 'unit'), await selfForm({ intent: 'submit' }), new Map([[1, [{ filename: '问卷.pdf', bytes: PDF('survey') }]]])));
    expect(bad.messageKey).toBe('evaluation.evidenceRequired');
    expect((await t.db.select({ n: count() }).from(s.documents))[0]!.n).toBe(docs);
  });

  it('submits the self-evaluation with evidence kept with its checksum', async () => {
    const unit = await ctxFor(t.db, 'unit');
    const saved = await saveSelfEvaluation(unit, await selfForm(), new Map([[0, [{ filename: '竣工测量报告.pdf', bytes: PDF('area 95 ha') }]]]));
    expect(saved.status).toBe('draft');
    // The dropped cost indicator is gone, the two kept ones carry the new weights.
    const d = await evaluationDetail(unit, evaluationId);
    expect(d.indicators.map((i) => [i.name, i.weightBp])).toEqual([['修复废弃矿山面积', 9000], ['服务对象满意度', 1000]]);
    expect(d.indicators[0]!.evidence.map((x) => x.sha256)).toEqual([sha256Hex(PDF('area 95 ha'))]);
    await saveSelfEvaluation(unit, await selfForm({ intent: 'submit' }));
    expect((await evaluation()).status).toBe('submitted');
    expect((await refusal(saveSelfEvaluation(unit, await selfForm()))).messageKey).toBe('evaluation.notEditable');
  });

  it('never lets an evaluator review a project of their own organisation', async () => {
    const evaluator = await ctxFor(t.db, 'evaluator');
    expect((await evaluationList(evaluator)).items.map((i) => i.id)).toContain(evaluationId);
    expect((await evaluationList(await ctxFor(t.db, 'approver'))).items.map((i) => i.id)).toContain(evaluationId);
    expect((await evaluationList(await ctxFor(t.db, 'moderator'))).items).toEqual([]);
    const [own] = await t.db.select({ implementingOrgId: s.projects.implementingOrgId }).from(s.projects).where(eq(s.projects.id, app.projectId));
    await t.db.update(s.projects).set({ implementingOrgId: evaluator.actor.organisationId }).where(eq(s.projects.id, app.projectId));
    try {
      expect((await refusal(review('evaluator', '95', '92'))).messageKey).toBe('evaluation.ownOrganisation');
      expect((await evaluationList(evaluator)).items.map((i) => i.id)).not.toContain(evaluationId);
    } finally {
      await t.db.update(s.projects).set({ implementingOrgId: own!.implementingOrgId }).where(eq(s.projects.id, app.projectId));
    }
    expect((await evaluation()).evaluatorId).toBeNull();
  });

  it('scores by each indicator’s rule, with the grade boundaries where the rules put them', async () => {
    // 90 × 99.99/100 = 89.991 → 89.99 (良); 90 × 100/100 = 90.00 (优); 90 × 66.6555/100 = 59.98995 → 59.99 (差); satisfaction 80 < 90 earns nothing.
    expect(await review('evaluator', '99.99', '80')).toMatchObject({ totalScore: '89.99', grade: 'good', status: 'submitted' });
    expect(await review('evaluator', '100', '80')).toMatchObject({ totalScore: '90.00', grade: 'excellent' });
    expect(await review('evaluator', '66.6555', '80')).toMatchObject({ totalScore: '59.99', grade: 'poor' });
    expect(await review('evaluator', '100', '92')).toMatchObject({ totalScore: '100.00', grade: 'excellent' });
    expect(reviewSchema.safeParse({ evaluationId, expectedRevision: 0, intent: 'complete', actuals: [{ indicatorId: 1, actual: '-3' }], findings: '' }).success).toBe(false);
  });

  it('lets the evaluator return the self-evaluation with a reason, and the unit resubmit', async () => {
    const e = await evaluation();
    await returnEvaluation(await ctxFor(t.db, 'evaluator'), { evaluationId, expectedRevision: e.revision, reason: '请补充满意度调查原始问卷。' });
    expect(await evaluation()).toMatchObject({ status: 'draft', returnReason: '请补充满意度调查原始问卷。', totalScore: null });
    await saveSelfEvaluation(await ctxFor(t.db, 'unit'), await selfForm({ intent: 'submit' }));
    expect(await evaluation()).toMatchObject({ status: 'submitted', returnReason: null });
  });

  it('completes the review: 50 of 100 hectares and satisfaction below target is 45.00, 差', async () => {
    const done = await review('evaluator', '50', '80', 'complete');
    expect(done).toMatchObject({ status: 'reviewed', totalScore: '45.00', grade: 'poor' });
    expect((await myInbox(await ctxFor(t.db, 'approver'))).map((i) => i.id)).toContain(app.itemId);
  });

  it('refuses the approval to the reviewer and to anyone who took part, writing nothing', async () => {
    const audits = (await t.db.select({ n: count() }).from(s.auditLog))[0]!.n;
    const e = await evaluation();
    // The seeded definition gives the approval to a reviewer: the evaluator's role cannot take it.
    expect((await refusal(approveEvaluation(await ctxFor(t.db, 'evaluator'), { evaluationId, expectedRevision: e.revision }))).messageKey).toBe('workflow.refused.wrong_role');
    // Whatever a definition says, the approval's effect refuses the person who reviewed…
    const evaluator = await ctxFor(t.db, 'evaluator');
    const effect = await refusal(t.db.transaction((tx) => publishEvaluation(tx, evaluator.actor, app.applicationId, new Date())));
    expect(effect.messageKey).toBe('evaluation.fourEyes');
    // …and so does the database.
    await expect(t.db.execute(sql`update evaluations set approved_by = evaluator_id where id = ${evaluationId}`)).rejects.toThrow();
    expect(await stage()).toBe('accepted');
    expect(await publicationsOf()).toEqual([]);
    expect((await t.db.select({ n: count() }).from(s.auditLog))[0]!.n).toBe(audits);
  });

  it('rolls the stage change and its audit entry back when the publication fails', async () => {
    const audits = (await t.db.select({ n: count() }).from(s.auditLog))[0]!.n;
    await t.db.execute(sql`create function refuse_evaluation_result() returns trigger language plpgsql as $$ begin raise exception 'publication refused for the test'; end $$`);
    await t.db.execute(sql`create trigger refuse_evaluation_result before insert on publications for each row when (new.kind = 'evaluation_result') execute function refuse_evaluation_result()`);
    try {
      await expect(approveEvaluation(await ctxFor(t.db, 'approver'), { evaluationId, expectedRevision: (await evaluation()).revision })).rejects.toThrow();
    } finally {
      await t.db.execute(sql`drop trigger refuse_evaluation_result on publications`);
      await t.db.execute(sql`drop function refuse_evaluation_result()`);
    }
    expect(await stage()).toBe('accepted');
    expect((await evaluation()).status).toBe('reviewed');
    expect((await t.db.select({ n: count() }).from(s.auditLog))[0]!.n).toBe(audits);
    expect((await t.db.select({ n: count() }).from(s.workflowTransitions).where(and(eq(s.workflowTransitions.itemId, app.itemId), eq(s.workflowTransitions.action, 'evaluate'))))[0]!.n).toBe(0);
  });

  it('approves and publishes exactly once, in the transaction of the stage change and its audit entry', async () => {
    const approver = await ctxFor(t.db, 'approver');
    const e = await evaluation();
    const moved = await approveEvaluation(approver, { evaluationId, expectedRevision: e.revision });
    expect(moved.stage).toBe('evaluated');
    expect(await evaluation()).toMatchObject({ status: 'approved', approvedBy: approver.actor.id, totalScore: '45.00', grade: 'poor' });
    const pubs = await publicationsOf();
    expect(pubs).toHaveLength(1);
    const content = pubs[0]!.content as { projectCode: string; totalScore: string; grade: string; findings: string; corrections: string; indicators: { name: string; target: string; actual: string; points: string; evidence: { sha256: string }[] }[] };
    expect(content).toMatchObject({ projectCode: app.projectCode, totalScore: '45.00', grade: 'poor', findings: '修复面积未达到申报目标，部分边坡覆土厚度不足。', corrections: '2026年6月底前补植并补充覆土，报县自然资源局复验。' });
    expect(content.indicators.map((i) => [i.name, i.target, i.actual, i.points])).toEqual([
      ['修复废弃矿山面积', '100', '50', '45.00'],
      ['服务对象满意度', '90', '80', '0.00'],
    ]);
    expect(content.indicators[0]!.evidence.map((x) => x.sha256)).toEqual([sha256Hex(PDF('area 95 ha'))]);
    // The transition's audit entry names the publication: both were written together.
    const [transition] = await t.db.select().from(s.workflowTransitions).where(and(eq(s.workflowTransitions.itemId, app.itemId), eq(s.workflowTransitions.action, 'evaluate')));
    expect((transition!.changes as { publicationIds: number[] }).publicationIds).toEqual([pubs[0]!.id]);
    const [audit] = await t.db.select().from(s.auditLog).where(and(eq(s.auditLog.action, 'workflow.evaluate'), eq(s.auditLog.entityId, String(app.applicationId))));
    expect((audit!.after as { publicationIds: number[] }).publicationIds).toEqual([pubs[0]!.id]);
    // The evaluation's disclosure obligations (owed at 验收 and at 绩效评价) are settled by it.
    const owed = await t.db.select().from(s.disclosureObligations).where(and(eq(s.disclosureObligations.kind, 'evaluation_result'), eq(s.disclosureObligations.subjectType, 'project'), eq(s.disclosureObligations.subjectId, app.projectId)));
    // (Those of this application: owed from its 验收 on; the demo's earlier evaluation of another year settled its own.)
    const [completed] = await t.db.select({ at: s.workflowTransitions.at }).from(s.workflowTransitions).where(and(eq(s.workflowTransitions.itemId, app.itemId), eq(s.workflowTransitions.action, 'complete')));
    const mine = owed.filter((o) => o.eventAt >= completed!.at);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((o) => o.publicationId === pubs[0]!.id)).toBe(true);
    // A second approval finds nothing to approve.
    expect((await refusal(approveEvaluation(approver, { evaluationId, expectedRevision: (await evaluation()).revision }))).code).toBe('conflict');
    expect(await publicationsOf()).toHaveLength(1);
  });

  it('shows the result on the public record, and nowhere once its project is withheld', async () => {
    const shown = await listProjectEvaluations(app.projectCode, t.db);
    expect(shown.map((x) => [x.totalScore, x.grade])).toEqual([['45.00', 'poor']]);
    const completeness = await getProjectCompleteness(app.projectCode, t.db);
    expect(completeness.kinds.evaluation_result!.onTime).toBeGreaterThan(0);
    expect(completeness.kinds.evaluation_result!.missing).toBe(0);
    const listed = await listPublications({ kind: 'evaluation_result', project: app.projectCode }, t.db);
    expect(listed.publications.length).toBe(1);
    const programme = await evaluationRollup({ programme: 'DEMO-2026-CN' }, t.db);
    expect(programme.projects).toBe(1);
    expect(programme.byGrade.poor.projects).toBe(1);
    expect(programme.weightedScore).toBe('45.00');
    const county = await evaluationRollup({ county: '140322' }, t.db);
    // Weighted by all the money the project received, as published (this application's 3.5 万元 among it).
    // …together with the demo's own 差 projects in the county, if any.
    const [received] = await t.db
      .execute(
        sql`select sum(t.amount_fen)::text as fen from transfers t join holders h on h.id = t.to_holder_id
          where h.project_id in (select e.project_id from evaluations e join project_counties pc on pc.project_id = e.project_id join organisations c on c.id = pc.county_id
                                 where e.status = 'approved' and e.grade = 'poor' and c.code = '140322')`,
      )
      .then((r) => (Array.isArray(r) ? r : (r as { rows: { fen: string }[] }).rows) as { fen: string }[]);
    expect(county.byGrade.poor.fundsFen).toBe(BigInt(received!.fen));
    expect(county.byGrade.poor.fundsFen).toBeGreaterThanOrEqual(35_000_000n);

    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const users = (await t.db.select({ id: s.users.id }).from(s.users).where(sql`${s.users.username} in ('officer-yx', 'reviewer-yx', 'admin')`)).map((u) => u.id);
    const [w] = await t.db.insert(s.withholdings).values({ itemType: 'project', itemId: app.projectId, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: users[0]!, approvedBy1: users[1]!, approvedBy2: users[2]!, status: 'active', activatedAt: new Date() }).returning({ id: s.withholdings.id });
    expect(await listProjectEvaluations(app.projectCode, t.db)).toEqual([]);
    expect((await listPublications({ kind: 'evaluation_result', project: app.projectCode }, t.db)).publications).toEqual([]);
    expect((await evaluationRollup({ programme: 'DEMO-2026-CN' }, t.db)).projects).toBe(0);
    await t.db.update(s.withholdings).set({ status: 'revoked' }).where(eq(s.withholdings.id, w!.id));
    expect(await listProjectEvaluations(app.projectCode, t.db)).toHaveLength(1);
  });

  it('feeds the approved score into the next batch’s performance factor, and the 差 rule adjusts it in public', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const [programme] = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2026-YQ'));
    expect(poorGradeRuleSchema.safeParse({ mode: 'reduce', percent: '0' }).success).toBe(false);
    await setPoorGradeRule(await ctxFor(t.db, 'admin'), poorGradeRuleSchema.parse({ mode: 'reduce', percent: '20' }));
    expect((await refusal(setPoorGradeRule(officer, { mode: 'stop', percent: '' }))).code).toBe('forbidden');
    const v = await createFormulaVersion(officer, formulaVersionSchema.parse({ clientKey: randomUUID(), programmeId: programme!.id, description: '按面积（90%）和上年绩效（10%）分配', unit: 'wan', defaultPerformanceValue: '80', factors: [
      { code: 'AREA', name: '待治理面积', unit: '公顷', source: '市规划和自然资源局', direction: 'more_is_more', weightPercent: '90' },
      { code: 'PERF', name: '上年绩效评价得分', unit: '分', source: '绩效评价结果', direction: 'more_is_more', weightPercent: '10', isPerformance: true },
    ] }));
    const b = await createBatch(officer, batchSchema.parse({ clientKey: randomUUID(), programmeId: programme!.id, formulaVersionId: v.id, title: '2026年市级生态修复资金绩效批', amount: '600000', unit: 'yuan', docNumber: '阳财建〔2026〕88号' }));
    const recipients = await recipientOptions(officer);
    await setFactorValues(officer, factorValuesSchema.parse({ batchId: b.batchId, expectedRevision: 0, rows: recipients.map((r) => ({ recipient: r.ref, source: '年鉴', values: { AREA: '100' } })) }));
    const step = async (who: string, action: string) => {
      const [it] = await t.db.select().from(s.workflowItems).where(eq(s.workflowItems.id, b.itemId));
      return applyTransition(await ctxFor(t.db, who), { itemId: b.itemId, action, expectedRevision: it!.revision });
    };
    for (const [who, action] of [['officer', 'enter_factors'], ['officer', 'compute'], ['reviewer', 'review'], ['approver', 'approve']] as const) await step(who, action);
    const published = await getPublishedAllocation(b.batchId, t.db);
    const c = published!.content;
    // 盂县's factor is the score this approval wrote; every other county had none and took the default.
    expect(c.performance!.find((p) => p.recipient === '140322')).toEqual({ recipient: '140322', factor: 'PERF', source: 'evaluation', score: '45.00', year: 2025, evaluations: 1 });
    expect(c.recipients.find((r) => r.code === '140322')!.values.PERF).toBe('45');
    expect(c.performance!.filter((p) => p.source === 'default').map((p) => p.recipient).sort()).toEqual(['140302', '140303', '140311', '140321', '140371']);
    // Its 差 cuts its amount by 20 %, said in the published result; the cut goes to the others, and the batch still adds up.
    const yu = c.recipients.find((r) => r.code === '140322')!;
    expect(BigInt(yu.finalFen)).toBe(BigInt(yu.computedFen) - (BigInt(yu.computedFen) * 2000n) / 10_000n);
    expect(yu.adjustmentReason).toContain('等级“差”');
    expect(yu.adjustmentReason).toContain('核减 20%');
    const others = c.recipients.filter((r) => r.code !== '140322');
    expect(others.every((r) => BigInt(r.finalFen) > BigInt(r.computedFen) && r.adjustmentReason!.includes('核减'))).toBe(true);
    const sum = (k: 'computedFen' | 'finalFen') => c.recipients.reduce((acc, r) => acc + BigInt(r[k]), 0n);
    expect(sum('finalFen')).toBe(sum('computedFen'));
  });

  it('keeps another unit out of the evaluation', async () => {
    const [neighbour] = await t.db.insert(s.organisations).values({ code: 'TEST-EVAL-UNIT-B', name: '盂县另一实施单位（评价）', nameEn: 'Another unit', level: 'unit', kind: 'implementing_unit', parentId: (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322')))[0]!.id }).returning({ id: s.organisations.id });
    await t.db.insert(s.users).values({ username: 'unit-eval-b', displayName: '另一单位', role: 'implementing_unit', organisationId: neighbour!.id, passwordHash: await hashPassword('x-Long-Password-1') });
    expect((await refusal(evaluationDetail(await ctxFor(t.db, 'unit-eval-b'), evaluationId))).code).toBe('not_found');
    expect((await evaluationList(await ctxFor(t.db, 'unit-eval-b'))).items).toEqual([]);
  });
});
