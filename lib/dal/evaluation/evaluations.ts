import 'server-only';
import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { evaluationEvidence, evaluationIndicators, evaluations, performanceTargets, projectApplications, projects, workflowItems } from '@/db/schema';
import { FULL_WEIGHT_BP, gradeOf, indicatorPoints, pointsText, totalPoints, weightBpOf, weightsProblem } from '@/lib/domain/evaluation';
import { CITIZEN_RATING_SOURCE } from '@/lib/domain/satisfaction';
import type { IndicatorDirection, IndicatorSubcategory } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors';
import type { ReviewInput, SelfEvaluationInput } from '@/lib/schemas/evaluation';
import type { Actor } from '../auth/actor';
import { assertCan, itemReach, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { storeDocument, type UploadedFile } from '../internal/documents';
import { citizenSatisfaction } from '../internal/evaluation/citizen-ratings';
import { evidenceOf } from '../internal/evaluation/publish';
import { orgsUnderGovernment } from '../internal/ledger/holder-refs';
import { applyTransition } from '../workflow/engine';

/*
 * 绩效评价 of an accepted project: the implementing unit evaluates itself against the targets it
 * committed to at application (draft → submitted), an evaluator of a government above it reviews,
 * scores and writes findings (reviewed), and a second person approves through the application's
 * workflow (验收 → 绩效评价), whose effect publishes the result (lib/dal/internal/evaluation/publish.ts).
 */

type EvaluationRow = typeof evaluations.$inferSelect;

interface Loaded {
  evaluation: EvaluationRow;
  projectOrgId: number | null;
  applicantOrgId: number | null;
  itemOrgId: number | null;
}

async function load(db: Queryable, evaluationId: number): Promise<Loaded | null> {
  const [row] = await db
    .select({ evaluation: evaluations, projectOrgId: projects.implementingOrgId, applicantOrgId: projectApplications.applicantOrgId, itemOrgId: workflowItems.organisationId })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .leftJoin(projectApplications, eq(projectApplications.id, evaluations.applicationId))
    .leftJoin(workflowItems, and(eq(workflowItems.kind, 'project_application'), eq(workflowItems.subjectId, evaluations.applicationId)))
    .where(eq(evaluations.id, evaluationId));
  return row ?? null;
}

const isUnitOf = (actor: Actor, l: Pick<Loaded, 'projectOrgId' | 'applicantOrgId'>) => l.projectOrgId === actor.organisationId || l.applicantOrgId === actor.organisationId;

async function governs(db: Queryable, actor: Actor, orgId: number | null): Promise<boolean> {
  return orgId !== null && (await orgsUnderGovernment(db, actor.organisationId)).includes(orgId);
}

/** Whether the actor may see the evaluation at all; a refusal reads as not found. */
async function maySeeEvaluation(db: Queryable, actor: Actor, l: Loaded): Promise<boolean> {
  if (actor.scope === 'all') return true;
  if (actor.role === 'implementing_unit') return isUnitOf(actor, l);
  if (actor.role === 'evaluator' || actor.role === 'reviewer') return governs(db, actor, l.itemOrgId ?? l.projectOrgId);
  return false;
}

async function loadVisible(db: Queryable, actor: Actor, evaluationId: number, lock = false): Promise<Loaded> {
  if (lock) await db.execute(sql`select id from evaluations where id = ${evaluationId} for update`);
  const l = await load(db, evaluationId);
  if (!l || !(await maySeeEvaluation(db, actor, l))) throw new AppError('not_found');
  return l;
}

function expectRevision(e: EvaluationRow, expected: number) {
  if (e.revision !== expected) throw new AppError('stale', 'workflow.stale');
}

/** Evaluators judge other organisations' works only. */
function assertNotOwnOrganisation(actor: Actor, l: Loaded) {
  if (isUnitOf(actor, l) || l.itemOrgId === actor.organisationId) throw new AppError('forbidden', 'evaluation.ownOrganisation');
}

const DIRECTION_OF: Partial<Record<IndicatorSubcategory, IndicatorDirection>> = { cost: 'lower_better' };

/** Even weights summing to exactly 100 %: the remainder goes to the first indicators. */
function evenWeights(n: number): number[] {
  const base = Math.floor(FULL_WEIGHT_BP / n);
  return Array.from({ length: n }, (_, i) => base + (i < FULL_WEIGHT_BP - base * n ? 1 : 0));
}

/**
 * The unit starts the self-evaluation of an accepted application: its indicator set is the
 * targets committed at application plus the satisfaction indicator, evenly weighted to begin with.
 * When citizens have rated the project, the satisfaction indicator is offered their figure.
 */
export async function openEvaluation(ctx: Ctx, applicationId: number): Promise<{ evaluationId: number }> {
  const { db, actor } = ctx;
  assertCan(actor, 'project.apply');
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select({ id: projectApplications.id, projectId: projectApplications.projectId, fiscalYear: projectApplications.fiscalYear, applicantOrgId: projectApplications.applicantOrgId, projectOrgId: projects.implementingOrgId, stage: workflowItems.stage })
      .from(projectApplications)
      .innerJoin(projects, eq(projects.id, projectApplications.projectId))
      .innerJoin(workflowItems, and(eq(workflowItems.kind, 'project_application'), eq(workflowItems.subjectId, projectApplications.id)))
      .where(eq(projectApplications.id, applicationId))
      .for('update', { of: workflowItems });
    if (!app || !isUnitOf(actor, app)) throw new AppError('not_found');
    if (app.stage !== 'accepted') throw new AppError('conflict', 'evaluation.notAccepted');
    const [existing] = await tx.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.applicationId, applicationId));
    if (existing) return { evaluationId: existing.id };
    // The fiscal year whose funds are evaluated: the next year's formula reads it as last year's performance.
    const year = app.fiscalYear;
    const [clash] = await tx.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.projectId, app.projectId), eq(evaluations.year, year)));
    if (clash) throw new AppError('conflict', 'evaluation.yearTaken');
    const [e] = await tx.insert(evaluations).values({ projectId: app.projectId, applicationId, year, status: 'draft', createdBy: actor.id, createdAt: now }).returning({ id: evaluations.id });
    const targets = await tx.select().from(performanceTargets).where(eq(performanceTargets.applicationId, applicationId)).orderBy(asc(performanceTargets.id));
    const citizens = await citizenSatisfaction(tx, app.projectId);
    const rows = [
      ...targets.map((t) => ({ performanceTargetId: t.id, category: t.category, subcategory: t.subcategory, name: t.name, unit: t.unit, targetValue: t.targetValue, direction: DIRECTION_OF[t.subcategory] ?? ('higher_better' as const) })),
      { performanceTargetId: null, category: 'satisfaction' as const, subcategory: 'satisfaction' as const, name: '服务对象满意度', unit: '%', targetValue: '90', direction: 'higher_better' as const, selfValue: citizens?.percent ?? null, source: citizens?.source ?? null },
    ];
    const weights = evenWeights(rows.length);
    await tx.insert(evaluationIndicators).values(rows.map((r, i) => ({ ...r, evaluationId: e!.id, position: i, weightBp: weights[i]!, rule: 'proportional' as const })));
    await appendAudit(tx, { actor, action: 'evaluation.opened', entityType: 'evaluation', entityId: e!.id, after: { applicationId, projectId: app.projectId, year, indicators: rows.length, citizenRatings: citizens?.ratings ?? 0 }, at: now });
    return { evaluationId: e!.id };
  });
}

