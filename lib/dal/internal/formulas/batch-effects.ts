import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { allocationBatches, balances, batchResults, formulaVersions, fundProgrammes, organisations } from '@/db/schema';
import { computeAllocation, inputsHash, type FormulaError } from '@/lib/domain/formula';
import { chinaToday } from '@/lib/domain/china-date';
import { formatYuan } from '@/lib/domain/money';
import { gradeOf, pointsOf } from '@/lib/domain/evaluation';
import { applyPoorGradeRule, parsePoorGradeRule } from '@/lib/domain/poor-grade-rule';
import { fromScaled } from '@/lib/domain/decimal';
import { readSetting } from '../settings';
import { AppError } from '@/lib/errors';
import type { Actor } from '../../auth/actor';
import { insertTransfer } from '../ledger/transfers';
import { publishSnapshot } from '../publish';
import { discloseTransfers } from '../disclosure/transfers';
import { loadBatchInputs, type BatchInputs } from './inputs';

export function formulaAppError(error: FormulaError): AppError {
  const where = [error.recipient, error.factor].filter(Boolean).join(' / ') || 'formula';
  return new AppError('validation', `formula.error.${error.code}`, { [where]: `formula.error.${error.code}` });
}

async function inputsOrThrow(tx: Tx, batchId: number): Promise<BatchInputs> {
  const inputs = await loadBatchInputs(tx, batchId);
  if (!inputs) throw new AppError('validation', 'formula.noVersion', { formulaVersionId: 'formula.noVersion' });
  if (inputs.recipients.length === 0) throw new AppError('validation', 'formula.error.no_recipients', { formula: 'formula.error.no_recipients' });
  return inputs;
}

/** What the formula shares out: the total less the set-aside kept by the allocating level. */
export function distributableOf(totalFen: bigint, setAsideBp: number): bigint {
  return totalFen - (totalFen * BigInt(setAsideBp)) / 10_000n;
}

/**
 * Adjustments move money between recipients, never in or out of the batch: the final amounts
 * must add up to exactly what the formula distributes, or nothing is published or issued.
 */
async function assertBalanced(tx: Tx, inputs: BatchInputs): Promise<void> {
  const results = await tx.select({ computedFen: batchResults.computedFen, adjustedFen: batchResults.adjustedFen }).from(batchResults).where(eq(batchResults.batchId, inputs.batch.id));
  const final = results.reduce((sum, r) => sum + (r.adjustedFen ?? r.computedFen), 0n);
  if (results.length === 0 || final !== distributableOf(inputs.batch.totalFen, inputs.version.setAsideBp)) throw new AppError('conflict', 'formula.adjustmentsUnbalanced');
}

/** The allocating holder must hold the whole total of the programme when the batch is computed and issued. */
async function assertFitsBalance(tx: Tx, batch: BatchInputs['batch']): Promise<void> {
  const [b] = await tx.select({ balanceFen: balances.balanceFen }).from(balances).where(and(eq(balances.programmeId, batch.programmeId), eq(balances.holderId, batch.fromHolderId)));
  if ((b?.balanceFen ?? 0n) < batch.totalFen) throw new AppError('validation', 'formula.totalOverBalance', { totalFen: 'formula.totalOverBalance' });
}

/**
 * 测算: computes the allocation from the stored factor values and keeps the table with the hash
 * of its inputs; freezes the formula version. A recomputation replaces the table and its adjustments.
 */
