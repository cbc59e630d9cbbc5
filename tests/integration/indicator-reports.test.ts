import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import * as s from '@/db/schema';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { approveIndicatorReport, listIndicatorWork, returnIndicatorReport, submitIndicatorReport } from '@/lib/dal/indicators/reports';
import { listPublications } from '@/lib/dal/public/publications';
import { getPlanTargets } from '@/lib/dal/public/targets';
import { chinaToday } from '@/lib/domain/china-date';
import { AppError } from '@/lib/errors';
import { indicatorReportSchema, type IndicatorReportInput } from '@/lib/schemas/indicators';
import { INDICATOR_OFFICER, INDICATOR_REVIEWER } from '@/lib/seed/demo-indicators';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/**
 * Without the demo (whose reports fill 2021-2025): the bureau answering for the plan's indicators
 * gets an officer and two reviewers, and the city finance bureau the officer, reviewer and evaluator
 * who must be refused.
 */
async function addAccounts(db: Db): Promise<void> {
  const org = async (code: string) => (await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
  const [bureau, city] = [await org('140300-GHZRZYJ'), await org('140300-CZJ')];
  await db.insert(s.users).values([
    { username: INDICATOR_OFFICER, displayName: '市规划和自然资源局经办人', role: 'finance_officer', organisationId: bureau, passwordHash: 'x' },
    { username: INDICATOR_REVIEWER, displayName: '市规划和自然资源局审核人', role: 'reviewer', organisationId: bureau, passwordHash: 'x' },
    { username: 'reviewer-zr-2', displayName: '市规划和自然资源局分管负责人', role: 'reviewer', organisationId: bureau, passwordHash: 'x' },
    { username: 'officer', displayName: '市财政局经办人', role: 'finance_officer', organisationId: city, passwordHash: 'x' },
    { username: 'reviewer', displayName: '市财政局审核人', role: 'reviewer', organisationId: city, passwordHash: 'x' },
    { username: 'evaluator', displayName: '绩效评价人', role: 'evaluator', organisationId: city, passwordHash: 'x' },
  ]);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(AppError);
  return e as AppError;
}

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));