/** Checks a set's weights in the data layer too: a set not summing to 100 is never stored. */
function assertWeights(weightsBp: number[]) {
  if (weightsProblem(weightsBp)) throw new AppError('validation', 'evaluation.weightsSum', { indicators: 'evaluation.weightsSum' });
}

/**
 * 项目单位自评: saves the indicator set, the unit's actual values and evidence files (stored with
 * their SHA-256), and on `submit` hands it to the evaluators. Evidence arrives per indicator, by
 * its position in the submitted list.
 *
 * A satisfaction indicator whose source is the portal's citizens' ratings ("公众评价 N 份") gets its
 * value and count from the ratings confirmed at this moment, whatever the form sent: a value that
 * names the public as its source is computed, never typed, and is current when it is submitted.
 * A unit with a survey of its own names that survey instead and reports its figure.
 */
export async function saveSelfEvaluation(ctx: Ctx, cmd: SelfEvaluationInput, evidence: Map<number, UploadedFile[]> = new Map()): Promise<{ revision: number; status: string; indicatorIds: number[] }> {
  const { db, actor } = ctx;
  assertCan(actor, 'project.apply');
  const now = nowOf(ctx);
  assertWeights(cmd.indicators.map((i) => weightBpOf(i.weight)));
  return db.transaction(async (tx) => {
    const l = await loadVisible(tx, actor, cmd.evaluationId, true);
    if (!isUnitOf(actor, l)) throw new AppError('not_found');
    const e = l.evaluation;
    if (e.status !== 'draft') throw new AppError('conflict', 'evaluation.notEditable');
    expectRevision(e, cmd.expectedRevision);
    const indicators = await withCitizenSatisfaction(tx, e.projectId, cmd.indicators);
    const existing = await tx.select({ id: evaluationIndicators.id }).from(evaluationIndicators).where(eq(evaluationIndicators.evaluationId, e.id));
    const existingIds = new Set(existing.map((r) => r.id));
    // One saved indicator twice would be written once, leaving a stored set whose weights no longer sum to 100.
    const givenIds = cmd.indicators.flatMap((i) => (i.id === '' ? [] : [i.id]));
    if (new Set(givenIds).size !== givenIds.length) throw new AppError('validation', 'errors.validation', { indicators: 'errors.validation' });
    const kept: number[] = [];
    const ids: number[] = [];
    for (const [position, i] of indicators.entries()) {
      const values = {
        category: i.category,
        subcategory: i.subcategory,
        name: i.name,
        unit: i.unit,
        weightBp: weightBpOf(i.weight),
        direction: i.direction,
        rule: i.rule,
        evidenceRequired: i.evidenceRequired,
        targetValue: i.target,
        selfValue: i.selfValue === '' ? null : i.selfValue,
        source: i.source || null,
        note: i.note || null,
        position,
      };
      if (i.id !== '') {
        if (!existingIds.has(i.id)) throw new AppError('validation', 'errors.validation', { indicators: 'errors.validation' });
        await tx.update(evaluationIndicators).set(values).where(eq(evaluationIndicators.id, i.id));
        kept.push(i.id);
        ids.push(i.id);
      } else {
        const [row] = await tx.insert(evaluationIndicators).values({ ...values, evaluationId: e.id }).returning({ id: evaluationIndicators.id });
        ids.push(row!.id);
      }
    }
    const dropped = [...existingIds].filter((id) => !kept.includes(id));
    if (dropped.length) {
      await tx.delete(evaluationEvidence).where(inArray(evaluationEvidence.indicatorId, dropped));
      await tx.delete(evaluationIndicators).where(inArray(evaluationIndicators.id, dropped));
    }
    const stored: { indicatorId: number; sha256: string }[] = [];
    for (const [position, files] of evidence) {
      const indicatorId = ids[position];
      if (indicatorId === undefined) continue;
      for (const f of files) {
        const doc = await storeDocument(tx, f, actor.id, `evidence.${position}`);
        await tx.insert(evaluationEvidence).values({ indicatorId, documentId: doc.id, createdAt: now }).onConflictDoNothing();
        stored.push({ indicatorId, sha256: doc.sha256 });
      }
    }
    if (cmd.intent === 'submit') {
      const withEvidence = new Set((await tx.select({ id: evaluationEvidence.indicatorId }).from(evaluationEvidence).where(inArray(evaluationEvidence.indicatorId, ids))).map((r) => r.id));
      const missing = cmd.indicators.flatMap((i, n) => (i.evidenceRequired && !withEvidence.has(ids[n]!) ? [n] : []));
      if (missing.length) throw new AppError('validation', 'evaluation.evidenceRequired', Object.fromEntries(missing.map((n) => [`indicators.${n}.evidence`, 'evaluation.evidenceRequired'])));
    }
    const status = cmd.intent === 'submit' ? ('submitted' as const) : ('draft' as const);
    const [moved] = await tx
      .update(evaluations)
      .set({
        selfSummary: cmd.summary || null,
        status,
        revision: sql`${evaluations.revision} + 1`,
        ...(cmd.intent === 'submit' ? { selfSubmittedBy: actor.id, selfSubmittedAt: now, returnReason: null } : {}),
      })
      .where(and(eq(evaluations.id, e.id), eq(evaluations.revision, e.revision)))
      .returning({ revision: evaluations.revision });
    if (!moved) throw new AppError('stale', 'workflow.stale');
    await appendAudit(tx, {
      actor,
      action: cmd.intent === 'submit' ? 'evaluation.self_submitted' : 'evaluation.self_saved',
      entityType: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision },
      after: { status, revision: moved.revision, indicators: indicators.map((i) => ({ name: i.name, weight: i.weight, target: i.target, selfValue: i.selfValue, ...(i.source ? { source: i.source } : {}) })), evidence: stored },
      at: now,
    });
    return { revision: moved.revision, status, indicatorIds: ids };
  });
}

