import { and, asc, eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { approveEvaluation, evaluationDetail, openEvaluation, reviewEvaluation, saveSelfEvaluation } from '@/lib/dal/evaluation/evaluations';
import { createApplication } from '@/lib/dal/workflow/applications';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { reviewSchema, selfEvaluationSchema } from '@/lib/schemas/evaluation';
import { applicationSchema } from '@/lib/schemas/workflow';
import type { Replay } from './replay';

/**
 * Demo performance evaluations (绩效评价): three projects of 盂县's demo unit apply for 2024 funds,
 * are funded, built and accepted, then evaluated through the real process (the unit's
 * self-evaluation with evidence, the city evaluator's review, the approver's approval, which
 * publishes each result) early in 2025, before the city's 2025 factor-method batch: its
 * performance factor then reads real scores for 盂县 (the mean of 优, 良 and 差). Invented values,
 * labelled as demo data like the rest of the demo.
 */

interface DemoCase {
  /** Actual area restored against 60 ha; vegetation cover gained against 12 percentage points; satisfaction against 90 %. */
  area: string;
  cover: string;
  satisfaction: string;
  findings: string;
  corrections: string;
}

const CASES: DemoCase[] = [
  { area: '55', cover: '12.5', satisfaction: '95', findings: '工程按期完工，边坡稳定，植被恢复良好；修复面积略低于申报目标（演示）。', corrections: '按设计补齐剩余修复面积（演示）。' },
  { area: '50', cover: '10', satisfaction: '92', findings: '主体工程完成，植被覆盖度提升未达目标，部分区域需补植（演示）。', corrections: '2025年雨季前完成补植并报县自然资源局复验（演示）。' },
  { area: '25', cover: '6', satisfaction: '78', findings: '修复面积不足目标一半，覆土厚度不达标，群众满意度偏低（演示）。', corrections: '限期整改，整改完成前暂停该单位新项目申报（演示）。' },
];

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text.replace(/[^\x20-\x7e]/g, '?')}\n%%EOF\n`);

export function scheduleDemoEvaluations(replay: Replay): void {
  CASES.forEach((c, n) => {
    const state = { applicationId: 0, itemId: 0, evaluationId: 0, projectId: 0 };
    const move = async (who: string, action: string, params?: Parameters<typeof applyTransition>[1]['params']) => {
      const ctx = replay.as(who);
      const [item] = await ctx.db.select({ revision: s.workflowItems.revision }).from(s.workflowItems).where(eq(s.workflowItems.id, state.itemId));
      await applyTransition(ctx, { itemId: state.itemId, action, expectedRevision: item!.revision, params });
      await replay.deliverNotifications();
    };
    const day = (month: number, d: number) => `${month <= 12 ? 2024 : 2025}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String(d + n).padStart(2, '0')}`;

    replay.on(day(2, 20), async () => {
      const ctx = replay.as('unit');
      const [unitOrg] = await ctx.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, 'DEMO-UNIT-140322'));
      const [county] = await ctx.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'));
      const own = await ctx.db.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.implementingOrgId, unitOrg!.id)).orderBy(asc(s.projects.code)).limit(CASES.length);
      state.projectId = own[n]!.id;
      const made = await createApplication(
        ctx,
        applicationSchema.parse({
          clientKey: replay.clientKey(),
          projectId: state.projectId,
          fiscalYear: 2024,
          countyId: county!.id,
          plannedStart: '2024-08-01',
          plannedEnd: '2024-11-30',
          description: '废弃矿山削坡整形、覆土复绿与截排水工程（演示）。',
          unit: 'wan',
          central: '3',
          provincial: '1',
          municipal: '0.5',
          targets: [
            { category: 'output', subcategory: 'quantity', name: '修复废弃矿山面积', unit: '公顷', targetValue: '60' },
            { category: 'effect', subcategory: 'ecological', name: '治理区植被覆盖度提高', unit: '百分点', targetValue: '12' },
          ],
        }),
      );
      Object.assign(state, { applicationId: made.applicationId, itemId: made.itemId });
      await move('unit', 'submit');
    });
    replay.on(day(2, 24), () => move('reviewer-yx', 'accept'));
    replay.on(day(3, 5), () => move('reviewer-yx', 'pass'));
    replay.on(day(3, 12), () => move('reviewer', 'approve'));
    replay.on(day(7, 25), async () => {
      const ctx = replay.as('officer-yx');
      const code = async (c: string) => (await ctx.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, c)))[0]!.id;
      await move('officer-yx', 'fund', { fund: { central: await code('DEMO-2024-CN'), provincial: await code('DEMO-2024-SX'), municipal: await code('DEMO-2024-YQ'), docNumber: `盂财建〔2024〕${61 + n}号`, transferDate: day(7, 25) } });
    });
    replay.on(day(8, 1), () => move('unit', 'start'));
    replay.on(day(12, 10), () => move('reviewer-yx', 'complete'));

    // 项目单位自评 with evidence, the unit's weights (50 / 30 / 20) and a survey as the satisfaction source.
    replay.on(day(13, 10), async () => {
      const ctx = replay.as('unit');
      state.evaluationId = (await openEvaluation(ctx, state.applicationId)).evaluationId;
      const d = await evaluationDetail(ctx, state.evaluationId);
      const [area, cover, sat] = d.indicators;
      const self = selfEvaluationSchema.parse({
        evaluationId: state.evaluationId,
        expectedRevision: d.revision,
        intent: 'submit',
        summary: `项目于2024年11月完工并通过县级验收，完成修复面积 ${c.area} 公顷（演示）。`,
        indicators: [
          { id: area!.id, category: 'output', subcategory: 'quantity', name: area!.name, unit: area!.unit, weight: '50', direction: 'higher_better', rule: 'proportional', target: '60', selfValue: c.area },
          { id: cover!.id, category: 'effect', subcategory: 'ecological', name: cover!.name, unit: cover!.unit, weight: '30', direction: 'higher_better', rule: 'proportional', target: '12', selfValue: c.cover },
          { id: sat!.id, category: 'satisfaction', subcategory: 'satisfaction', name: sat!.name, unit: '%', weight: '20', direction: 'higher_better', rule: 'proportional', target: '90', selfValue: c.satisfaction, source: '2024年12月周边村民问卷（演示）' },
        ],
      });
      const evidence = new Map([
        [0, [{ filename: `竣工测量报告-${n + 1}（演示）.pdf`, bytes: pdf(`survey report ${n + 1} (demo)`) }]],
        [1, [{ filename: `植被监测报告-${n + 1}（演示）.pdf`, bytes: pdf(`vegetation monitoring ${n + 1} (demo)`) }]],
        [2, [{ filename: `满意度问卷汇总-${n + 1}（演示）.pdf`, bytes: pdf(`satisfaction survey ${n + 1} (demo)`) }]],
      ]);
      await saveSelfEvaluation(ctx, self, evidence);
    });
    // 复核 by the city's evaluator, who accepts the reported values.
    replay.on(day(14, 10), async () => {
      const ctx = replay.as('evaluator');
      const d = await evaluationDetail(ctx, state.evaluationId);
      await reviewEvaluation(
        ctx,
        reviewSchema.parse({ evaluationId: state.evaluationId, expectedRevision: d.revision, intent: 'complete', actuals: d.indicators.map((i) => ({ indicatorId: i.id, actual: i.selfValue ?? '' })), findings: c.findings, corrections: c.corrections }),
      );
    });
    // The approver's approval publishes the result and moves the application to 绩效评价.
    replay.on(day(15, 2), async () => {
      const ctx = replay.as('approver');
      const [e] = await ctx.db.select({ revision: s.evaluations.revision }).from(s.evaluations).where(and(eq(s.evaluations.id, state.evaluationId)));
      await approveEvaluation(ctx, { evaluationId: state.evaluationId, expectedRevision: e!.revision });
      await replay.deliverNotifications();
    });
  });
}
