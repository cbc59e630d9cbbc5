import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { indicatorReports, indicatorReportSubmissions, organisations, planIndicators, users } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { chinaToday } from '@/lib/domain/china-date';
import { indicatorValueError, measureOf, type IndicatorValueError } from '@/lib/domain/plan-indicators';
import type { IndicatorReportStatus } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors';
import type { IndicatorReportInput } from '@/lib/schemas/indicators';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { once } from '../internal/idempotency';
import { publishSnapshot } from '../internal/publish';
import { assertCan, orgScope } from '../auth/scope';
import type { Ctx } from '../auth/session';

const invalid = (field: string, key: string) => new AppError('validation', key, { [field]: key });

const VALUE_ERRORS: Record<IndicatorValueError, string> = {
  format: 'indicators.valueFormat',
  negative: 'indicators.valueNegative',
  above_100: 'indicators.valueAbove100',
  below_minus_100: 'indicators.valueBelowMinus100',
};

async function indicatorOf(tx: Tx, indicatorId: number) {
  const [ind] = await tx
    .select({ id: planIndicators.id, code: planIndicators.code, name: planIndicators.name, nameEn: planIndicators.nameEn, unit: planIndicators.unit, responsibleOrgId: planIndicators.responsibleOrgId })
    .from(planIndicators)
    .where(eq(planIndicators.id, indicatorId));
  return ind;
}

async function hasApprovedValue(tx: Tx, reportId: number): Promise<boolean> {
  const [row] = await tx.select({ id: indicatorReportSubmissions.id }).from(indicatorReportSubmissions).where(and(eq(indicatorReportSubmissions.reportId, reportId), eq(indicatorReportSubmissions.status, 'approved'))).limit(1);
  return !!row;
}

/**
 * 填报: an officer of the organisation answering for an indicator submits the city's measured value
 * for a year, with its source, method and measurement date. Nothing is public until a second
 * person of that organisation approves it; a value for a year that already has one is a
 * correction and must say why.
 */
export async function submitIndicatorReport({ db, actor, clock }: Ctx, input: IndicatorReportInput): Promise<{ id: number; reportId: number }> {
  assertCan(actor, 'indicator.report');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = input;
    const { result } = await once(tx, { clientKey, userId: actor.id, body }, async () => {
      const ind = await indicatorOf(tx, input.indicatorId);
      if (!ind) throw invalid('indicatorId', 'indicators.unknownIndicator');
      if (ind.responsibleOrgId !== actor.organisationId) throw new AppError('forbidden', 'indicators.notResponsible');
      const valueError = indicatorValueError(input.value, measureOf(ind));
      if (valueError) throw invalid('value', VALUE_ERRORS[valueError]);
      const today = chinaToday(now);
      if (input.measuredOn > today) throw invalid('measuredOn', 'indicators.measuredInFuture');
      if (input.measuredOn < `${input.year}-01-01`) throw invalid('measuredOn', 'indicators.measuredBeforeYear');
      if (input.year > Number(today.slice(0, 4))) throw invalid('year', 'indicators.yearRange');

      await tx.insert(indicatorReports).values({ indicatorId: ind.id, year: input.year, createdAt: now }).onConflictDoNothing();
      const [report] = await tx.select({ id: indicatorReports.id }).from(indicatorReports).where(and(eq(indicatorReports.indicatorId, ind.id), eq(indicatorReports.year, input.year))).for('update');
      const [pending] = await tx.select({ id: indicatorReportSubmissions.id }).from(indicatorReportSubmissions).where(and(eq(indicatorReportSubmissions.reportId, report!.id), eq(indicatorReportSubmissions.status, 'submitted')));
      if (pending) throw new AppError('conflict', 'indicators.pendingExists');
      const correction = await hasApprovedValue(tx, report!.id);
      if (correction && !input.changeReason) throw invalid('changeReason', 'indicators.changeReasonRequired');

      const [row] = await tx
        .insert(indicatorReportSubmissions)
        .values({
          reportId: report!.id,
          value: input.value,
          source: input.source,
          method: input.method,
          measuredOn: input.measuredOn,
          changeReason: correction ? input.changeReason : null,
          organisationId: actor.organisationId,
          submittedBy: actor.id,
          submittedAt: now,
          createdAt: now,
        })
        .returning({ id: indicatorReportSubmissions.id });
      await appendAudit(tx, {
        actor,
        action: 'indicator_report.submitted',
        entityType: 'indicator_report',
        entityId: report!.id,
        after: { submissionId: row!.id, indicator: ind.code, year: input.year, value: input.value, source: input.source, method: input.method, measuredOn: input.measuredOn, changeReason: correction ? input.changeReason : null },
        at: now,
      });
      return { id: row!.id, reportId: report!.id };
    });
    return result;
  });
}