/** The indicators as given, with the citizens' figure in place of any value claiming it as source. */
async function withCitizenSatisfaction(db: Queryable, projectId: number, given: SelfEvaluationInput['indicators']): Promise<SelfEvaluationInput['indicators']> {
  const claims = (i: SelfEvaluationInput['indicators'][number]) => i.category === 'satisfaction' && CITIZEN_RATING_SOURCE.test(i.source);
  if (!given.some(claims)) return given;
  const citizens = await citizenSatisfaction(db, projectId);
  return given.map((i, n) => {
    if (!claims(i)) return i;
    if (!citizens) throw new AppError('validation', 'evaluation.noCitizenRatings', { [`indicators.${n}.source`]: 'evaluation.noCitizenRatings' });
    return { ...i, selfValue: citizens.percent, source: citizens.source };
  });
}

/**
 * 复核: the evaluator enters the values they accept, findings and required corrections; the points
 * follow from each indicator's rule. `complete` fixes the total and grade for approval.
 */
export async function reviewEvaluation(ctx: Ctx, cmd: ReviewInput): Promise<{ revision: number; status: string; totalScore: string | null; grade: string | null }> {
  const { db, actor } = ctx;
  assertCan(actor, 'evaluation.score');
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const l = await loadVisible(tx, actor, cmd.evaluationId, true);
    assertNotOwnOrganisation(actor, l);
    const e = l.evaluation;
    if (e.status !== 'submitted') throw new AppError('conflict', 'evaluation.notSubmitted');
    expectRevision(e, cmd.expectedRevision);
    const indicators = await tx.select().from(evaluationIndicators).where(eq(evaluationIndicators.evaluationId, e.id));
    const given = new Map(cmd.actuals.map((a) => [a.indicatorId, a.actual]));
    if (indicators.some((i) => !given.has(i.id)) || given.size !== indicators.length) throw new AppError('validation', 'errors.validation', { actuals: 'errors.validation' });
    const scored = indicators.map((i) => {
      const actual = given.get(i.id)!;
      const points = actual === '' ? null : indicatorPoints({ weightBp: i.weightBp, direction: i.direction, rule: i.rule, target: i.targetValue ?? '0', actual });
      return { id: i.id, actual, points, weightBp: i.weightBp, direction: i.direction, rule: i.rule, target: i.targetValue ?? '0' };
    });
    for (const s of scored) await tx.update(evaluationIndicators).set({ actualValue: s.actual === '' ? null : s.actual, score: s.points === null ? null : pointsText(s.points) }).where(eq(evaluationIndicators.id, s.id));
    const complete = scored.every((s) => s.points !== null);
    if (cmd.intent === 'complete' && !complete) throw new AppError('validation', 'evaluation.actualRequired', { actuals: 'evaluation.actualRequired' });
    assertWeights(indicators.map((i) => i.weightBp));
    const total = complete ? totalPoints(scored.map((s) => ({ weightBp: s.weightBp, direction: s.direction, rule: s.rule, target: s.target, actual: s.actual }))) : null;
    const totalScore = total === null ? null : pointsText(total);
    const grade = total === null ? null : gradeOf(total);
    const status = cmd.intent === 'complete' ? ('reviewed' as const) : ('submitted' as const);
    const [moved] = await tx
      .update(evaluations)
      .set({ evaluatorId: actor.id, findings: cmd.findings || null, corrections: cmd.corrections || null, totalScore, grade, status, revision: sql`${evaluations.revision} + 1`, ...(status === 'reviewed' ? { reviewedAt: now } : {}) })
      .where(and(eq(evaluations.id, e.id), eq(evaluations.revision, e.revision)))
      .returning({ revision: evaluations.revision });
    if (!moved) throw new AppError('stale', 'workflow.stale');
    await appendAudit(tx, {
      actor,
      action: status === 'reviewed' ? 'evaluation.reviewed' : 'evaluation.review_saved',
      entityType: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision },
      after: { status, revision: moved.revision, totalScore, grade, points: scored.map((s) => ({ indicatorId: s.id, actual: s.actual, points: s.points === null ? null : pointsText(s.points) })) },
      at: now,
    });
    return { revision: moved.revision, status, totalScore, grade };
  });
}

