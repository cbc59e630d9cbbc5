import { createBatch, createFormulaVersion, programmesHeld, setFactorValues } from '@/lib/dal/formulas/batches';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { batchSchema, factorValuesSchema, formulaVersionSchema } from '@/lib/schemas/formulas';
import { formatYuan } from '@/lib/domain/money';
import { COUNTIES } from './reference/plan-data';
import type { Replay } from './replay';

/** Invented, labelled factor values per county: area to restore (ha), general budget revenue (亿元, less is more). */
const DEMO_FACTORS: Record<string, [string, string]> = {
  '140302': ['385.2', '18.6'],
  '140303': ['612.5', '9.4'],
  '140311': ['1240.75', '6.1'],
  '140321': ['2105.3', '12.8'],
  '140322': ['2760.9', '15.3'],
  '140371': ['540', '8.2'],
};

const PROGRAMME = 'DEMO-2025-YQ';
const TITLE = '2025年市级生态修复配套资金第一批（演示）';

/**
 * One finished factor-method batch of the 2025 municipal programme, from the city to its six
 * counties, taken through the workflow by the city's officer, reviewer and approver in June 2025:
 * the approval publishes the formula and the result, the issue pays the counties (下达), and the
 * batch is then public. Half of what the city still holds of the programme, in whole yuan.
 */
export function scheduleDemoAllocation(replay: Replay, orgIds: Map<string, number>): void {
  const batch = { id: 0, itemId: 0, revision: 0 };
  let programmeId = 0;
  let formulaVersionId = 0;
  const move = async (who: string, action: string) => {
    const moved = await applyTransition(replay.as(who), { itemId: batch.itemId, action, expectedRevision: batch.revision });
    batch.revision = moved.revision;
    await replay.deliverNotifications();
  };

  replay.on('2025-06-01', async () => {
    const held = await programmesHeld(replay.as('officer'));
    programmeId = held.find((p) => p.code === PROGRAMME)!.id;
    const version = await createFormulaVersion(
      replay.as('officer'),
      formulaVersionSchema.parse({
        clientKey: replay.clientKey(),
        programmeId,
        description: '按待治理面积（60%）、一般公共预算收入（反向，30%）和上年绩效（10%）分配（演示）',
        unit: 'yuan',
        setAsidePercent: '2',
        defaultPerformanceValue: '80',
        factors: [
          { code: 'AREA', name: '待治理面积', unit: '公顷', source: '市规划和自然资源局（演示）', direction: 'more_is_more', weightPercent: '60' },
          { code: 'REVENUE', name: '一般公共预算收入', unit: '亿元', source: '2025年统计年鉴（演示）', direction: 'less_is_more', weightPercent: '30' },
          { code: 'PERF', name: '上年绩效评价得分', unit: '分', source: '绩效评价结果', direction: 'more_is_more', weightPercent: '10', isPerformance: true },
        ],
      }),
    );
    formulaVersionId = version.id;
  });
  replay.on('2025-06-03', async () => {
    const held = await programmesHeld(replay.as('officer'));
    const balanceFen = held.find((p) => p.id === programmeId)!.balanceFen;
    const created = await createBatch(
      replay.as('officer'),
      batchSchema.parse({ clientKey: replay.clientKey(), programmeId, formulaVersionId, title: TITLE, docNumber: '阳财建〔2025〕58号', amount: formatYuan((balanceFen / 2n / 100n) * 100n), unit: 'yuan' }),
    );
    Object.assign(batch, { id: created.batchId, itemId: created.itemId, revision: 0 });
  });
  replay.on('2025-06-08', async () => {
    const rows = COUNTIES.map((c) => {
      const [area, revenue] = DEMO_FACTORS[c.code]!;
      return { recipient: `org:${orgIds.get(c.code)}`, source: '演示数据', values: { AREA: area, REVENUE: revenue } };
    });
    const set = await setFactorValues(replay.as('officer'), factorValuesSchema.parse({ batchId: batch.id, expectedRevision: batch.revision, rows }));
    batch.revision = set.revision;
  });
  replay.on('2025-06-08', () => move('officer', 'enter_factors'));
  replay.on('2025-06-10', () => move('officer', 'compute'));
  replay.on('2025-06-12', () => move('reviewer', 'review'));
  // Approval publishes the formula and the result (分配公式和因素, 分配结果) in its transaction.
  replay.on('2025-06-15', () => move('approver', 'approve'));
  // Issuing pays each county its amount, dated that day; 公开 follows automatically.
  replay.on('2025-06-18', () => move('officer', 'issue'));
}