export async function computeBatch(tx: Tx, _actor: Actor, batchId: number, now = new Date()): Promise<{ inputsHash: string; recipients: number; poorGradeAdjusted: number }> {
  const inputs = await inputsOrThrow(tx, batchId);
  await assertFitsBalance(tx, inputs.batch);
  const outcome = computeAllocation(inputs.input);
  if (!outcome.ok) throw formulaAppError(outcome.error);
  const hash = inputsHash(inputs.input);
  const byCode = new Map(inputs.recipients.map((r) => [r.code, r]));
  await tx.delete(batchResults).where(eq(batchResults.batchId, batchId));
  await tx.insert(batchResults).values(
    outcome.result.recipients.map((r) => {
      const [num, den = '1'] = r.share().split('/');
      return { batchId, recipientHolderId: byCode.get(r.code)!.holderId, shareNumerator: num!, shareDenominator: den, computedFen: r.amountFen };
    }),
  );
  const poorGradeAdjusted = await adjustForPoorGrades(tx, inputs, outcome.result.recipients.map((r) => ({ code: r.code, computedFen: r.amountFen })));
  await tx.update(allocationBatches).set({ inputsHash: hash, computedAt: now }).where(eq(allocationBatches.id, batchId));
  await tx.update(formulaVersions).set({ frozenAt: now }).where(and(eq(formulaVersions.id, inputs.version.id), isNull(formulaVersions.frozenAt)));
  return { inputsHash: hash, recipients: outcome.result.recipients.length, poorGradeAdjusted };
}

/** A score of 差 by an approved evaluation, as the formula used it (a county's mean, a project's own). */
const isPoor = (score: string | null) => score !== null && gradeOf(pointsOf(score)) === 'poor';

/**
 * 绩效结果运用: the administrator's rule (setting `poor_grade_rule`) reduces or stops the amount of
 * each recipient whose last approved evaluation graded 差, as a stated adjustment of the computed
 * table; what is cut goes to the others by their formula amounts, so the batch still adds up.
 */
async function adjustForPoorGrades(tx: Tx, inputs: BatchInputs, lines: { code: string; computedFen: bigint }[]): Promise<number> {
  const rule = parsePoorGradeRule(await readSetting(tx, 'poor_grade_rule'));
  const poor = new Map(inputs.performance.filter((p) => p.source === 'evaluation' && isPoor(p.score)).map((p) => [p.recipient, p]));
  const changes = applyPoorGradeRule(lines, new Set(poor.keys()), rule);
  if (!changes.length) return 0;
  const holderOf = new Map(inputs.recipients.map((r) => [r.code, r.holderId]));
  const cutTotal = changes.reduce((s, c) => s + (c.cutFen > 0n ? c.cutFen : 0n), 0n);
  const what = rule.mode === 'stop' ? '暂停本批分配' : `核减 ${fromScaled(BigInt(rule.percentBp), 2).replace(/\.00$/, '')}%`;
  for (const c of changes) {
    const p = poor.get(c.code);
    const reason = p
      ? `上年度（${p.year}年）绩效评价得分 ${p.score}${p.evaluations > 1 ? `（${p.evaluations} 个项目平均）` : ''}，等级“差”：按绩效结果运用规则${what}，核减 ${formatYuan(c.cutFen)} 元，按公式结果比例分配给其他对象。`
      : `承接因上年度绩效评价等级为“差”而核减的资金 ${formatYuan(-c.cutFen)} 元（共核减 ${formatYuan(cutTotal)} 元，按公式结果比例分配）。`;
    await tx
      .update(batchResults)
      .set({ adjustedFen: c.finalFen, adjustmentReason: reason })
      .where(and(eq(batchResults.batchId, inputs.batch.id), eq(batchResults.recipientHolderId, holderOf.get(c.code)!)));
  }
  return changes.length;
}


/**
 * 下达: one allocation per recipient of exactly the final amount (computed, or adjusted with a
 * reason). Refused if any input changed since the computation.
 */