/**
 * Sends an evaluation back one step with its reason: the evaluator returns a self-evaluation to
 * the unit; the approver returns a review to the evaluators.
 */
export async function returnEvaluation(ctx: Ctx, cmd: { evaluationId: number; expectedRevision: number; reason: string }): Promise<{ revision: number; status: string }> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const now = nowOf(ctx);
  const reason = cmd.reason.trim();
  if (!reason) throw new AppError('validation', 'workflow.reasonRequired', { reason: 'workflow.reasonRequired' });
  return db.transaction(async (tx) => {
    const l = await loadVisible(tx, actor, cmd.evaluationId, true);
    const e = l.evaluation;
    expectRevision(e, cmd.expectedRevision);
    let to: 'draft' | 'submitted';
    if (actor.role === 'evaluator' && e.status === 'submitted') {
      assertNotOwnOrganisation(actor, l);
      to = 'draft';
    } else if (actor.role === 'reviewer' && e.status === 'reviewed') {
      if (e.selfSubmittedBy === actor.id) throw new AppError('forbidden', 'evaluation.fourEyes');
      to = 'submitted';
    } else throw new AppError('conflict', 'workflow.notAllowedHere');
    const [moved] = await tx
      .update(evaluations)
      .set({ status: to, returnReason: reason, totalScore: null, grade: null, reviewedAt: null, revision: sql`${evaluations.revision} + 1` })
      .where(and(eq(evaluations.id, e.id), eq(evaluations.revision, e.revision)))
      .returning({ revision: evaluations.revision });
    if (!moved) throw new AppError('stale', 'workflow.stale');
    await appendAudit(tx, { actor, action: 'evaluation.returned', entityType: 'evaluation', entityId: e.id, before: { status: e.status, revision: e.revision }, after: { status: to, revision: moved.revision, reason }, at: now });
    return { revision: moved.revision, status: to };
  });
}

