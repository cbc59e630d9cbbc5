import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { poorGradeRule, setPoorGradeRule } from '@/lib/dal/admin/evaluation-rule';
import type { Ctx } from '@/lib/dal/auth/session';
import { requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { approveEvaluation, evaluationDetail, evaluationList, openEvaluation, returnEvaluation, reviewEvaluation, saveSelfEvaluation } from '@/lib/dal/evaluation/evaluations';
import { approveIndicatorReport, listIndicatorWork, returnIndicatorReport, submitIndicatorReport } from '@/lib/dal/indicators/reports';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { chinaToday } from '@/lib/domain/china-date';
import { weightPercent } from '@/lib/domain/evaluation';
import { AppError } from '@/lib/errors';
import { indicatorReportSchema, type IndicatorReportInput } from '@/lib/schemas/indicators';
import { approveEvaluationSchema, poorGradeRuleSchema, reviewSchema, selfEvaluationSchema, type ReviewInput, type SelfEvaluationInput } from '@/lib/schemas/evaluation';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/*
 * The attacker's walk of performance evaluation and the plan's indicator reports, at the data layer
 * every server action calls: each role tries what it must not do, with other organisations' ids,
 * stale revisions, out-of-order steps and its own earlier work; each refusal has its stable code
 * and message key, and the database is exactly as it was before the attempt.
 */

/** Tables a sign-in or a refused call may legitimately touch (sessions, throttles, the security log). */
const VOLATILE = ['auth_sessions', 'auth_throttles', 'known_sign_in_addresses', 'security_events', 'rate_limits'];
/** Rows that can change in place: compared whole. Every other table is append-only here and compared by its row count. */
const MUTABLE = ['evaluations', 'evaluation_indicators', 'evaluation_evidence', 'workflow_items', 'settings', 'indicator_reports', 'indicator_report_submissions', 'withholdings', 'disclosure_obligations', 'users', 'projects', 'audit_head', 'idempotency_keys'];

const PDF = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

describe.each(DRIVERS)('evaluation and indicator attacks on %s', (driver) => {
  let t: TestDatabase;
  let tables: string[];
  const as: Record<string, Ctx> = {};
  /** A 平定县 application of the demo at 验收, not yet evaluated; and one of 盂县's demo results, approved. */
  let app: { applicationId: number; itemId: number; projectId: number };
  let evaluationId: number;
  let foreignIndicatorId: number;
  let approvedDemo: { id: number; revision: number };

  const snapshot = async () => {
    const out: Record<string, string> = {};
    for (const table of tables) {
      const whole = MUTABLE.includes(table);
      const q = whole
        ? sql.raw(`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as v from "${table}" t`)
        : sql.raw(`select count(*)::text as v from "${table}"`);
      out[table] = rowsOf<{ v: string }>(await t.db.execute(q))[0]!.v;
    }
    return out;
  };

  /** The attempt is refused with this code (and message key), and nothing at all changed. */
  const refused = async (attempt: () => Promise<unknown>, code: string, messageKey?: string, who = '') => {
    const before = await snapshot();
    const e = await attempt().then(
      () => null,
      (x: unknown) => x,
    );
    expect(e, `expected a refusal ${who}`).toBeInstanceOf(AppError);
    expect((e as AppError).code, who).toBe(code);
    if (messageKey) expect((e as AppError).messageKey, who).toBe(messageKey);
    expect(await snapshot(), who).toEqual(before);
    return e as AppError;
  };

  const evaluation = async () => (await t.db.select().from(s.evaluations).where(eq(s.evaluations.id, evaluationId)))[0]!;
  const itemRevision = async () => (await t.db.select({ revision: s.workflowItems.revision }).from(s.workflowItems).where(eq(s.workflowItems.id, app.itemId)))[0]!.revision;

  /** The unit's set as its form sends it: every indicator at its target, only the first needing evidence. */
  const selfForm = async (over: Partial<SelfEvaluationInput> = {}): Promise<SelfEvaluationInput> => {
    const d = await evaluationDetail(as['unit-pd']!, evaluationId);
    return selfEvaluationSchema.parse({
      evaluationId,
      expectedRevision: d.revision,
      intent: 'save',
      summary: '工程按设计完成，边坡稳定，植被恢复良好。',
      indicators: d.indicators.map((i, n) => ({
        id: i.id,
        category: i.category,
        subcategory: i.subcategory,
        name: i.name,
        unit: i.unit,
        weight: weightPercent(i.weightBp),
        direction: i.direction,
        rule: i.rule,
        target: i.target,
        selfValue: i.target,
        evidenceRequired: n === 0,
        source: i.category === 'satisfaction' ? '2026年10月周边村民问卷（发放120份，回收113份）' : '',
      })),
      ...over,
    });
  };
  const reviewForm = async (over: Partial<ReviewInput> = {}): Promise<ReviewInput> => {
    const d = await evaluationDetail(as.evaluator!, evaluationId);
    return reviewSchema.parse({
      evaluationId,
      expectedRevision: d.revision,
      intent: 'save',
      actuals: d.indicators.map((i) => ({ indicatorId: i.id, actual: i.target })),
      findings: '工程完成情况与自评一致，资料齐全。',
      corrections: '无',
      ...over,
    });
  };

  /** Gives a demo account another role (and organisation) for one attempt, as an administrator could; restored after. */
  const asSwitched = async <T>(username: string, change: { role: (typeof s.users.$inferSelect)['role']; org?: string }, run: (ctx: Ctx) => Promise<T>): Promise<T> => {
    const [u] = await t.db.select({ role: s.users.role, organisationId: s.users.organisationId }).from(s.users).where(eq(s.users.username, username));
    const orgId = change.org ? (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, change.org)))[0]!.id : u!.organisationId;
    await t.db.update(s.users).set({ role: change.role, organisationId: orgId }).where(eq(s.users.username, username));
    try {
      return await run(await ctxFor(t.db, username));
    } finally {
      await t.db.update(s.users).set({ role: u!.role, organisationId: u!.organisationId }).where(eq(s.users.username, username));
    }
  };

  beforeAll(async () => {
    t = await createDatabase(driver);
    tables = rowsOf<{ name: string }>(await t.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`))
      .map((r) => r.name)
      .filter((n) => !VOLATILE.includes(n) && !n.startsWith('__'));
    for (const u of ['unit', 'unit-pd', 'evaluator', 'reviewer', 'approver', 'reviewer-pd', 'reviewer-yx', 'officer', 'officer-pd', 'officer-yx', 'officer-zr', 'reviewer-zr', 'admin', 'auditor', 'moderator']) as[u] = await ctxFor(t.db, u);
    const [pd] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, 'DEMO-UNIT-140321'));
    const [accepted] = await t.db
      .select({ applicationId: s.projectApplications.id, itemId: s.workflowItems.id, projectId: s.projectApplications.projectId })
      .from(s.projectApplications)
      .innerJoin(s.workflowItems, and(eq(s.workflowItems.kind, 'project_application'), eq(s.workflowItems.subjectId, s.projectApplications.id)))
      .leftJoin(s.evaluations, eq(s.evaluations.applicationId, s.projectApplications.id))
      .where(and(eq(s.workflowItems.stage, 'accepted'), eq(s.projectApplications.applicantOrgId, pd!.id), isNull(s.evaluations.id)))
      .orderBy(s.projectApplications.id)
      .limit(1);
    expect(accepted, 'the demo has an accepted 平定县 application awaiting evaluation').toBeDefined();
    app = accepted!;
    const [demo] = await t.db.select({ id: s.evaluations.id, revision: s.evaluations.revision }).from(s.evaluations).where(eq(s.evaluations.status, 'approved')).orderBy(s.evaluations.id).limit(1);
    approvedDemo = demo!;
    const [foreign] = await t.db.select({ id: s.evaluationIndicators.id }).from(s.evaluationIndicators).where(eq(s.evaluationIndicators.evaluationId, demo!.id)).limit(1);
    foreignIndicatorId = foreign!.id;
  });
  afterAll(async () => t?.drop());

  it('opening: only the project’s own unit, only at 验收', async () => {
    for (const u of ['evaluator', 'reviewer', 'reviewer-pd', 'officer-pd', 'admin', 'auditor']) await refused(() => openEvaluation(as[u]!, app.applicationId), 'forbidden', undefined, u);
    // Another county's unit: the application does not exist for it.
    await refused(() => openEvaluation(as.unit!, app.applicationId), 'not_found');
    await refused(() => openEvaluation(as['unit-pd']!, 2_000_000_000), 'not_found');
    const [notAccepted] = await t.db
      .select({ id: s.projectApplications.id })
      .from(s.projectApplications)
      .innerJoin(s.workflowItems, and(eq(s.workflowItems.kind, 'project_application'), eq(s.workflowItems.subjectId, s.projectApplications.id)))
      .where(and(eq(s.projectApplications.applicantOrgId, as['unit-pd']!.actor.organisationId), ne(s.workflowItems.stage, 'accepted'), ne(s.workflowItems.stage, 'evaluated'), ne(s.workflowItems.stage, 'closed')))
      .limit(1);
    await refused(() => openEvaluation(as['unit-pd']!, notAccepted!.id), 'conflict', 'evaluation.notAccepted');

    ({ evaluationId } = await openEvaluation(as['unit-pd']!, app.applicationId));
    // Opening again is the same evaluation and writes nothing.
    const before = await snapshot();
    expect((await openEvaluation(as['unit-pd']!, app.applicationId)).evaluationId).toBe(evaluationId);
    expect(await snapshot()).toEqual(before);
  });

  it('reading: nobody outside the project’s unit and the governments above it sees the evaluation', async () => {
    for (const u of ['unit', 'reviewer-yx', 'officer', 'officer-pd', 'officer-zr', 'moderator']) await refused(() => evaluationDetail(as[u]!, evaluationId), 'not_found', undefined, u);
    for (const u of ['unit', 'reviewer-yx', 'officer-zr', 'moderator']) expect((await evaluationList(as[u]!)).items.map((i) => i.id), u).not.toContain(evaluationId);
    expect((await evaluationDetail(as['reviewer-pd']!, evaluationId)).may).toEqual({ selfEvaluate: false, review: false, approve: false });
  });

  it('self-evaluation: only the unit, on the revision it saw, with a set whose weights hold', async () => {
    const form = await selfForm();
    for (const u of ['evaluator', 'reviewer-pd', 'approver', 'admin']) await refused(() => saveSelfEvaluation(as[u]!, form), 'forbidden', undefined, u);
    await refused(() => saveSelfEvaluation(as.unit!, form), 'not_found');
    await refused(() => saveSelfEvaluation(as['unit-pd']!, { ...form, expectedRevision: form.expectedRevision + 1 }), 'stale', 'workflow.stale');
    // Another evaluation's indicator, by id.
    await refused(() => saveSelfEvaluation(as['unit-pd']!, { ...form, indicators: form.indicators.map((i, n) => (n === 0 ? { ...i, id: foreignIndicatorId } : i)) }), 'validation', 'errors.validation');
    // One saved indicator twice (and another dropped): the stored set would no longer sum to 100.
    const [first, second] = form.indicators;
    await refused(() => saveSelfEvaluation(as['unit-pd']!, { ...form, indicators: [{ ...first!, weight: '50' }, { ...first!, weight: '50' }] }), 'validation', 'errors.validation');
    expect(second).toBeDefined();
    // Weights that do not sum to 100 reach the data layer when the form's check is skipped.
    await refused(() => saveSelfEvaluation(as['unit-pd']!, { ...form, indicators: form.indicators.map((i, n) => (n === 0 ? { ...i, weight: weightPercent(Math.round(Number(i.weight) * 100) - 1) } : i)) }), 'validation', 'evaluation.weightsSum');
    // Out of order: nothing to review or approve yet.
    await refused(() => reviewEvaluation(as.evaluator!, { evaluationId, expectedRevision: form.expectedRevision, intent: 'save', actuals: [], findings: '', corrections: '' }), 'conflict', 'evaluation.notSubmitted');
    await refused(() => approveEvaluation(as.approver!, { evaluationId, expectedRevision: form.expectedRevision }), 'conflict', 'evaluation.notReviewed');
    await refused(async () => applyTransition(as.approver!, { itemId: app.itemId, action: 'evaluate', expectedRevision: await itemRevision() }), 'conflict', 'evaluation.notReviewed');
    // Submitting without the evidence the first indicator needs, even with a file for another one.
    const submit = await selfForm({ intent: 'submit' });
    await refused(() => saveSelfEvaluation(as['unit-pd']!, submit, new Map([[1, [{ filename: '问卷.pdf', bytes: PDF('survey') }]]])), 'validation', 'evaluation.evidenceRequired');
    // Malformed bodies never reach the data layer: each is a message on its field.
    const bad = selfEvaluationSchema.safeParse({ ...submit, expectedRevision: 'x', indicators: [{ ...submit.indicators[0], weight: '101', target: '-1', selfValue: '1e9', category: 'bogus' }] });
    expect(bad.success).toBe(false);
    expect(new Set(bad.error!.issues.map((i) => i.path.join('.')))).toEqual(new Set(['expectedRevision', 'indicators.0.category', 'indicators.0.weight', 'indicators.0.target', 'indicators.0.selfValue']));

    await saveSelfEvaluation(as['unit-pd']!, await selfForm(), new Map([[0, [{ filename: '竣工测量报告.pdf', bytes: PDF('as built') }]]]));
    await saveSelfEvaluation(as['unit-pd']!, await selfForm({ intent: 'submit' }));
    expect((await evaluation()).status).toBe('submitted');
  });

  it('review: only an evaluator outside the project’s organisation, on the revision they saw, scoring exactly the set', async () => {
    const form = await reviewForm();
    await refused(async () => saveSelfEvaluation(as['unit-pd']!, await selfForm()), 'conflict', 'evaluation.notEditable');
    for (const u of ['unit-pd', 'reviewer-pd', 'approver', 'officer', 'admin']) await refused(() => reviewEvaluation(as[u]!, form), 'forbidden', undefined, u);
    await refused(() => reviewEvaluation(as.evaluator!, { ...form, expectedRevision: form.expectedRevision - 1 }), 'stale', 'workflow.stale');
    await refused(() => reviewEvaluation(as.evaluator!, { ...form, actuals: form.actuals.slice(1) }), 'validation', 'errors.validation');
    await refused(() => reviewEvaluation(as.evaluator!, { ...form, actuals: form.actuals.map((a, n) => (n === 0 ? { ...a, indicatorId: foreignIndicatorId } : a)) }), 'validation', 'errors.validation');
    await refused(() => reviewEvaluation(as.evaluator!, { ...form, actuals: [...form.actuals.slice(0, -1), form.actuals[0]!] }), 'validation', 'errors.validation');
    // An evaluator of the project's own organisation.
    const [own] = await t.db.select({ org: s.projects.implementingOrgId }).from(s.projects).where(eq(s.projects.id, app.projectId));
    await t.db.update(s.projects).set({ implementingOrgId: as.evaluator!.actor.organisationId }).where(eq(s.projects.id, app.projectId));
    try {
      await refused(() => reviewEvaluation(as.evaluator!, form), 'forbidden', 'evaluation.ownOrganisation');
      await refused(() => returnEvaluation(as.evaluator!, { evaluationId, expectedRevision: form.expectedRevision, reason: '请补充材料后重新提交。' }), 'forbidden', 'evaluation.ownOrganisation');
    } finally {
      await t.db.update(s.projects).set({ implementingOrgId: own!.org }).where(eq(s.projects.id, app.projectId));
    }
    // Completing without every value or without findings.
    const incomplete = reviewSchema.safeParse({ ...form, intent: 'complete', findings: '短', actuals: form.actuals.map((a, n) => (n === 0 ? { ...a, actual: '' } : a)) });
    expect(incomplete.error!.issues.map((i) => i.message).sort()).toEqual(['evaluation.actualRequired', 'evaluation.findingsRequired']);
    await refused(() => reviewEvaluation(as.evaluator!, { ...form, intent: 'complete', actuals: form.actuals.map((a, n) => (n === 0 ? { ...a, actual: '' } : a)) }), 'validation', 'evaluation.actualRequired');
    // Returns: never by the unit nor by a reviewer at this step, never without a reason, never on an old revision.
    await refused(() => returnEvaluation(as['unit-pd']!, { evaluationId, expectedRevision: form.expectedRevision, reason: '我想改一下。' }), 'conflict', 'workflow.notAllowedHere');
    await refused(() => returnEvaluation(as['reviewer-pd']!, { evaluationId, expectedRevision: form.expectedRevision, reason: '退回重新自评。' }), 'conflict', 'workflow.notAllowedHere');
    await refused(() => returnEvaluation(as.unit!, { evaluationId, expectedRevision: form.expectedRevision, reason: '退回重新自评。' }), 'not_found');
    await refused(() => returnEvaluation(as.evaluator!, { evaluationId, expectedRevision: form.expectedRevision, reason: '   ' }), 'validation', 'workflow.reasonRequired');
    await refused(() => returnEvaluation(as.evaluator!, { evaluationId, expectedRevision: form.expectedRevision + 1, reason: '请补充材料。' }), 'stale', 'workflow.stale');

    expect(await reviewEvaluation(as.evaluator!, await reviewForm({ intent: 'complete' }))).toMatchObject({ status: 'reviewed', totalScore: '100.00', grade: 'excellent' });
  });

  it('approval: a second person, never the evaluator nor the self-evaluator, on the revision they saw', async () => {
    const seen = (await evaluation()).revision;
    await refused(() => reviewEvaluation(as.evaluator!, { evaluationId, expectedRevision: seen, intent: 'save', actuals: [], findings: '', corrections: '' }), 'conflict', 'evaluation.notSubmitted');
    for (const u of ['evaluator', 'unit-pd']) await refused(() => approveEvaluation(as[u]!, { evaluationId, expectedRevision: seen }), 'forbidden', 'workflow.refused.wrong_role', u);
    for (const u of ['reviewer-yx', 'officer', 'officer-pd', 'unit']) await refused(() => approveEvaluation(as[u]!, { evaluationId, expectedRevision: seen }), 'not_found', undefined, u);
    await refused(() => approveEvaluation(as.approver!, { evaluationId, expectedRevision: seen - 1 }), 'stale', 'workflow.stale');
    // The same check inside the transition's transaction, where a return and a new review could slip in between.
    await refused(async () => applyTransition(as.approver!, { itemId: app.itemId, action: 'evaluate', expectedRevision: await itemRevision(), params: { evaluationRevision: seen - 1 } }), 'stale', 'workflow.stale');
    // The evaluator given a reviewer's role approves what they reviewed.
    await asSwitched('evaluator', { role: 'reviewer' }, (ctx) => refused(() => approveEvaluation(ctx, { evaluationId, expectedRevision: seen }), 'forbidden', 'evaluation.fourEyes'));
    // The unit's self-evaluator, moved to the county government as a reviewer, approves (the engine already knows them
    // as the application's submitter) or returns what they self-evaluated.
    await asSwitched('unit-pd', { role: 'reviewer', org: '140321' }, async (ctx) => {
      await refused(() => approveEvaluation(ctx, { evaluationId, expectedRevision: seen }), 'forbidden', 'workflow.refused.self_approval');
      await refused(() => returnEvaluation(ctx, { evaluationId, expectedRevision: seen, reason: '重新复核。' }), 'forbidden', 'evaluation.fourEyes');
    });
    expect(approveEvaluationSchema.safeParse({ evaluationId: 'x', expectedRevision: -1 }).success).toBe(false);

    const moved = await approveEvaluation(as['reviewer-pd']!, { evaluationId, expectedRevision: seen });
    expect(moved.stage).toBe('evaluated');
    expect(await evaluation()).toMatchObject({ status: 'approved', approvedBy: as['reviewer-pd']!.actor.id });
  });

  it('after approval: nothing approves, returns or edits it again', async () => {
    const e = await evaluation();
    await refused(() => approveEvaluation(as.approver!, { evaluationId, expectedRevision: e.revision }), 'conflict', 'evaluation.notReviewed');
    await refused(() => approveEvaluation(as.approver!, { evaluationId: approvedDemo.id, expectedRevision: approvedDemo.revision }), 'conflict', 'evaluation.notReviewed');
    await refused(() => returnEvaluation(as.approver!, { evaluationId, expectedRevision: e.revision, reason: '重新评价。' }), 'conflict', 'workflow.notAllowedHere');
    await refused(() => returnEvaluation(as.evaluator!, { evaluationId, expectedRevision: e.revision, reason: '重新评价。' }), 'conflict', 'workflow.notAllowedHere');
    await refused(async () => saveSelfEvaluation(as['unit-pd']!, { ...(await selfForm()), expectedRevision: e.revision }), 'conflict', 'evaluation.notEditable');
    await refused(async () => applyTransition(as.approver!, { itemId: app.itemId, action: 'evaluate', expectedRevision: await itemRevision() }), 'conflict', 'workflow.notAllowedHere');
  });

  it('the poor-grade rule: the administrator alone sets it, and only to a rule that means something', async () => {
    for (const u of ['officer', 'reviewer', 'approver', 'evaluator', 'unit', 'auditor', 'officer-zr']) {
      await refused(() => setPoorGradeRule(as[u]!, { mode: 'stop', percent: '' }), 'forbidden');
      await refused(() => poorGradeRule(as[u]!), 'forbidden');
    }
    for (const percent of ['0', '0.00', '100.01', '-5', 'abc', '']) expect(poorGradeRuleSchema.safeParse({ mode: 'reduce', percent }).success, percent).toBe(false);
    expect(poorGradeRuleSchema.safeParse({ mode: 'halve' }).success).toBe(false);
    for (const percent of ['0', '100.01']) await refused(() => setPoorGradeRule(as.admin!, { mode: 'reduce', percent }), 'validation', 'evaluation.rulePercent');
  });

  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  let indicatorIds: Record<string, number>;
  let submissionId: number;
  const report = (code: string, extra: Partial<IndicatorReportInput> = {}): IndicatorReportInput =>
    indicatorReportSchema.parse({ clientKey: randomUUID(), indicatorId: indicatorIds[code], year, value: '47.31', source: `${year}年森林资源年度监测`, method: '遥感解译与样地调查', measuredOn: `${year}-06-01`, ...extra });

  it('indicator reports: only an officer of the responsible bureau reports, and only a value the indicator can have', async () => {
    indicatorIds = Object.fromEntries((await t.db.select({ id: s.planIndicators.id, code: s.planIndicators.code }).from(s.planIndicators)).map((r) => [r.code, r.id]));
    for (const u of ['officer', 'officer-yx', 'officer-pd']) await refused(() => submitIndicatorReport(as[u]!, report('I02')), 'forbidden', 'indicators.notResponsible', u);
    for (const u of ['reviewer-zr', 'reviewer', 'unit', 'evaluator', 'admin', 'auditor']) await refused(() => submitIndicatorReport(as[u]!, report('I02')), 'forbidden', undefined, u);
    const zr = as['officer-zr']!;
    await refused(() => submitIndicatorReport(zr, { ...report('I02'), indicatorId: 2_000_000_000 }), 'validation', 'indicators.unknownIndicator');
    await refused(() => submitIndicatorReport(zr, report('I01', { value: '-1' })), 'validation', 'indicators.valueNegative');
    await refused(() => submitIndicatorReport(zr, report('I02', { value: '100.01' })), 'validation', 'indicators.valueAbove100');
    await refused(() => submitIndicatorReport(zr, report('I09', { value: '-100.01' })), 'validation', 'indicators.valueBelowMinus100');
    await refused(() => submitIndicatorReport(zr, report('I02', { measuredOn: chinaToday(new Date(Date.now() + 2 * 86_400_000)) })), 'validation', 'indicators.measuredInFuture');
    await refused(() => submitIndicatorReport(zr, report('I02', { measuredOn: `${year - 1}-12-31` })), 'validation', 'indicators.measuredBeforeYear');
    // A year not yet begun cannot have been measured.
    await refused(() => submitIndicatorReport(zr, report('I02', { year: year + 1, measuredOn: today })), 'validation', 'indicators.measuredBeforeYear');
    expect(indicatorReportSchema.safeParse({ ...report('I02'), year: 2036, changeReason: undefined }).error!.issues.map((i) => i.message)).toEqual(['indicators.yearRange']);
    const bad = indicatorReportSchema.safeParse({ clientKey: randomUUID(), indicatorId: 'I02', year: 'next', value: '1e3', source: '', method: 'x', measuredOn: '2026-02-30' });
    expect(new Set(bad.error!.issues.map((i) => i.path.join('.')))).toEqual(new Set(['indicatorId', 'year', 'value', 'source', 'method', 'measuredOn']));

    ({ id: submissionId } = await submitIndicatorReport(zr, report('I02')));
    // A second value while one awaits review.
    await refused(() => submitIndicatorReport(zr, report('I02', { value: '47.32' })), 'conflict', 'indicators.pendingExists');
  });

  it('indicator approval: a reviewer of the bureau other than the reporter, once', async () => {
    for (const u of ['officer-zr', 'officer', 'admin', 'evaluator', 'auditor', 'unit']) await refused(() => approveIndicatorReport(as[u]!, submissionId), 'forbidden', undefined, u);
    for (const u of ['reviewer', 'approver', 'reviewer-pd', 'reviewer-yx']) {
      await refused(() => approveIndicatorReport(as[u]!, submissionId), 'not_found');
      await refused(() => returnIndicatorReport(as[u]!, { submissionId, reason: '数据来源不清。' }), 'not_found');
      expect((await listIndicatorWork(as[u]!)).flatMap((i) => i.submissions), u).toEqual([]);
    }
    await refused(() => approveIndicatorReport(as['reviewer-zr']!, 2_000_000_000), 'not_found');
    await refused(() => returnIndicatorReport(as['reviewer-zr']!, { submissionId, reason: '否' }), 'validation', 'indicators.returnReasonRequired');
    // The reporter given a reviewer's role approves or returns their own value.
    await asSwitched('officer-zr', { role: 'reviewer' }, async (ctx) => {
      await refused(() => approveIndicatorReport(ctx, submissionId), 'forbidden', 'indicators.approverIsSubmitter');
      await refused(() => returnIndicatorReport(ctx, { submissionId, reason: '自己退回自己。' }), 'forbidden', 'indicators.approverIsSubmitter');
    });

    await approveIndicatorReport(as['reviewer-zr']!, submissionId);
    await refused(() => approveIndicatorReport(as['reviewer-zr']!, submissionId), 'conflict', 'indicators.notPending');
    await refused(() => returnIndicatorReport(as['reviewer-zr']!, { submissionId, reason: '重新核实。' }), 'conflict', 'indicators.notPending');
    // A second value for the year is a correction and says why.
    await refused(() => submitIndicatorReport(as['officer-zr']!, report('I02', { value: '47.40' })), 'validation', 'indicators.changeReasonRequired');
  });

  it('withholding what was published: only its own organisation asks, never the unit or another office', async () => {
    const [r] = await t.db.select({ id: s.indicatorReports.id }).from(s.indicatorReports).where(and(eq(s.indicatorReports.indicatorId, indicatorIds.I02!), eq(s.indicatorReports.year, year)));
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.active, true)).limit(1);
    const req = { itemType: 'indicator_report' as const, itemId: r!.id, reason: '涉及国家秘密，经保密审查不予公开', legalBasisId: basis!.id, reviewDate: '2030-12-31' };
    for (const u of ['officer', 'officer-pd']) await refused(() => requestWithholding(as[u]!, req), 'forbidden', 'disclosure.notYourItem', u);
    for (const u of ['unit-pd', 'reviewer-zr', 'evaluator']) await refused(() => requestWithholding(as[u]!, req), 'forbidden', undefined, u);
    // The evaluated project: by another county's officer, or by the unit itself (which asks through its county).
    const project = { ...req, itemType: 'project' as const, itemId: app.projectId };
    for (const u of ['officer-yx', 'officer-zr']) await refused(() => requestWithholding(as[u]!, project), 'forbidden', 'disclosure.notYourItem', u);
    await refused(() => requestWithholding(as['unit-pd']!, project), 'forbidden');
  });
});