export async function issueBatch(tx: Tx, actor: Actor, batchId: number, now = new Date()): Promise<{ transferIds: number[]; publicationIds: number[] }> {
  const inputs = await inputsOrThrow(tx, batchId);
  if (!inputs.batch.inputsHash || inputsHash(inputs.input) !== inputs.batch.inputsHash) throw new AppError('conflict', 'formula.inputsChanged');
  await assertFitsBalance(tx, inputs.batch);
  await assertBalanced(tx, inputs);
  const results = await tx.select().from(batchResults).where(eq(batchResults.batchId, batchId)).orderBy(batchResults.recipientHolderId);
  // A batch of a demo programme issues demo transfers, as it publishes demo publications.
  const [{ isDemo: programmeIsDemo }] = (await tx.select({ isDemo: fundProgrammes.isDemo }).from(fundProgrammes).where(eq(fundProgrammes.id, inputs.batch.programmeId))) as [{ isDemo: boolean }];
  const transferIds: number[] = [];
  for (const r of results) {
    const amountFen = r.adjustedFen ?? r.computedFen;
    if (amountFen === 0n) continue;
    const row = await insertTransfer(tx, {
      programmeId: inputs.batch.programmeId,
      fromHolderId: inputs.batch.fromHolderId,
      toHolderId: r.recipientHolderId,
      amountFen,
      // To governments below it is 下达 (allocation); to projects in its area, 拨付 (payment).
      kind: inputs.batch.recipientKind === 'project' ? 'payment' : 'allocation',
      transferDate: chinaToday(now),
      docNumber: inputs.batch.docNumber,
      batchId,
      note: inputs.batch.title,
      isDemo: programmeIsDemo,
      recordedBy: actor.id,
      recordedAt: now,
    });
    transferIds.push(row.id);
  }
  const { publicationIds } = await discloseTransfers(tx, transferIds, { now });
  return { transferIds, publicationIds };
}

/** What a reviewer compares across a return: the inputs and the computed table. */
export async function batchSnapshot(tx: Tx, batchId: number): Promise<Record<string, unknown>> {
  const inputs = await loadBatchInputs(tx, batchId);
  if (!inputs) return {};
  const results = await tx.select().from(batchResults).where(eq(batchResults.batchId, batchId));
  const codeOf = new Map(inputs.recipients.map((r) => [r.holderId, r.code]));
  return {
    totalFen: inputs.batch.totalFen.toString(),
    values: Object.fromEntries(inputs.input.recipients.map((r) => [r.code, r.values])),
    results: Object.fromEntries(results.map((r) => [codeOf.get(r.recipientHolderId) ?? String(r.recipientHolderId), { computedFen: r.computedFen.toString(), adjustedFen: r.adjustedFen?.toString() ?? null, reason: r.adjustmentReason }])),
  };
}

export interface PublishedAllocation {
  batch: { id: number; code: string; title: string; docNumber: string | null; programmeCode: string; programmeName: string; fiscalYear: number; totalFen: string; /** Absent in the public view when lines are withheld. */ inputsHash?: string; issuerCode: string; issuerName: string };
  formula: {
    version: number;
    description: string;
    changeReason: string | null;
    floorFen: string | null;
    capFen: string | null;
    setAsideBp: number;
    defaultPerformanceValue: string | null;
    factors: { code: string; name: string; unit: string; source: string; direction: 'more_is_more' | 'less_is_more'; weightBp: number; isPerformance: boolean }[];
  };
  recipients: {
    code: string;
    name: string;
    values: Record<string, string>;
    sources: Record<string, string>;
    /** Absent in the public view when lines are withheld. */
    share?: string;
    computedFen: string;
    finalFen: string;
    adjustmentReason: string | null;
  }[];
  defaultedPerformance: { recipient: string; factor: string }[];
  /** Per recipient: the approved evaluation score its performance factor used, or that the default applied (absent in results published before it was recorded). */
  performance?: { recipient: string; factor: string; source: 'evaluation' | 'default' | 'entered'; /** Absent in the public view when a withheld amount is not shown. */ score?: string | null; year: number; evaluations: number }[];
  /** Added by the public read model when lines are withheld: one line per legal basis, never the lines themselves. */
  withheld?: { basisCode: string; basis: string; basisEn: string; items: number; amountFen: string }[];
}

/**
 * The formula and factors, and the allocation result, as immutable publications written in the
 * same transaction as the approval that makes them true. Everything needed to recompute is in
 * the snapshot; the issued transfers follow the same amounts (the drift check proves it).
 */