/** The submission a reviewer decides, locked; refused unless it awaits review in the reviewer's organisation and someone else submitted it. */
async function pendingForDecision(tx: Tx, actor: Ctx['actor'], submissionId: number) {
  const [sub] = await tx.select().from(indicatorReportSubmissions).where(eq(indicatorReportSubmissions.id, submissionId)).for('update');
  const scope = orgScope(actor);
  if (!sub || (scope !== null && sub.organisationId !== scope)) throw new AppError('not_found');
  if (sub.status !== 'submitted') throw new AppError('conflict', 'indicators.notPending');
  if (sub.submittedBy === actor.id) throw new AppError('forbidden', 'indicators.approverIsSubmitter');
  return sub;
}

/**
 * 审核发布: a second person of the responsible organisation approves the value, which publishes it in
 * the same transaction as the next version of the indicator's series for that year, with its audit entry.
 */
export async function approveIndicatorReport({ db, actor, clock, demo }: Ctx, submissionId: number): Promise<{ publicationId: number; version: number }> {
  assertCan(actor, 'indicator.approve');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const sub = await pendingForDecision(tx, actor, submissionId);
    const [report] = await tx.select().from(indicatorReports).where(eq(indicatorReports.id, sub.reportId));
    const ind = (await indicatorOf(tx, report!.indicatorId))!;
    const [org] = await tx.select({ code: organisations.code, name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.id, sub.organisationId));
    const correction = await hasApprovedValue(tx, report!.id);
    if (correction && !sub.changeReason) throw invalid('changeReason', 'indicators.changeReasonRequired');
    const published = await publishSnapshot(tx, {
      kind: 'indicator_report',
      subjectType: 'indicator_report',
      subjectId: report!.id,
      title: `${ind.name} ${report!.year}年监测值`,
      content: {
        indicator: { code: ind.code, name: ind.name, nameEn: ind.nameEn, unit: ind.unit },
        year: report!.year,
        value: sub.value,
        source: sub.source,
        method: sub.method,
        measuredOn: sub.measuredOn,
        responsibleOrg: org,
      },
      notice: `${org!.name}公布${report!.year}年${ind.name}监测值：${sub.value}${ind.unit}（${sub.source}）。`,
      issuerOrgId: sub.organisationId,
      dataAsOf: sub.measuredOn,
      eventAt: now,
      changeReason: correction ? sub.changeReason : null,
      isDemo: demo ?? false,
      publishedAt: now,
    });
    await tx
      .update(indicatorReportSubmissions)
      .set({ status: 'approved', decidedBy: actor.id, decidedAt: now, publicationId: published.id })
      .where(and(eq(indicatorReportSubmissions.id, sub.id), eq(indicatorReportSubmissions.status, 'submitted')));
    await appendAudit(tx, {
      actor,
      action: 'indicator_report.approved',
      entityType: 'indicator_report',
      entityId: report!.id,
      before: { submissionId: sub.id, status: 'submitted' },
      after: { status: 'approved', publicationId: published.id, version: published.version, value: sub.value },
      at: now,
    });
    return { publicationId: published.id, version: published.version };
  });
}