/**
 * The approval: the application's workflow action `evaluate` (验收 → 绩效评价), whose effect checks
 * the four eyes and publishes the result in the same transaction (the engine's rules decide who may take it).
 */
export async function approveEvaluation(ctx: Ctx, cmd: { evaluationId: number; expectedRevision: number; reason?: string }) {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const l = await loadVisible(db, actor, cmd.evaluationId);
  expectRevision(l.evaluation, cmd.expectedRevision);
  if (l.evaluation.status !== 'reviewed' || l.evaluation.applicationId === null) throw new AppError('conflict', 'evaluation.notReviewed');
  const [item] = await db.select({ id: workflowItems.id, revision: workflowItems.revision }).from(workflowItems).where(and(eq(workflowItems.kind, 'project_application'), eq(workflowItems.subjectId, l.evaluation.applicationId)));
  if (!item) throw new AppError('not_found');
  // The check above is outside the transition's transaction; the effect repeats it under the evaluation's lock.
  return applyTransition(ctx, { itemId: item.id, action: 'evaluate', expectedRevision: item.revision, reason: cmd.reason, params: { evaluationRevision: cmd.expectedRevision } });
}

export interface EvaluationListItem {
  id: number;
  projectCode: string;
  projectName: string;
  applicationId: number | null;
  applicationCode: string | null;
  year: number;
  status: EvaluationRow['status'];
  totalScore: string | null;
  grade: EvaluationRow['grade'];
}

