import { applyTransition } from '@/lib/dal/workflow/engine';
import { createApplication, fundOptions } from '@/lib/dal/workflow/applications';
import { formatYuan } from '@/lib/domain/money';
import { LEDGER_SOURCES, applicationSchema, transitionSchema } from '@/lib/schemas/workflow';
import type { Replay } from './replay';

/** Who acts for a county in the application workflow (demo accounts). */
export interface CountyDesk {
  county: string;
  unit: string;
  reviewer: string;
  officer: string;
}

type Step = 'submit' | 'accept' | 'pass' | 'approve' | 'return' | 'reject' | 'fund' | 'start' | 'complete';

/** The actions that take an application from its draft to each stage the demo shows. */
export const PATH_TO: Record<string, Step[]> = {
  draft: [],
  applied: ['submit'],
  first_review: ['submit', 'accept'],
  second_review: ['submit', 'accept', 'pass'],
  returned: ['submit', 'accept', 'return'],
  rejected: ['submit', 'accept', 'reject'],
  approved: ['submit', 'accept', 'pass', 'approve'],
  funded: ['submit', 'accept', 'pass', 'approve', 'fund'],
  implementing: ['submit', 'accept', 'pass', 'approve', 'fund', 'start'],
  accepted: ['submit', 'accept', 'pass', 'approve', 'fund', 'start', 'complete'],
};

/** Days after the application each step happens. */
const STEP_DAY: Record<Step, number> = { submit: 2, accept: 5, pass: 14, return: 9, reject: 12, approve: 27, fund: 40, start: 48, complete: 230 };

const REASONS: Partial<Record<Step, string>> = {
  return: '绩效目标不够具体，请补充可量化的治理面积和植被恢复指标（演示）',
  reject: '与国土空间生态修复规划重点区域不符，本年度不予支持（演示）',
  approve: '符合规划重点工程方向，同意立项（演示）',
  complete: '经现场核查，工程量与设计相符，同意验收（演示）',
};

/**
 * Twenty applications at every stage of the project-application workflow: those of fiscal 2025
 * were funded, started and (four of them) accepted; those of 2026 are still moving through review.
 */
export const APPLICATION_PLAN: { stage: keyof typeof PATH_TO; year: 2025 | 2026; desk: 0 | 1 }[] = [
  ...(['accepted', 'accepted', 'accepted', 'accepted', 'implementing', 'implementing', 'implementing', 'funded', 'funded'] as const).map((stage, i) => ({ stage, year: 2025 as const, desk: (i % 2) as 0 | 1 })),
  ...(['approved', 'approved', 'second_review', 'first_review', 'first_review', 'applied', 'applied', 'returned', 'rejected', 'draft', 'draft'] as const).map((stage, i) => ({ stage, year: 2026 as const, desk: (i % 2) as 0 | 1 })),
];

const TARGETS = [
  { category: 'output', subcategory: 'quantity', name: '矿山生态修复面积', unit: '公顷' },
  { category: 'output', subcategory: 'timeliness', name: '按期完工率', unit: '%' },
  { category: 'effect', subcategory: 'ecological', name: '林草植被覆盖率提高', unit: '个百分点' },
] as const;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Schedules the applications through the same commands the units, reviewers and county officers
 * use. Amounts asked of each level are a share of what the county then holds of that level, so
 * that funding them is covered; funding pays from the programme of that level holding the most.
 */
export function scheduleDemoApplications(replay: Replay, desks: readonly [CountyDesk, CountyDesk], projectsOf: (desk: CountyDesk) => number[], countyId: (code: string) => number): void {
  const used = new Map<string, number>();
  for (const [n, plan] of APPLICATION_PLAN.entries()) {
    const desk = desks[plan.desk];
    const candidates = projectsOf(desk);
    const projectId = candidates[(used.get(desk.unit) ?? 0) % candidates.length]!;
    used.set(desk.unit, (used.get(desk.unit) ?? 0) + 1);
    const created = plan.year === 2025 ? addDays('2025-02-10', n * 3) : addDays('2026-06-01', n * 5);
    const app = { itemId: 0, revision: 0, requested: { central: 0n, provincial: 0n, municipal: 0n } };

    replay.on(created, async () => {
      const holdings = await fundOptions(replay.as(desk.officer));
      const ask = (level: (typeof LEDGER_SOURCES)[number], percent: bigint) => {
        const most = holdings[level].reduce((m, o) => (BigInt(o.balanceFen) > m ? BigInt(o.balanceFen) : m), 0n);
        return ((most * percent) / 100n / 100n) * 100n;
      };
      app.requested = { central: ask('central', 6n), provincial: ask('provincial', 5n), municipal: ask('municipal', 4n) };
      const own = ((app.requested.central + app.requested.provincial) / 10n / 100n) * 100n;
      const { itemId } = await createApplication(
        replay.as(desk.unit),
        applicationSchema.parse({
          clientKey: replay.clientKey(),
          projectId,
          fiscalYear: plan.year,
          countyId: countyId(desk.county),
          plannedStart: addDays(created, 60),
          plannedEnd: addDays(created, 420),
          description: `申请${plan.year}年度生态修复补助资金，用于废弃矿山地形整治、土壤重构与植被恢复（演示数据）。`,
          unit: 'yuan',
          central: formatYuan(app.requested.central),
          provincial: formatYuan(app.requested.provincial),
          municipal: formatYuan(app.requested.municipal),
          own: formatYuan(own),
          targets: TARGETS.map((t, i) => ({ ...t, targetValue: String(i === 0 ? 20 + ((n * 37) % 180) : i === 2 ? 3 + (n % 5) : 95) })),
        }),
      );
      app.itemId = itemId;
    });

    for (const step of PATH_TO[plan.stage]!) {
      const who = { submit: desk.unit, accept: desk.reviewer, pass: desk.reviewer, return: desk.reviewer, reject: desk.reviewer, approve: 'approver', fund: desk.officer, start: desk.unit, complete: desk.reviewer }[step];
      const on = addDays(created, STEP_DAY[step]);
      replay.on(on, async () => {
        let fund: Record<string, string | number> | undefined;
        if (step === 'fund') {
          const holdings = await fundOptions(replay.as(desk.officer));
          fund = { docNumber: `${desk.county === '140322' ? '盂' : '平'}财建〔${plan.year}〕${100 + n}号`, transferDate: on };
          for (const level of LEDGER_SOURCES) {
            if (app.requested[level] === 0n) continue;
            fund[level] = holdings[level].find((o) => BigInt(o.balanceFen) >= app.requested[level])!.id;
          }
        }
        const cmd = transitionSchema.parse({ itemId: app.itemId, action: step, expectedRevision: app.revision, reason: REASONS[step] ?? '', fund });
        const moved = await applyTransition(replay.as(who), { itemId: cmd.itemId, action: cmd.action, expectedRevision: cmd.expectedRevision, reason: cmd.reason, params: { fund: cmd.fund } });
        app.revision = moved.revision;
        await replay.deliverNotifications();
      });
    }
  }
}
