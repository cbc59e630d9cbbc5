import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/dal/actor';
import { computeBatch, publishBatch } from '@/lib/dal/internal/formulas/batch-effects';
import { holderFor, insertTransfer } from '@/lib/dal/internal/ledger';
import { activeDefinition } from '@/lib/dal/internal/workflow/definitions';
import { COUNTIES } from './reference/plan-data';

/** Invented, labelled factor values per county: area to restore (ha), general budget revenue (亿元, less is more). */
const DEMO_FACTORS: Record<string, [string, string]> = {
  '140302': ['385.2', '18.6'],
  '140303': ['612.5', '9.4'],
  '140311': ['1240.75', '6.1'],
  '140321': ['2105.3', '12.8'],
  '140322': ['2760.9', '15.3'],
  '140371': ['540', '8.2'],
};

async function actorOf(tx: Tx, username: string): Promise<Actor> {
  const [u] = await tx
    .select({ id: s.users.id, displayName: s.users.displayName, role: s.users.role, organisationId: s.users.organisationId, organisationName: s.organisations.name })
    .from(s.users)
    .innerJoin(s.organisations, eq(s.organisations.id, s.users.organisationId))
    .where(eq(s.users.username, username));
  return { ...u!, username, scope: 'organisation' };
}

/**
 * One finished factor-method batch of the 2025 municipal programme, from the city to its six
 * counties, with its workflow history, issued transfers and publications, so that the public
 * allocation pages have something to show. Everything is dated in June 2025 and marked as demo.
 */
export async function seedDemoAllocation(tx: Tx, orgIds: Map<string, number>): Promise<void> {
  const [programme] = await tx.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2025-YQ'));
  const officer = await actorOf(tx, 'officer');
  const city = await holderFor(tx, { kind: 'organisation', organisationId: orgIds.get('140300-CZJ')! }, true);
  const [balance] = await tx.select({ fen: s.balances.balanceFen }).from(s.balances).where(and(eq(s.balances.programmeId, programme!.id), eq(s.balances.holderId, city)));
  const totalFen = (balance!.fen / 2n / 100n) * 100n;

  const [version] = await tx
    .insert(s.formulaVersions)
    .values({ programmeId: programme!.id, version: 1, fiscalYear: 2025, description: '按待治理面积（60%）、一般公共预算收入（反向，30%）和上年绩效（10%）分配（演示）', setAsideBp: 200, defaultPerformanceValue: '80', createdBy: officer.id, frozenAt: new Date('2025-06-10T02:00:00Z') })
    .returning({ id: s.formulaVersions.id });
  const factors = await tx
    .insert(s.formulaFactors)
    .values([
      { formulaVersionId: version!.id, code: 'AREA', name: '待治理面积', unit: '公顷', source: '市规划和自然资源局（演示）', direction: 'more_is_more', weightBp: 6000, sort: 0 },
      { formulaVersionId: version!.id, code: 'REVENUE', name: '一般公共预算收入', unit: '亿元', source: '2025年统计年鉴（演示）', direction: 'less_is_more', weightBp: 3000, sort: 1 },
      { formulaVersionId: version!.id, code: 'PERF', name: '上年绩效评价得分', unit: '分', source: '绩效评价结果', direction: 'more_is_more', weightBp: 1000, isPerformance: true, sort: 2 },
    ])
    .returning({ id: s.formulaFactors.id, code: s.formulaFactors.code });
  const [batch] = await tx
    .insert(s.allocationBatches)
    .values({ programmeId: programme!.id, code: 'FP-DEMO-2025-1', title: '2025年市级生态修复配套资金第一批（演示）', totalFen, formulaVersionId: version!.id, fromHolderId: city, docNumber: '阳财建〔2025〕58号', createdBy: officer.id })
    .returning({ id: s.allocationBatches.id });
  for (const c of COUNTIES) {
    const holderId = await holderFor(tx, { kind: 'organisation', organisationId: orgIds.get(c.code)! }, true);
    const [area, revenue] = DEMO_FACTORS[c.code]!;
    for (const f of factors.filter((x) => x.code !== 'PERF')) {
      await tx.insert(s.factorValues).values({ batchId: batch!.id, recipientHolderId: holderId, factorId: f.id, value: f.code === 'AREA' ? area : revenue, source: '演示数据', enteredBy: officer.id });
    }
  }

  const { id: definitionId } = await activeDefinition(tx, 'allocation_batch');
  const [item] = await tx
    .insert(s.workflowItems)
    .values({ kind: 'allocation_batch', definitionId, subjectId: batch!.id, organisationId: officer.organisationId, stage: 'published', revision: 6, submittedBy: officer.id, lastEditedBy: officer.id, stageEnteredAt: new Date('2025-06-18T02:00:00Z') })
    .returning({ id: s.workflowItems.id });
  await computeBatch(tx, officer, batch!.id);
  await tx.update(s.allocationBatches).set({ computedAt: new Date('2025-06-10T02:00:00Z') }).where(eq(s.allocationBatches.id, batch!.id));
  await publishBatch(tx, await actorOf(tx, 'approver'), batch!.id, new Date('2025-06-15T02:00:00Z'));
  const results = await tx.select().from(s.batchResults).where(eq(s.batchResults.batchId, batch!.id));
  for (const r of results) {
    await insertTransfer(tx, { programmeId: programme!.id, fromHolderId: city, toHolderId: r.recipientHolderId, amountFen: r.computedFen, kind: 'allocation', transferDate: '2025-06-18', docNumber: '阳财建〔2025〕58号', batchId: batch!.id, note: '2025年市级生态修复配套资金第一批（演示）', recordedBy: officer.id, isDemo: true });
  }
  const steps: [string, string, string, string][] = [
    ['draft', 'factors_entered', 'enter_factors', 'officer'],
    ['factors_entered', 'computed', 'compute', 'officer'],
    ['computed', 'reviewed', 'review', 'reviewer'],
    ['reviewed', 'approved', 'approve', 'approver'],
    ['approved', 'issued', 'issue', 'officer'],
    ['issued', 'published', 'publish', 'officer'],
  ];
  for (const [i, [from, to, action, who]] of steps.entries()) {
    const actor = await actorOf(tx, who);
    await tx.insert(s.workflowTransitions).values({ itemId: item!.id, fromStage: from, toStage: to, action, actorId: actor.id, at: new Date(Date.UTC(2025, 5, 8 + i * 2, 2)) });
  }
}