/**
 * What awaits the actor: a unit its drafts (and accepted applications with no evaluation yet), an
 * evaluator the submitted self-evaluations of other organisations it governs, a reviewer the
 * reviewed ones; anyone allowed also sees the approved ones they can reach.
 */
export async function evaluationList(ctx: Ctx): Promise<{ items: EvaluationListItem[]; awaitingSelfEvaluation: { applicationId: number; code: string; projectName: string }[] }> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const rows = await db
    .select({
      id: evaluations.id,
      projectCode: projects.code,
      projectName: projects.name,
      applicationId: evaluations.applicationId,
      applicationCode: projectApplications.code,
      year: evaluations.year,
      status: evaluations.status,
      totalScore: evaluations.totalScore,
      grade: evaluations.grade,
      projectOrgId: projects.implementingOrgId,
      applicantOrgId: projectApplications.applicantOrgId,
      itemOrgId: workflowItems.organisationId,
    })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .leftJoin(projectApplications, eq(projectApplications.id, evaluations.applicationId))
    .leftJoin(workflowItems, and(eq(workflowItems.kind, 'project_application'), eq(workflowItems.subjectId, evaluations.applicationId)))
    .where(scopeWhere(ctx, sql`coalesce(${workflowItems.organisationId}, ${projects.implementingOrgId})`, itemReach(actor)))
    .orderBy(sql`${evaluations.id} desc`)
    .limit(500);
  const governed = new Set(await orgsUnderGovernment(db, actor.organisationId));
  const visible = rows.filter((r) => {
    if (actor.scope === 'all') return true;
    if (actor.role === 'implementing_unit') return isUnitOf(actor, r);
    if (actor.role === 'evaluator') return governed.has(r.itemOrgId ?? r.projectOrgId ?? -1) && !isUnitOf(actor, r);
    if (actor.role === 'reviewer') return governed.has(r.itemOrgId ?? r.projectOrgId ?? -1);
    return false;
  });
  let awaitingSelfEvaluation: { applicationId: number; code: string; projectName: string }[] = [];
  if (actor.role === 'implementing_unit') {
    const started = rows.flatMap((r) => (r.applicationId === null ? [] : [r.applicationId]));
    awaitingSelfEvaluation = await db
      .select({ applicationId: projectApplications.id, code: projectApplications.code, projectName: projects.name })
      .from(projectApplications)
      .innerJoin(projects, eq(projects.id, projectApplications.projectId))
      .innerJoin(workflowItems, and(eq(workflowItems.kind, 'project_application'), eq(workflowItems.subjectId, projectApplications.id)))
      .where(and(eq(workflowItems.stage, 'accepted'), eq(projectApplications.applicantOrgId, actor.organisationId), started.length ? notInArray(projectApplications.id, started) : undefined))
      .orderBy(asc(projectApplications.id))
      .limit(100);
  }
  const items = visible.map((r) => ({ id: r.id, projectCode: r.projectCode, projectName: r.projectName, applicationId: r.applicationId, applicationCode: r.applicationCode, year: r.year, status: r.status, totalScore: r.totalScore, grade: r.grade }));
  return { items, awaitingSelfEvaluation };
}