export async function publishBatch(tx: Tx, _actor: Actor, batchId: number, now = new Date()): Promise<{ publicationIds: number[] }> {
  const inputs = await inputsOrThrow(tx, batchId);
  if (!inputs.batch.inputsHash || inputsHash(inputs.input) !== inputs.batch.inputsHash) throw new AppError('conflict', 'formula.inputsChanged');
  await assertBalanced(tx, inputs);
  const { batch, version, factors } = inputs;
  const [programme] = await tx.select().from(fundProgrammes).where(eq(fundProgrammes.id, batch.programmeId));
  const [issuer] = rowsIssuer(await tx.select({ id: organisations.id, code: organisations.code, name: organisations.name }).from(organisations).where(sql`${organisations.id} = (select organisation_id from holders where id = ${batch.fromHolderId})`));
  const results = await tx.select().from(batchResults).where(eq(batchResults.batchId, batchId));
  const resultOf = new Map(results.map((r) => [r.recipientHolderId, r]));
  const content: PublishedAllocation = {
    batch: {
      id: batch.id,
      code: batch.code,
      title: batch.title,
      docNumber: batch.docNumber,
      programmeCode: programme!.code,
      programmeName: programme!.name,
      fiscalYear: programme!.fiscalYear,
      totalFen: batch.totalFen.toString(),
      inputsHash: batch.inputsHash!,
      issuerCode: issuer.code,
      issuerName: issuer.name,
    },
    formula: {
      version: version.version,
      description: version.description,
      changeReason: version.changeReason,
      floorFen: version.floorFen?.toString() ?? null,
      capFen: version.capFen?.toString() ?? null,
      setAsideBp: version.setAsideBp,
      defaultPerformanceValue: version.defaultPerformanceValue,
      factors: factors.map((f) => ({ code: f.code, name: f.name, unit: f.unit, source: f.source, direction: f.direction, weightBp: f.weightBp, isPerformance: f.isPerformance })),
    },
    recipients: inputs.recipients.map((r, i) => {
      const res = resultOf.get(r.holderId)!;
      const stored = inputs.values.get(r.holderId) ?? new Map();
      return {
        code: r.code,
        name: r.name,
        values: inputs.input.recipients[i]!.values,
        sources: Object.fromEntries([...stored.entries()].map(([k, v]) => [k, v.source])),
        share: `${res.shareNumerator}/${res.shareDenominator}`,
        computedFen: res.computedFen.toString(),
        finalFen: (res.adjustedFen ?? res.computedFen).toString(),
        adjustmentReason: res.adjustmentReason,
      };
    }),
    defaultedPerformance: inputs.defaulted,
    performance: inputs.performance,
  };
  // Published at the approval's instant (the command's clock).
  const eventAt = now;
  const dataAsOf = chinaToday(eventAt);
  const common = { subjectType: 'batch' as const, subjectId: batch.id, issuerOrgId: issuer.id, docNumber: batch.docNumber, dataAsOf, eventAt, publishedAt: now, isDemo: programme!.isDemo };
  const formula = await publishSnapshot(tx, {
    ...common,
    kind: 'formula',
    title: `分配公式和因素：${batch.title}`,
    content,
    notice: `${issuer.name}公开${programme!.name}分配公式（第 ${version.version} 版）及 ${inputs.recipients.length} 个分配对象的因素数据。文号：${batch.docNumber ?? '—'}；数据截至 ${dataAsOf}。`,
  });
  const adjusted = content.recipients.filter((r) => r.adjustmentReason !== null).length;
  const result = await publishSnapshot(tx, {
    ...common,
    kind: 'allocation_result',
    title: `分配结果：${batch.title}`,
    content,
    notice: `${issuer.name}批准分配${programme!.name} ${formatYuan(batch.totalFen)} 元，分配 ${inputs.recipients.length} 个对象${adjusted ? `，其中 ${adjusted} 项对公式结果作了调整并说明理由` : ''}。文号：${batch.docNumber ?? '—'}；数据截至 ${dataAsOf}。`,
  });
  return { publicationIds: [formula.id, result.id] };
}

function rowsIssuer<T>(rows: T[]): [T] {
  if (!rows[0]) throw new Error('batch holder has no organisation');
  return [rows[0]];
}
