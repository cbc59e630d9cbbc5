import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '@/db/client';
import { documents, evaluationEvidence, evaluationIndicators, evaluations, organisations, projectApplications, projects, users } from '@/db/schema';
import { chinaToday } from '@/lib/domain/china-date';
import { plainDecimal } from '@/lib/domain/decimal';
import { GRADE_NAMES, weightPercent } from '@/lib/domain/evaluation';
import { AppError } from '@/lib/errors';
import type { Actor } from '../../auth/actor';
import { appendAudit } from '../audit';
import { publishSnapshot } from '../publish';
import { announcePublicChange } from '../public-change';

/** Evidence of each indicator of an evaluation: file name and SHA-256, in upload order. */
export async function evidenceOf(tx: Queryable, indicatorIds: number[]) {
  if (!indicatorIds.length) return new Map<number, { documentId: number; filename: string; sha256: string }[]>();
  const rows = await tx
    .select({ indicatorId: evaluationEvidence.indicatorId, documentId: documents.id, filename: documents.filename, sha256: documents.sha256 })
    .from(evaluationEvidence)
    .innerJoin(documents, eq(documents.id, evaluationEvidence.documentId))
    .where(inArray(evaluationEvidence.indicatorId, indicatorIds))
    .orderBy(asc(documents.id));
  const out = new Map<number, { documentId: number; filename: string; sha256: string }[]>();
  for (const r of rows) out.set(r.indicatorId, [...(out.get(r.indicatorId) ?? []), { documentId: r.documentId, filename: r.filename, sha256: r.sha256 }]);
  return out;
}

/**
 * The approval's effect (workflow action `evaluate` of the project application, 验收 → 绩效评价):
 * the reviewed evaluation becomes approved and its result is published, in the transition's
 * transaction, so the stage, the audit entry and the publication exist together or not at all.
 * Four eyes: the approver neither reviewed nor self-evaluated it, whatever roles a definition names.
 * `expectedRevision`, when given, is the evaluation the approver saw: checked under the row lock, so a
 * return and a new review between their reading and their approval are never approved unseen.
 */
export async function publishEvaluation(tx: Tx, actor: Actor, applicationId: number, now: Date, expectedRevision?: number): Promise<{ evaluationId: number; publicationIds: number[] }> {
  const [e] = await tx
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.applicationId, applicationId), eq(evaluations.status, 'reviewed')))
    .for('update');
  if (!e) throw new AppError('conflict', 'evaluation.notReviewed');
  if (expectedRevision !== undefined && e.revision !== expectedRevision) throw new AppError('stale', 'workflow.stale');
  if (e.evaluatorId === actor.id || e.selfSubmittedBy === actor.id) throw new AppError('forbidden', 'evaluation.fourEyes');
  if (e.totalScore === null || e.grade === null) throw new AppError('conflict', 'evaluation.notReviewed');

  const [project] = await tx.select({ id: projects.id, code: projects.code, name: projects.name, isDemo: projects.isDemo }).from(projects).where(eq(projects.id, e.projectId));
  const [app] = await tx.select({ code: projectApplications.code }).from(projectApplications).where(eq(projectApplications.id, applicationId));
  const [evaluatorOrg] = e.evaluatorId
    ? rowsOf<{ name: string; name_en: string }>(await tx.execute(sql`select o.name, o.name_en from users u join organisations o on o.id = u.organisation_id where u.id = ${e.evaluatorId}`))
    : [];
  const [issuer] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const indicators = await tx.select().from(evaluationIndicators).where(eq(evaluationIndicators.evaluationId, e.id)).orderBy(asc(evaluationIndicators.position), asc(evaluationIndicators.id));
  const evidence = await evidenceOf(tx, indicators.map((i) => i.id));
  // Public codes the programme and county pages find the result by; the money itself is read from the public ledger.
  const programmeCodes = rowsOf<{ code: string }>(
    await tx.execute(sql`select distinct f.code from transfers t join holders h on h.id = t.to_holder_id join fund_programmes f on f.id = t.programme_id
      where h.project_id = ${e.projectId} order by f.code`),
  ).map((r) => r.code);
  const countyCodes = rowsOf<{ code: string }>(
    await tx.execute(sql`select o.code from project_counties pc join organisations o on o.id = pc.county_id where pc.project_id = ${e.projectId} order by o.code`),
  ).map((r) => r.code);

  const [gradeName, gradeNameEn] = GRADE_NAMES[e.grade];
  const content = {
    projectCode: project!.code,
    name: project!.name,
    applicationCode: app?.code ?? null,
    year: e.year,
    programmeCodes,
    countyCodes,
    indicators: indicators.map((i) => ({
      category: i.category,
      subcategory: i.subcategory,
      name: i.name,
      unit: i.unit,
      weight: weightPercent(i.weightBp),
      direction: i.direction,
      rule: i.rule,
      target: i.targetValue === null ? null : plainDecimal(i.targetValue),
      selfReported: i.selfValue === null ? null : plainDecimal(i.selfValue),
      actual: i.actualValue === null ? null : plainDecimal(i.actualValue),
      points: i.score,
      source: i.source,
      evidence: (evidence.get(i.id) ?? []).map((d) => ({ filename: d.filename, sha256: d.sha256 })),
    })),
    totalScore: e.totalScore,
    grade: e.grade,
    gradeName,
    gradeNameEn,
    summary: e.selfSummary ?? '',
    findings: e.findings ?? '',
    corrections: e.corrections ?? '',
    evaluatorOrganisation: evaluatorOrg?.name ?? null,
    evaluatorOrganisationEn: evaluatorOrg?.name_en ?? null,
    approvedOn: chinaToday(now),
  };
  const publication = await publishSnapshot(tx, {
    kind: 'evaluation_result',
    subjectType: 'evaluation',
    subjectId: e.id,
    title: `绩效评价结果：${project!.name}（${e.year} 年度）`,
    content,
    notice: `${issuer!.name}批准${project!.name}绩效评价结果：总分 ${e.totalScore}，等级「${gradeName}」，共 ${indicators.length} 项指标。数据截至 ${chinaToday(now)}。`,
    issuerOrgId: actor.organisationId,
    dataAsOf: chinaToday(now),
    eventAt: now,
    publishedAt: now,
    // The demo's evaluations are demo data like the rest of its history (a plan project itself is not).
    isDemo: project!.isDemo || (await openedByDemoAccount(tx, e.createdBy)),
  });
  const [moved] = await tx
    .update(evaluations)
    .set({ status: 'approved', approvedBy: actor.id, approvedAt: now, publicationId: publication.id, revision: sql`${evaluations.revision} + 1` })
    .where(and(eq(evaluations.id, e.id), eq(evaluations.status, 'reviewed')))
    .returning({ id: evaluations.id });
  if (!moved) throw new AppError('stale', 'workflow.stale');
  await appendAudit(tx, { actor, action: 'evaluation.approved', entityType: 'evaluation', entityId: e.id, before: { status: 'reviewed' }, after: { status: 'approved', totalScore: e.totalScore, grade: e.grade, publicationId: publication.id }, at: now });
  // The programme pages list the result and roll its grade up; publication items tag only the project.
  await announcePublicChange(tx, programmeCodes.map((c) => `programme:${c}`));
  return { evaluationId: e.id, publicationIds: [publication.id] };
}

async function openedByDemoAccount(tx: Tx, userId: number | null): Promise<boolean> {
  if (userId === null) return false;
  const [u] = await tx.select({ isDemo: users.isDemo }).from(users).where(eq(users.id, userId));
  return u?.isDemo ?? false;
}
