import { planIndicators } from '@/db/schema';
import { approveIndicatorReport, submitIndicatorReport } from '@/lib/dal/indicators/reports';
import { indicatorReportSchema } from '@/lib/schemas/indicators';
import type { Replay } from './replay';

/** The demo accounts of the city's planning and natural-resources bureau, which answers for the plan's indicators. */
export const INDICATOR_OFFICER = 'officer-zr';
export const INDICATOR_REVIEWER = 'reviewer-zr';

interface DemoSeries {
  source: string;
  method: string;
  /** Invented values by year, labelled as demo data wherever they show. */
  values: Record<number, string>;
}

/**
 * Invented, labelled values 2021-2025: the red line, soil-and-water conservation and wetlands
 * reach their targets; forest cover, shorelines and mine remediation are on track with no 2025
 * value yet; grassland cover, new erosion control and wildlife habitat fall behind.
 */
const SERIES: Record<string, DemoSeries> = {
  I01: { source: '生态保护红线年度监测成果（演示）', method: '国土变更调查成果叠加生态保护红线矢量数据统计（演示）', values: { 2021: '1160.94', 2022: '1160.94', 2023: '1161.02', 2024: '1161.02', 2025: '1161.02' } },
  I02: { source: '森林资源管理“一张图”年度更新（演示）', method: '乔木林、竹林和特别规定灌木林面积之和除以国土总面积（演示）', values: { 2021: '27.10', 2022: '27.58', 2023: '28.06', 2024: '28.71' } },
  I03: { source: '草原资源与生态监测报告（演示）', method: '样地实测结合遥感反演计算草原综合植被盖度（演示）', values: { 2021: '79.20', 2022: '79.45', 2023: '79.60', 2024: '79.82' } },
  I04: { source: '水土流失动态监测成果（演示）', method: '非水土流失面积占国土面积的比例（演示）', values: { 2021: '60.10', 2022: '60.85', 2023: '61.40', 2024: '62.02', 2025: '62.90' } },
  I05: { source: '水土保持重点工程验收资料汇总（演示）', method: '自 2021 年起累计验收的水土流失综合治理面积（演示）', values: { 2021: '88.50', 2022: '181.20', 2023: '258.40', 2024: '351.70', 2025: '446.30' } },
  I06: { source: '持证矿山地质环境治理恢复台账（演示）', method: '已完成治理恢复的持证矿山数除以应治理的持证矿山数（演示）', values: { 2021: '72.50', 2022: '80.30', 2023: '86.90', 2024: '94.20' } },
  I07: { source: '湿地资源年度监测成果（演示）', method: '受保护湿地面积占湿地总面积的比例（演示）', values: { 2021: '21.80', 2022: '21.80', 2023: '21.82', 2024: '21.85', 2025: '21.85' } },
  I08: { source: '重要河湖岸线保护利用规划实施评估（演示）', method: '自然岸线长度占重要河湖岸线总长度的比例（演示）', values: { 2021: '33.10', 2022: '33.60', 2023: '34.05', 2024: '34.60' } },
  I09: { source: '野生动物重要栖息地监测报告（演示）', method: '重要栖息地面积较 2020 年的增长比例（演示）', values: { 2021: '0.80', 2022: '1.60', 2023: '2.10', 2024: '2.50' } },
};

/** The corrected 2023 value of new erosion control, published as its second version with the reason. */
const CORRECTION = { code: 'I05', year: 2023, value: '262.00', reason: '复核遥感解译成果，补计 2023 年第四季度完成验收的治理面积（演示）' };

/** When each year's values were reported and approved: the earlier years together when the portal opened, then each spring. */
const ROUNDS: { years: number[]; submit: string; approve: string }[] = [
  { years: [2021, 2022, 2023], submit: '2024-04-15', approve: '2024-04-16' },
  { years: [2024], submit: '2025-04-15', approve: '2025-04-16' },
  { years: [2025], submit: '2026-04-15', approve: '2026-04-16' },
];

/**
 * A few years of the plan's indicators, reported by the bureau's officer and approved (so
 * published) by its reviewer through the data layer, at the demo's dates; one value is corrected.
 */
export function scheduleDemoIndicators(replay: Replay): void {
  const ids = new Map<string, number>();
  const pending: number[] = [];
  const submit = (code: string, year: number, value: string, changeReason?: string) => async () => {
    if (!ids.size) for (const r of await replay.as(INDICATOR_OFFICER).db.select({ id: planIndicators.id, code: planIndicators.code }).from(planIndicators)) ids.set(r.code, r.id);
    const s = SERIES[code]!;
    const sub = await submitIndicatorReport(
      replay.as(INDICATOR_OFFICER),
      indicatorReportSchema.parse({ clientKey: replay.clientKey(), indicatorId: ids.get(code), year, value, source: `${year}年${s.source}`, method: s.method, measuredOn: `${year + 1}-03-20`, changeReason }),
    );
    pending.push(sub.id);
  };
  const approveAll = async () => {
    for (const id of pending.splice(0)) await approveIndicatorReport(replay.as(INDICATOR_REVIEWER), id);
  };
  for (const round of ROUNDS) {
    for (const [code, s] of Object.entries(SERIES)) for (const year of round.years) if (s.values[year]) replay.on(round.submit, submit(code, year, s.values[year]!));
    replay.on(round.approve, approveAll);
  }
  replay.on('2025-06-10', submit(CORRECTION.code, CORRECTION.year, CORRECTION.value, CORRECTION.reason));
  replay.on('2025-06-11', approveAll);
}

/** The indicator codes the demo reports, for tests that check what the demo shows. */
export const DEMO_INDICATOR_CODES = Object.keys(SERIES);