/** 退回: the reviewer sends the value back with a reason; the officer may submit a new one. */
export async function returnIndicatorReport({ db, actor, clock }: Ctx, input: { submissionId: number; reason: string }): Promise<void> {
  assertCan(actor, 'indicator.approve');
  const now = nowOf({ clock });
  const reason = input.reason.trim();
  if (reason.length < 4) throw invalid('reason', 'indicators.returnReasonRequired');
  await db.transaction(async (tx) => {
    const sub = await pendingForDecision(tx, actor, input.submissionId);
    await tx.update(indicatorReportSubmissions).set({ status: 'returned', decidedBy: actor.id, decidedAt: now, returnReason: reason }).where(eq(indicatorReportSubmissions.id, sub.id));
    await appendAudit(tx, { actor, action: 'indicator_report.returned', entityType: 'indicator_report', entityId: sub.reportId, before: { submissionId: sub.id, status: 'submitted' }, after: { status: 'returned', reason }, at: now });
  });
}

export interface IndicatorSubmissionDto {
  id: number;
  year: number;
  value: string;
  source: string;
  method: string;
  measuredOn: string;
  changeReason: string | null;
  status: IndicatorReportStatus;
  submittedBy: string;
  submittedAt: string;
  returnReason: string | null;
  publicationId: number | null;
  /** Whether the caller may approve or return it: a reviewer of its organisation who did not submit it. */
  mayDecide: boolean;
}

export interface IndicatorWorkDto {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  comparator: string;
  target2025: string | null;
  target2035: string | null;
  responsibleOrg: { code: string; name: string; nameEn: string } | null;
  /** Whether the caller may submit values of it. */
  mayReport: boolean;
  submissions: IndicatorSubmissionDto[];
}

/**
 * The indicators the caller's organisation answers for (every indicator for roles that read across
 * organisations), each with its submissions newest first.
 */
export async function listIndicatorWork(ctx: Ctx): Promise<IndicatorWorkDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'indicator.read');
  const scope = orgScope(actor);
  const inds = await db
    .select({
      id: planIndicators.id,
      code: planIndicators.code,
      name: planIndicators.name,
      nameEn: planIndicators.nameEn,
      unit: planIndicators.unit,
      comparator: planIndicators.comparator,
      target2025: planIndicators.target2025,
      target2035: planIndicators.target2035,
      responsibleOrgId: planIndicators.responsibleOrgId,
      orgCode: organisations.code,
      orgName: organisations.name,
      orgNameEn: organisations.nameEn,
    })
    .from(planIndicators)
    .leftJoin(organisations, eq(organisations.id, planIndicators.responsibleOrgId))
    .where(scope === null ? undefined : eq(planIndicators.responsibleOrgId, scope))
    .orderBy(asc(planIndicators.sort));
  if (!inds.length) return [];
  const subs = await db
    .select({ s: indicatorReportSubmissions, indicatorId: indicatorReports.indicatorId, year: indicatorReports.year, submittedBy: users.displayName })
    .from(indicatorReportSubmissions)
    .innerJoin(indicatorReports, eq(indicatorReports.id, indicatorReportSubmissions.reportId))
    .innerJoin(users, eq(users.id, indicatorReportSubmissions.submittedBy))
    .where(
      and(
        inArray(indicatorReports.indicatorId, inds.map((i) => i.id)),
        scope === null ? undefined : eq(indicatorReportSubmissions.organisationId, scope),
      ),
    )
    .orderBy(desc(indicatorReports.year), desc(indicatorReportSubmissions.id));
  const mayApprove = can(actor.role, 'indicator.approve');
  return inds.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    unit: i.unit,
    comparator: i.comparator,
    target2025: i.target2025,
    target2035: i.target2035,
    responsibleOrg: i.orgCode ? { code: i.orgCode, name: i.orgName!, nameEn: i.orgNameEn! } : null,
    mayReport: can(actor.role, 'indicator.report') && i.responsibleOrgId === actor.organisationId,
    submissions: subs
      .filter((x) => x.indicatorId === i.id)
      .map(({ s, year, submittedBy }) => ({
        id: s.id,
        year,
        value: s.value,
        source: s.source,
        method: s.method,
        measuredOn: s.measuredOn,
        changeReason: s.changeReason,
        status: s.status,
        submittedBy,
        submittedAt: s.submittedAt.toISOString(),
        returnReason: s.returnReason,
        publicationId: s.publicationId,
        mayDecide: mayApprove && s.status === 'submitted' && s.submittedBy !== actor.id && (scope === null || s.organisationId === scope),
      })),
  }));
}
