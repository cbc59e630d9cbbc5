import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { adjustResult, createBatch, createFormulaVersion, recipientOptions, setFactorValues } from '@/lib/dal/formulas/batches';
import { driftCheck } from '@/lib/dal/formulas/drift';
import { getPublishedAllocation, listPublishedAllocations } from '@/lib/dal/public/allocations';
import { createApplication } from '@/lib/dal/workflow/applications';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { computeAllocation } from '@/lib/domain/formula';
import { AppError } from '@/lib/errors';
import { adjustmentSchema, batchSchema, factorValuesSchema, formulaVersionSchema } from '@/lib/schemas/formulas';
import { applicationSchema } from '@/lib/schemas/workflow';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

const AREA = ['1200.5', '830', '415.25', '1510', '2890', '1260'];
const REVENUE = ['52.4', '18.9', '9.75', '31', '27.6', '22.1'];

describe.each(DRIVERS)('allocation formulas through the workflow on %s', (driver) => {
  let t: TestDatabase;
  let programmeId: number;
  let batchId: number;
  let itemId: number;
  let recipients: { ref: string; code: string }[];

  const item = async () => (await t.db.select().from(s.workflowItems).where(eq(s.workflowItems.id, itemId)))[0]!;
  const move = async (username: string, action: string, reason?: string) => applyTransition(await ctxFor(t.db, username), { itemId, action, expectedRevision: (await item()).revision, reason });
  const values = (rows: string[][]) =>
    factorValuesSchema.parse({ batchId, expectedRevision: 0, rows: recipients.map((r, i) => ({ recipient: r.ref, source: '2025年统计年鉴', values: { AREA: rows[0]![i]!, REVENUE: rows[1]![i]! } })) });

  beforeAll(async () => {
    t = await createDatabase(driver);
    [{ id: programmeId }] = (await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2026-YQ'))) as [{ id: number }];
    const officer = await ctxFor(t.db, 'officer');
    recipients = await recipientOptions(officer);
  });
  afterAll(async () => t?.drop());

  it('refuses a formula whose weights do not add up to exactly 100 %', () => {
    const bad = formulaVersionSchema.safeParse({ clientKey: randomUUID(), programmeId: 1, description: '按面积和财力分配', unit: 'wan', factors: [
      { code: 'AREA', name: '治理面积', unit: '公顷', source: '自然资源局', direction: 'more_is_more', weightPercent: '60' },
      { code: 'REVENUE', name: '财政收入', unit: '亿元', source: '统计年鉴', direction: 'less_is_more', weightPercent: '39.99' },
    ] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toContain('formula.error.weights_sum');
  });

  it('creates a versioned formula and a batch the city holds enough for', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const v = await createFormulaVersion(officer, formulaVersionSchema.parse({ clientKey: randomUUID(), programmeId, description: '按治理面积（60%）、财政收入（反向，30%）和上年绩效（10%）分配', unit: 'wan', floor: '5', setAsidePercent: '2.5', defaultPerformanceValue: '80', factors: [
      { code: 'AREA', name: '待治理面积', unit: '公顷', source: '市规划和自然资源局', direction: 'more_is_more', weightPercent: '60' },
      { code: 'REVENUE', name: '一般公共预算收入', unit: '亿元', source: '2025年统计年鉴', direction: 'less_is_more', weightPercent: '30' },
      { code: 'PERF', name: '上年绩效评价得分', unit: '分', source: '绩效评价结果', direction: 'more_is_more', weightPercent: '10', isPerformance: true },
    ] }));
    expect(v.version).toBe(1);
    const second = await refusal(createFormulaVersion(officer, formulaVersionSchema.parse({ clientKey: randomUUID(), programmeId, description: '第二版，只按面积分配', unit: 'wan', factors: [{ code: 'AREA', name: '面积', unit: '公顷', source: '自然资源局', direction: 'more_is_more', weightPercent: '100' }] })));
    expect(second.messageKey).toBe('formula.changeReason');
    const [bal] = await t.db.select({ b: s.balances.balanceFen }).from(s.balances).innerJoin(s.holders, eq(s.holders.id, s.balances.holderId)).innerJoin(s.organisations, eq(s.organisations.id, s.holders.organisationId)).where(and(eq(s.balances.programmeId, programmeId), eq(s.organisations.code, '140300-CZJ'), eq(s.holders.kind, 'organisation')));
    const tooMuch = await refusal(createBatch(officer, batchSchema.parse({ clientKey: randomUUID(), programmeId, formulaVersionId: v.id, title: '2026年市级生态修复资金第一批', amount: String(bal!.b + 1n), unit: 'yuan', docNumber: '阳财建〔2026〕30号' })));
    expect(tooMuch.messageKey).toBe('formula.totalOverBalance');
    const b = await createBatch(officer, batchSchema.parse({ clientKey: randomUUID(), programmeId, formulaVersionId: v.id, title: '2026年市级生态修复资金第一批', amount: '1000000.01', unit: 'yuan', docNumber: '阳财建〔2026〕30号' }));
    batchId = b.batchId;
    itemId = b.itemId;
    expect(recipients.map((r) => r.code)).toEqual(['140302', '140303', '140311', '140321', '140322', '140371']);
  });

  it('refuses negative, missing and all-zero factor values, and computes nothing then', async () => {
    const neg = factorValuesSchema.safeParse({ batchId, expectedRevision: 0, rows: [{ recipient: recipients[0]!.ref, source: '年鉴', values: { AREA: '-1', REVENUE: '' } }] });
    expect(neg.error!.issues.map((i) => i.message).sort()).toEqual(['formula.error.missing_value', 'formula.error.negative_value']);
    const dup = factorValuesSchema.safeParse({ batchId, expectedRevision: 0, rows: [recipients[0], recipients[0]].map((r) => ({ recipient: r!.ref, source: '年鉴', values: { AREA: '1', REVENUE: '1' } })) });
    expect(dup.error!.issues.map((i) => i.message)).toContain('formula.error.duplicate_recipient');
    const officer = await ctxFor(t.db, 'officer');
    await setFactorValues(officer, values([AREA, AREA.map(() => '0')]));
    await move('officer', 'enter_factors');
    const zero = await refusal(move('officer', 'compute'));
    expect(zero.messageKey).toBe('formula.error.zero_value_less_is_more');
    expect((await item()).stage).toBe('factors_entered');
    expect(await t.db.select({ n: count() }).from(s.batchResults).where(eq(s.batchResults.batchId, batchId))).toEqual([{ n: 0 }]);
  });

  it('computes exactly, to the fen, with the hash of its inputs and the performance default, and freezes the version', async () => {
    const officer = await ctxFor(t.db, 'officer');
    await setFactorValues(officer, { ...values([AREA, REVENUE]), expectedRevision: (await item()).revision });
    await move('officer', 'compute');
    const results = await t.db.select().from(s.batchResults).where(eq(s.batchResults.batchId, batchId));
    const distributable = 100_000_001n - (100_000_001n * 250n) / 10_000n;
    expect(results.reduce((a, r) => a + r.computedFen, 0n)).toBe(distributable);
    expect(results.every((r) => r.computedFen >= 500_00n * 100n / 100n)).toBe(true);
    const expected = computeAllocation({
      totalFen: 100_000_001n,
      floorFen: 5_000_000n,
      setAsideBp: 250,
      factors: [
        { code: 'AREA', weightBp: 6000, direction: 'more_is_more' },
        { code: 'REVENUE', weightBp: 3000, direction: 'less_is_more' },
        { code: 'PERF', weightBp: 1000, direction: 'more_is_more' },
      ],
      recipients: recipients.map((r, i) => ({ code: r.code, values: { AREA: AREA[i]!, REVENUE: REVENUE[i]!, PERF: '80' } })),
    });
    if (!expected.ok) throw new Error('reference computation failed');
    const byHolder = await t.db.select({ id: s.holders.id, code: s.organisations.code }).from(s.holders).innerJoin(s.organisations, eq(s.organisations.id, s.holders.organisationId)).where(eq(s.holders.kind, 'organisation'));
    const codeOf = new Map(byHolder.map((h) => [h.id, h.code]));
    expect(Object.fromEntries(results.map((r) => [codeOf.get(r.recipientHolderId), r.computedFen]))).toEqual(Object.fromEntries(expected.result.recipients.map((r) => [r.code, r.amountFen])));
    const [batch] = await t.db.select().from(s.allocationBatches).where(eq(s.allocationBatches.id, batchId));
    expect(batch!.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    const [version] = await t.db.select().from(s.formulaVersions).where(eq(s.formulaVersions.id, batch!.formulaVersionId!));
    expect(version!.frozenAt).not.toBeNull();
  });

  it('allows an adjustment only with a reason, keeps review and approval in different hands, and publishes nothing unbalanced', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const [cq, second] = [recipients[0]!.ref, recipients[1]!.ref];
    const adjust = async (recipient: string, amount: string, reason: string) =>
      adjustResult(officer, adjustmentSchema.parse({ batchId, expectedRevision: (await item()).revision, recipient, unit: 'yuan', amount, reason }));
    expect((await refusal(adjust(cq, '100000', ''))).messageKey).toBe('formula.adjustmentReason');
    expect((await refusal(adjust(await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140000')).then((r) => `org:${r[0]!.id}`), '1', '不是本批次对象'))).messageKey).toBe('formula.notARecipient');
    await adjust(cq, '100000', '城区已获省级专项支持，按市政府常务会议纪要调减');
    expect((await refusal(move('officer', 'review'))).messageKey).toBe('workflow.refused.wrong_role');
    await move('reviewer', 'review');
    expect((await refusal(move('reviewer', 'approve'))).messageKey).toBe('workflow.refused.same_checker');
    // One line lowered and nothing raised: the batch would no longer add up, so nothing is approved.
    expect((await refusal(move('approver', 'approve'))).messageKey).toBe('formula.adjustmentsUnbalanced');
    expect((await item()).stage).toBe('reviewed');
    await move('reviewer', 'return', '调减部分须在其他县区之间平衡');
    await move('officer', 'compute');
    const results = await t.db.select().from(s.batchResults).where(eq(s.batchResults.batchId, batchId));
    const holderOf = async (ref: string) => (await t.db.select({ id: s.holders.id }).from(s.holders).where(and(eq(s.holders.kind, 'organisation'), eq(s.holders.organisationId, Number(ref.split(':')[1])))))[0]!.id;
    const cqHolder = await holderOf(cq);
    const cqComputed = results.find((r) => r.recipientHolderId === cqHolder)!.computedFen;
    const secondHolder = await holderOf(second);
    const secondComputed = results.find((r) => r.recipientHolderId === secondHolder)!.computedFen;
    const moved = cqComputed - 10_000_000n;
    await adjust(cq, '100000', '城区已获省级专项支持，按市政府常务会议纪要调减');
    const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
    await adjust(second, yuan(secondComputed + moved), '调减部分转列矿山集中区');
    const finals = await t.db.select().from(s.batchResults).where(eq(s.batchResults.batchId, batchId));
    expect(finals.reduce((a, r) => a + (r.adjustedFen ?? r.computedFen), 0n)).toBe(finals.reduce((a, r) => a + r.computedFen, 0n));
    // After a return a new round of checks begins: the same reviewer may review again.
    await move('reviewer', 'review');
  });

  it('refuses to approve when an input changed after computation, leaving no publication and no audit entry', async () => {
    const [fv] = await t.db.select().from(s.factorValues).where(eq(s.factorValues.batchId, batchId)).limit(1);
    const where = and(eq(s.factorValues.batchId, batchId), eq(s.factorValues.recipientHolderId, fv!.recipientHolderId), eq(s.factorValues.factorId, fv!.factorId));
    await t.db.update(s.factorValues).set({ value: '9999' }).where(where);
    const auditBefore = (await t.db.select({ n: count() }).from(s.auditLog))[0]!.n;
    expect((await refusal(move('approver', 'approve'))).messageKey).toBe('formula.inputsChanged');
    expect((await item()).stage).toBe('reviewed');
    expect(await t.db.select({ n: count() }).from(s.publications).where(and(eq(s.publications.subjectType, 'batch'), eq(s.publications.subjectId, batchId)))).toEqual([{ n: 0 }]);
    expect((await t.db.select({ n: count() }).from(s.auditLog))[0]!.n).toBe(auditBefore);
    await t.db.update(s.factorValues).set({ value: fv!.value }).where(where);
  });

  it('publishes the formula and result with the approval itself, without a publish click', async () => {
    await move('approver', 'approve');
    expect((await item()).stage).toBe('approved');
    const pubs = await t.db.select({ kind: s.publications.kind }).from(s.publications).where(and(eq(s.publications.subjectType, 'batch'), eq(s.publications.subjectId, batchId)));
    expect(pubs.map((p) => p.kind).sort()).toEqual(['allocation_result', 'formula']);
    const published = await getPublishedAllocation(batchId, t.db);
    expect(published!.content.recipients).toHaveLength(6);
    expect(published!.content.recipients[0]!.adjustmentReason).toContain('调减');
    expect(published!.content.defaultedPerformance).toHaveLength(6);
    expect((await listPublishedAllocations(t.db)).map((a) => a.batchId)).toContain(batchId);
    // Recomputing from the published inputs gives the published formula amounts, line by line.
    const c = published!.content;
    const again = computeAllocation({
      totalFen: BigInt(c.batch.totalFen!),
      floorFen: c.formula.floorFen === null ? null : BigInt(c.formula.floorFen),
      capFen: c.formula.capFen === null ? null : BigInt(c.formula.capFen),
      setAsideBp: c.formula.setAsideBp,
      factors: c.formula.factors,
      recipients: c.recipients.map((r) => ({ code: r.code, values: r.values })),
    });
    expect(again.ok && again.result.recipients.map((r) => r.amountFen.toString())).toEqual(c.recipients.map((r) => r.computedFen));
  });

  it('issues exactly the final amounts as allocations under the batch 文号', async () => {
    await move('officer', 'issue');
    expect((await item()).stage).toBe('published');
    const results = await t.db.select().from(s.batchResults).where(eq(s.batchResults.batchId, batchId));
    const issued = await t.db.select().from(s.transfers).where(eq(s.transfers.batchId, batchId));
    expect(Object.fromEntries(issued.map((x) => [x.toHolderId, x.amountFen]))).toEqual(Object.fromEntries(results.map((r) => [r.recipientHolderId, r.adjustedFen ?? r.computedFen])));
    expect(new Set(issued.map((x) => x.docNumber))).toEqual(new Set(['阳财建〔2026〕30号']));
    expect(new Set(issued.map((x) => x.kind))).toEqual(new Set(['allocation']));
    // The issue publishes the document's allocation result with every transfer it made, in its own transaction.
    // (The demo's city once used the same 文号: a document is the 文号 of one sender.)
    const docs = await t.db.select().from(s.publications).where(and(eq(s.publications.subjectType, 'transfer_document'), eq(s.publications.docNumber, '阳财建〔2026〕30号')));
    const linesOf = (d: (typeof docs)[number]) => (d.content as { lines: { transferId: number; amountFen: string }[] }).lines;
    const mine = docs.filter((d) => linesOf(d).some((l) => l.transferId === issued[0]!.id));
    expect(mine).toHaveLength(1);
    // The demo's city sent money under this 文号 too: the document lists those lines and every transfer of the issue.
    const issuedIds = new Set(issued.map((x) => x.id));
    const lines = linesOf(mine[0]!).filter((l) => issuedIds.has(l.transferId));
    expect(lines.map((l) => [l.transferId, l.amountFen]).sort()).toEqual(issued.map((x) => [x.id, x.amountFen.toString()]).sort());
  });

  it('lets auditors see adjustments, and catches an input edited after the batch was issued', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const before = await driftCheck(auditor);
    expect(before.lines.map((l) => l.kind)).toEqual(['adjustment', 'adjustment']);
    await t.db.execute(sql`update factor_values set value = value + 1 where batch_id = ${batchId}
      and factor_id = (select id from formula_factors where code = 'AREA' and formula_version_id = (select formula_version_id from allocation_batches where id = ${batchId}))
      and recipient_holder_id = (select min(recipient_holder_id) from factor_values where batch_id = ${batchId})`);
    const after = await driftCheck(auditor);
    expect(after.lines.some((l) => l.kind === 'input_changed')).toBe(true);
    expect((await refusal(driftCheck(await ctxFor(t.db, 'officer')))).code).toBe('forbidden');
  });

  it('takes last year’s evaluation score as the performance factor where one exists, the stated default elsewhere', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const [project] = await t.db.select({ id: s.projectCounties.projectId }).from(s.projectCounties).innerJoin(s.organisations, eq(s.organisations.id, s.projectCounties.countyId)).where(eq(s.organisations.code, '140322')).limit(1);
    await t.db.insert(s.evaluations).values({ projectId: project!.id, year: 2025, totalScore: '91.50', grade: 'excellent', status: 'approved' });
    const [v] = await t.db.select({ id: s.formulaVersions.id }).from(s.formulaVersions).where(eq(s.formulaVersions.programmeId, programmeId)).orderBy(s.formulaVersions.version).limit(1);
    const b = await createBatch(officer, batchSchema.parse({ clientKey: randomUUID(), programmeId, formulaVersionId: v!.id, title: '2026年市级生态修复资金第二批', amount: '1000', unit: 'yuan', docNumber: '阳财建〔2026〕31号' }));
    await setFactorValues(officer, factorValuesSchema.parse({ batchId: b.batchId, expectedRevision: 0, rows: recipients.map((r, i) => ({ recipient: r.ref, source: '年鉴', values: { AREA: AREA[i]!, REVENUE: REVENUE[i]! } })) }));
    const { loadBatchInputs } = await import('@/lib/dal/internal/formulas/inputs');
    const inputs = await loadBatchInputs(t.db, b.batchId);
    const perf = Object.fromEntries(inputs!.input.recipients.map((r) => [r.code, r.values.PERF]));
    expect(perf['140322']).toBe('91.5');
    expect(perf['140302']).toBe('80');
    expect(inputs!.defaulted.map((d) => d.recipient)).not.toContain('140322');
  });

  it('reads factor values from a spreadsheet, matching recipients by code or name, and names the bad line', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const { factorValuesFromSheet } = await import('@/lib/dal/formulas/sheet');
    const csv = ['对象,AREA,REVENUE,来源', ...recipients.map((r, i) => `${i === 0 ? '城区' : r.code},${AREA[i]},${REVENUE[i]},统计年鉴`)].join('\n');
    const rows = await factorValuesFromSheet(officer, batchId, { filename: 'values.csv', bytes: new TextEncoder().encode(csv) });
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({ recipient: recipients[0]!.ref, source: '统计年鉴', values: { AREA: AREA[0], REVENUE: REVENUE[0] } });
    const bad = await refusal(factorValuesFromSheet(officer, batchId, { filename: 'values.csv', bytes: new TextEncoder().encode('对象,AREA,REVENUE,来源\n北京市,1,1,x\n') }));
    expect(bad.fieldErrors).toEqual({ 'line 2': 'formula.notARecipient' });
  });

  it('lets a county allocate to its own projects by formula, paying them as 拨付', async () => {
    const county = await ctxFor(t.db, 'officer-yx');
    const [cn] = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2026-CN'));
    const v = await createFormulaVersion(county, formulaVersionSchema.parse({ clientKey: randomUUID(), programmeId: cn!.id, description: '按项目治理面积分配', unit: 'wan', factors: [{ code: 'AREA', name: '治理面积', unit: '公顷', source: '项目可研', direction: 'more_is_more', weightPercent: '100' }] }));
    const b = await createBatch(county, batchSchema.parse({ clientKey: randomUUID(), programmeId: cn!.id, formulaVersionId: v.id, recipientKind: 'project', title: '盂县项目资金第一批', amount: '1000.01', unit: 'yuan', docNumber: '盂财建〔2026〕90号' }));
    const projects = (await recipientOptions(county, 'project')).slice(0, 3);
    expect(projects.every((p) => p.ref.startsWith('project:'))).toBe(true);
    // A project that exists only as a draft application is not a recipient.
    const [yuCounty] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'));
    await createApplication(await ctxFor(t.db, 'unit'), applicationSchema.parse({ clientKey: randomUUID(), projectId: '', newProjectName: '草稿中的新项目', projectType: 'soil_erosion', fiscalYear: 2026, countyId: yuCounty!.id, plannedStart: '2026-04-01', plannedEnd: '2026-10-01', description: '尚未申报的草稿项目内容。', unit: 'wan', central: '1', targets: [{ category: 'output', subcategory: 'quantity', name: '面积', unit: '公顷', targetValue: '1' }] }));
    expect((await recipientOptions(county, 'project')).map((p) => p.name)).not.toContain('草稿中的新项目');
    // A city's county is not a recipient of a project batch.
    const wrong = await refusal(setFactorValues(county, factorValuesSchema.parse({ batchId: b.batchId, expectedRevision: 0, rows: [{ recipient: recipients[0]!.ref, source: '可研', values: { AREA: '1' } }] })));
    expect(wrong.messageKey).toBe('formula.notARecipient');
    await setFactorValues(county, factorValuesSchema.parse({ batchId: b.batchId, expectedRevision: 0, rows: projects.map((p, i) => ({ recipient: p.ref, source: '可研', values: { AREA: String(10 + i) } })) }));
    const itemId = b.itemId;
    const step = async (username: string, action: string) => {
      const [it] = await t.db.select().from(s.workflowItems).where(eq(s.workflowItems.id, itemId));
      return applyTransition(await ctxFor(t.db, username), { itemId, action, expectedRevision: it!.revision });
    };
    await step('officer-yx', 'enter_factors');
    await step('officer-yx', 'compute');
    await step('reviewer-yx', 'review');
    // The county has one reviewer; approval needs another pair of eyes from the county.
    expect((await refusal(step('reviewer-yx', 'approve'))).messageKey).toBe('workflow.refused.same_checker');
    const [yu] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'));
    await t.db.insert(s.users).values({ username: 'reviewer-yx-2', displayName: '盂县分管负责人', role: 'reviewer', organisationId: yu!.id, passwordHash: 'x' });
    await step('reviewer-yx-2', 'approve');
    await step('officer-yx', 'issue');
    const paid = await t.db.select({ kind: s.transfers.kind, amountFen: s.transfers.amountFen, to: s.holders.kind }).from(s.transfers).innerJoin(s.holders, eq(s.holders.id, s.transfers.toHolderId)).where(eq(s.transfers.batchId, b.batchId));
    expect(paid).toHaveLength(3);
    expect(new Set(paid.map((p) => `${p.kind}/${p.to}`))).toEqual(new Set(['payment/project']));
    expect(paid.reduce((a, p) => a + p.amountFen, 0n)).toBe(100_001n);
    const published = await getPublishedAllocation(b.batchId, t.db);
    expect(published!.content.recipients.map((r) => r.code).sort()).toEqual(projects.map((p) => p.code).sort());
  });
});