describe.each(DRIVERS)('plan indicator reports on %s', (driver) => {
  let t: TestDatabase;
  let ids: Record<string, number>;
  const input = (code: string, year: number, value: string, extra: Partial<IndicatorReportInput> = {}): IndicatorReportInput =>
    indicatorReportSchema.parse({ clientKey: randomUUID(), indicatorId: ids[code], year, value, source: `${year}年森林资源年度监测`, method: '遥感解译与样地调查', measuredOn: `${year + 1}-03-01`, ...extra });
  const submissions = async () => Number((await t.db.select({ n: count() }).from(s.indicatorReportSubmissions))[0]!.n);
  const publicationsOf = (reportId: number) =>
    t.db.select().from(s.publications).where(and(eq(s.publications.kind, 'indicator_report'), eq(s.publications.subjectType, 'indicator_report'), eq(s.publications.subjectId, reportId))).orderBy(s.publications.version);

  beforeAll(async () => {
    t = await createDatabase(driver, { demo: false });
    await addAccounts(t.db);
    ids = Object.fromEntries((await t.db.select({ id: s.planIndicators.id, code: s.planIndicators.code }).from(s.planIndicators)).map((r) => [r.code, r.id]));
  });
  afterAll(async () => t?.drop());

  it('seeds the responsible organisation of every indicator', async () => {
    const rows = await t.db.select({ code: s.planIndicators.code, org: s.organisations.code }).from(s.planIndicators).leftJoin(s.organisations, eq(s.organisations.id, s.planIndicators.responsibleOrgId));
    expect(rows).toHaveLength(9);
    for (const r of rows) expect(r.org, r.code).toBe('140300-GHZRZYJ');
  });

  it('publishes a reported value once, when a second person of the organisation approves it, with its audit entries', async () => {
    const officer = await ctxFor(t.db, INDICATOR_OFFICER);
    const sub = await submitIndicatorReport(officer, input('I02', 2022, '27.58'));
    expect(await publicationsOf(sub.reportId)).toHaveLength(0);
    expect((await getPlanTargets(t.db)).indicators.find((i) => i.code === 'I02')!.reports).toEqual([]);

    const approved = await approveIndicatorReport(await ctxFor(t.db, INDICATOR_REVIEWER), sub.id);
    const pubs = await publicationsOf(sub.reportId);
    expect(pubs).toHaveLength(1);
    expect(pubs[0]).toMatchObject({ id: approved.publicationId, version: 1, changeReason: null, dataAsOf: '2023-03-01' });
    expect(pubs[0]!.content).toMatchObject({ indicator: { code: 'I02' }, year: 2022, value: '27.58', source: '2022年森林资源年度监测', method: '遥感解译与样地调查', measuredOn: '2023-03-01', responsibleOrg: { code: '140300-GHZRZYJ' } });
    const audit = await t.db.select({ action: s.auditLog.action }).from(s.auditLog).where(and(eq(s.auditLog.entityType, 'indicator_report'), eq(s.auditLog.entityId, String(sub.reportId))));
    expect(audit.map((a) => a.action)).toEqual(['indicator_report.submitted', 'indicator_report.approved']);

    // A second approval is refused and publishes nothing more.
    expect((await refusal(approveIndicatorReport(await ctxFor(t.db, 'reviewer-zr-2'), sub.id))).code).toBe('conflict');
    expect(await publicationsOf(sub.reportId)).toHaveLength(1);

    const shown = (await getPlanTargets(t.db)).indicators.find((i) => i.code === 'I02')!;
    expect(shown.reports).toEqual([expect.objectContaining({ year: 2022, value: '27.58', version: 1, publicationId: approved.publicationId })]);
    const api = await listPublications({ kind: 'indicator_report' }, t.db);
    expect(api.publications.map((p) => p.id)).toContain(approved.publicationId);
  });

  it('refuses the approval of whoever submitted the value, even after a change of role, and the database refuses it too', async () => {
    const sub = await submitIndicatorReport(await ctxFor(t.db, INDICATOR_OFFICER), input('I03', 2022, '79.45'));
    await t.db.update(s.users).set({ role: 'reviewer', sessionVersion: sql`${s.users.sessionVersion} + 1` }).where(eq(s.users.username, INDICATOR_OFFICER));
    try {
      const e = await refusal(approveIndicatorReport(await ctxFor(t.db, INDICATOR_OFFICER), sub.id));
      expect([e.code, e.message]).toEqual(['forbidden', 'indicators.approverIsSubmitter']);
      expect(await publicationsOf(sub.reportId)).toHaveLength(0);
      const [row] = await t.db.select().from(s.indicatorReportSubmissions).where(eq(s.indicatorReportSubmissions.id, sub.id));
      await expect(t.db.update(s.indicatorReportSubmissions).set({ status: 'returned', decidedBy: row!.submittedBy, returnReason: 'self' }).where(eq(s.indicatorReportSubmissions.id, sub.id))).rejects.toThrow();
    } finally {
      await t.db.update(s.users).set({ role: 'finance_officer', sessionVersion: sql`${s.users.sessionVersion} + 1` }).where(eq(s.users.username, INDICATOR_OFFICER));
    }
    // Returned with a reason by another reviewer: nothing published, and a new value may follow.
    await returnIndicatorReport(await ctxFor(t.db, INDICATOR_REVIEWER), { submissionId: sub.id, reason: '来源须注明监测报告文号' });
    expect(await publicationsOf(sub.reportId)).toHaveLength(0);
    const again = await submitIndicatorReport(await ctxFor(t.db, INDICATOR_OFFICER), input('I03', 2022, '79.45', { source: '2022年草原资源与生态监测报告' }));
    expect(again.reportId).toBe(sub.reportId);
  });

  it('refuses officers and reviewers of another organisation', async () => {
    const before = await submissions();
    const e = await refusal(submitIndicatorReport(await ctxFor(t.db, 'officer'), input('I02', 2023, '28.06')));
    expect([e.code, e.message]).toEqual(['forbidden', 'indicators.notResponsible']);
    expect(await submissions()).toBe(before);

    const sub = await submitIndicatorReport(await ctxFor(t.db, INDICATOR_OFFICER), input('I02', 2023, '28.06'));
    // The city finance bureau's reviewer does not see it; an evaluator may not approve at all.
    expect((await refusal(approveIndicatorReport(await ctxFor(t.db, 'reviewer'), sub.id))).code).toBe('not_found');
    expect((await refusal(approveIndicatorReport(await ctxFor(t.db, 'evaluator'), sub.id))).code).toBe('forbidden');
    expect((await refusal(returnIndicatorReport(await ctxFor(t.db, 'reviewer'), { submissionId: sub.id, reason: '不是本单位的' }))).code).toBe('not_found');
    expect((await listIndicatorWork(await ctxFor(t.db, 'reviewer'))).length).toBe(0);
    const work = await listIndicatorWork(await ctxFor(t.db, INDICATOR_REVIEWER));
    expect(work.find((w) => w.code === 'I02')!.submissions.find((x) => x.id === sub.id)).toMatchObject({ status: 'submitted', mayDecide: true });
    await approveIndicatorReport(await ctxFor(t.db, INDICATOR_REVIEWER), sub.id);
  });

  it('refuses a negative area, a rate above 100, a value beyond two decimals, a future measurement and a missing source, writing nothing', async () => {
    const officer = await ctxFor(t.db, INDICATOR_OFFICER);
    const before = await submissions();
    const cases: [IndicatorReportInput, string, string][] = [
      [input('I01', 2022, '-1'), 'value', 'indicators.valueNegative'],
      [input('I02', 2022, '100.5'), 'value', 'indicators.valueAbove100'],
      [input('I09', 2022, '-120'), 'value', 'indicators.valueBelowMinus100'],
      [{ ...input('I01', 2022, '1'), value: '1160.945' }, 'value', 'indicators.valueFormat'],
      [{ ...input('I01', 2022, '1'), measuredOn: inDays(2) }, 'measuredOn', 'indicators.measuredInFuture'],
      [{ ...input('I01', 2022, '1'), measuredOn: '2021-12-31' }, 'measuredOn', 'indicators.measuredBeforeYear'],
    ];
    for (const [cmd, field, key] of cases) {
      const e = await refusal(submitIndicatorReport(officer, cmd));
      expect([e.code, e.fieldErrors], `${cmd.value} ${cmd.measuredOn}`).toEqual(['validation', { [field]: key }]);
    }
    expect(await submissions()).toBe(before);
    // The form's schema refuses what it can tell without the indicator.
    const parsed = indicatorReportSchema.safeParse({ clientKey: randomUUID(), indicatorId: ids.I01, year: 2022, value: '1160.945', source: '', method: 'x', measuredOn: '2023-02-30' });
    expect(parsed.success).toBe(false);
    const fields = Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(fields).toMatchObject({ value: 'indicators.valueFormat', source: 'indicators.sourceRequired', method: 'indicators.methodRequired', measuredOn: 'form.dateFormat' });
    expect(indicatorReportSchema.safeParse({ ...input('I01', 2022, '1'), year: 2020 }).success).toBe(false);
  });

  it('publishes a correction as the next version, with its reason, and the page reads the corrected value', async () => {
    const officer = await ctxFor(t.db, INDICATOR_OFFICER);
    const first = await submitIndicatorReport(officer, input('I05', 2023, '258.40'));
    await approveIndicatorReport(await ctxFor(t.db, INDICATOR_REVIEWER), first.id);
    const e = await refusal(submitIndicatorReport(officer, input('I05', 2023, '262.00')));
    expect([e.code, e.fieldErrors]).toEqual(['validation', { changeReason: 'indicators.changeReasonRequired' }]);

    const fix = await submitIndicatorReport(officer, input('I05', 2023, '262.00', { changeReason: '补计第四季度验收的治理面积' }));
    expect(fix.reportId).toBe(first.reportId);
    // One value awaits review at a time.
    expect((await refusal(submitIndicatorReport(officer, input('I05', 2023, '263.00', { changeReason: '再次更正' })))).code).toBe('conflict');
    await approveIndicatorReport(await ctxFor(t.db, 'reviewer-zr-2'), fix.id);

    const pubs = await publicationsOf(first.reportId);
    expect(pubs.map((p) => [p.version, (p.content as { value: string }).value, p.changeReason])).toEqual([
      [1, '258.40', null],
      [2, '262.00', '补计第四季度验收的治理面积'],
    ]);
    const shown = (await getPlanTargets(t.db)).indicators.find((i) => i.code === 'I05')!;
    expect(shown.reports).toEqual([expect.objectContaining({ year: 2023, value: '262.00', version: 2, changeReason: '补计第四季度验收的治理面积' })]);
  });

  it('never shows a withheld value: not on /targets, its download or the publication list, while the register counts it', async () => {
    const officer = await ctxFor(t.db, INDICATOR_OFFICER);
    const sub = await submitIndicatorReport(officer, input('I08', 2022, '33.60'));
    const { publicationId } = await approveIndicatorReport(await ctxFor(t.db, INDICATOR_REVIEWER), sub.id);
    expect((await getPlanTargets(t.db)).indicators.find((i) => i.code === 'I08')!.reports).toHaveLength(1);
    const publicationsRoute = async () => {
      globalThis.__yqDatabase = Promise.resolve(t);
      try {
        const { GET } = await import('@/app/api/public/publications/route');
        const res = await GET(new Request('https://example.org/api/public/publications?kind=indicator_report&versions=all'));
        expect(res.status).toBe(200);
        return res.text();
      } finally {
        globalThis.__yqDatabase = undefined;
      }
    };
    expect(await publicationsRoute()).toContain('"value":"33.60"');

    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14'));
    const w = await requestWithholding(officer, { itemType: 'indicator_report', itemId: sub.reportId, reason: '监测数据涉及国家秘密，经保密审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    // Another organisation's officer may not withhold it.
    expect((await refusal(requestWithholding(await ctxFor(t.db, 'officer'), { itemType: 'indicator_report', itemId: sub.reportId, reason: '不是本单位的', legalBasisId: basis!.id, reviewDate: inDays(90) }))).code).toBe('forbidden');
    await approveWithholding(await ctxFor(t.db, INDICATOR_REVIEWER), w.id);
    expect(await approveWithholding(await ctxFor(t.db, 'reviewer-zr-2'), w.id)).toEqual({ status: 'active' });

    const targets = await getPlanTargets(t.db);
    const i08 = targets.indicators.find((i) => i.code === 'I08')!;
    expect(i08.reports).toEqual([]);
    expect(i08.tracking.status).toBe('no_data');
    expect(JSON.stringify(targets)).not.toContain('33.60');
    const api = await listPublications({ kind: 'indicator_report', versions: 'all' }, t.db);
    expect(api.publications.map((p) => p.id)).not.toContain(publicationId);
    expect(await publicationsRoute()).not.toContain('33.60');
    const rows = await t.db.execute(sql`select count(*)::int as n from public_publications where id = ${publicationId}`);
    expect(JSON.stringify(rows)).toMatch(/"n":0/);
    const register = await t.db.execute(sql`select items from public_withholding_register where item_type = 'indicator_report'`);
    expect(JSON.stringify(register)).toMatch(/"items":1/);

    globalThis.__yqDatabase = Promise.resolve(t);
    try {
      const { GET } = await import('@/app/api/public/targets/route');
      for (const format of ['json', 'csv']) {
        const res = await GET(new Request(`https://example.org/api/public/targets?format=${format}`));
        expect(res.status).toBe(200);
        const body = await res.text();
        expect(body).toContain('I02');
        expect(body, format).not.toContain('33.60');
      }
      expect((await GET(new Request('https://example.org/api/public/targets?format=xml'))).status).toBe(400);
      expect((await GET(new Request('https://example.org/api/public/targets?year=2022'))).status).toBe(400);
    } finally {
      globalThis.__yqDatabase = undefined;
    }
  });
});

describe.each(DRIVERS)('the demo indicators on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('replays five years of values through the data layer: some reached, some on track, some behind, one corrected', async () => {
    // The demo seed scheduled them (scheduleDemoIndicators) as the bureau's officer and reviewer.
    const targets = await getPlanTargets(t.db);
    const status = Object.fromEntries(targets.indicators.map((i) => [i.code, i.tracking.status]));
    expect(status).toEqual({ I01: 'reached', I02: 'on_track', I03: 'behind', I04: 'reached', I05: 'behind', I06: 'on_track', I07: 'reached', I08: 'on_track', I09: 'behind' });
    expect(targets.includesDemo).toBe(true);
    expect(targets.dataAsOf).toBe('2026-03-20');
    const i05 = targets.indicators.find((i) => i.code === 'I05')!;
    expect(i05.reports.map((r) => [r.year, r.value, r.version])).toEqual([[2021, '88.50', 1], [2022, '181.20', 1], [2023, '262.00', 2], [2024, '351.70', 1], [2025, '446.30', 1]]);
    const pubs = await t.db
      .select({ isDemo: s.publications.isDemo, publishedAt: s.publications.publishedAt, by: s.users.username })
      .from(s.publications)
      .innerJoin(s.indicatorReportSubmissions, eq(s.indicatorReportSubmissions.publicationId, s.publications.id))
      .innerJoin(s.users, eq(s.users.id, s.indicatorReportSubmissions.decidedBy))
      .where(eq(s.publications.kind, 'indicator_report'));
    expect(pubs).toHaveLength(41);
    expect(pubs.every((p) => p.isDemo && p.by === INDICATOR_REVIEWER)).toBe(true);
    expect(pubs.map((p) => chinaToday(p.publishedAt)).sort()[0]).toBe('2024-04-16');
    // Projects of the related types are listed from the public read model.
    expect(targets.indicators.find((i) => i.code === 'I06')!.projectCount).toBeGreaterThan(0);
  });
});