export interface EvaluationIndicatorDto {
  id: number;
  category: string;
  subcategory: string;
  name: string;
  unit: string;
  weightBp: number;
  direction: IndicatorDirection;
  rule: 'proportional' | 'threshold';
  evidenceRequired: boolean;
  target: string | null;
  selfValue: string | null;
  actual: string | null;
  points: string | null;
  source: string | null;
  note: string | null;
  evidence: { documentId: number; filename: string; sha256: string }[];
}

/** One evaluation with its indicators and evidence, and what the actor may do with it now. */
export async function evaluationDetail({ db, actor }: Ctx, evaluationId: number) {
  assertCan(actor, 'workspace.enter');
  const l = await loadVisible(db, actor, evaluationId);
  const e = l.evaluation;
  const [project] = await db.select({ code: projects.code, name: projects.name }).from(projects).where(eq(projects.id, e.projectId));
  const [app] = e.applicationId ? await db.select({ code: projectApplications.code }).from(projectApplications).where(eq(projectApplications.id, e.applicationId)) : [];
  const rows = await db.select().from(evaluationIndicators).where(eq(evaluationIndicators.evaluationId, e.id)).orderBy(asc(evaluationIndicators.position), asc(evaluationIndicators.id));
  const [evidence, citizenRatings] = await Promise.all([evidenceOf(db, rows.map((r) => r.id)), citizenSatisfaction(db, e.projectId)]);
  const indicators: EvaluationIndicatorDto[] = rows.map((r) => ({
    id: r.id,
    category: r.category,
    subcategory: r.subcategory,
    name: r.name,
    unit: r.unit,
    weightBp: r.weightBp,
    direction: r.direction,
    rule: r.rule,
    evidenceRequired: r.evidenceRequired,
    target: r.targetValue,
    selfValue: r.selfValue,
    actual: r.actualValue,
    points: r.score,
    source: r.source,
    note: r.note,
    evidence: evidence.get(r.id) ?? [],
  }));
  const unit = isUnitOf(actor, l);
  const ownOrg = unit || l.itemOrgId === actor.organisationId;
  const may = {
    selfEvaluate: actor.role === 'implementing_unit' && unit && e.status === 'draft',
    review: actor.role === 'evaluator' && !ownOrg && e.status === 'submitted',
    approve: actor.role === 'reviewer' && e.status === 'reviewed' && e.evaluatorId !== actor.id && e.selfSubmittedBy !== actor.id,
  };
  return {
    id: e.id,
    projectCode: project!.code,
    projectName: project!.name,
    applicationCode: app?.code ?? null,
    year: e.year,
    status: e.status,
    revision: e.revision,
    summary: e.selfSummary,
    findings: e.findings,
    corrections: e.corrections,
    returnReason: e.returnReason,
    totalScore: e.totalScore,
    grade: e.grade,
    publicationId: e.publicationId,
    indicators,
    /** What citizens' confirmed ratings say now, beside whatever the unit reported. */
    citizenRatings,
    may,
  };
}
export type EvaluationDetailDto = Awaited<ReturnType<typeof evaluationDetail>>;

/** Used by the integration tests and the seed: the evaluation of an application, if one was opened. */
export async function evaluationOfApplication({ db, actor }: Ctx, applicationId: number): Promise<number | null> {
  assertCan(actor, 'workspace.enter');
  const [row] = await db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.applicationId, applicationId));
  if (!row) return null;
  await loadVisible(db, actor, row.id);
  return row.id;
}

