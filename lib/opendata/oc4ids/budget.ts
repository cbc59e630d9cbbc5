import { chinaDayStart } from './dates';
import type { FundLevel, ProjectInput } from './input';
import { cny } from './money';
import { reference } from './parties';

const SOURCE_NAMES: Record<FundLevel, [string, string]> = {
  central: ['中央财政补助资金', 'Central government subsidy'],
  provincial: ['省级财政补助资金', 'Provincial subsidy'],
  municipal: ['市级财政资金', 'Municipal funds'],
  county: ['县级财政自有资金', 'County own funds'],
};

/**
 * The budget is the money the public record shows reaching the project, net of reversals (what the
 * project page reports as received), broken down by source: each fund level and the organisation
 * whose programme it is. A withheld line is in no public read, so it is in neither the total nor
 * any part of it. No budget when no public money has reached the project.
 */
export function budgetOf(p: ProjectInput) {
  if (p.funding.length === 0) return undefined;
  const demo = p.demoMoney ? '（演示数据）' : '';
  return {
    description: `已公开的各级财政资金下达到本项目的净额（冲销已扣除）${demo}`,
    description_en: `Net public funds of every level that reached the project, reversals deducted${p.demoMoney ? ' (demo data)' : ''}`,
    amount: cny(p.receivedFen),
    budgetBreakdowns: [
      {
        id: 'by-source',
        description: '按资金来源：中央、省、市、县级财政资金',
        description_en: 'By source: central, provincial, municipal and county funds',
        budgetBreakdown: p.funding.map((f) => ({
          id: `${f.level}-${f.funder?.code ?? 'unnamed'}`,
          description: f.funder ? `${SOURCE_NAMES[f.level][0]}（${f.funder.name}）` : SOURCE_NAMES[f.level][0],
          description_en: f.funder ? `${SOURCE_NAMES[f.level][1]} (${f.funder.nameEn})` : SOURCE_NAMES[f.level][1],
          amount: cny(f.receivedFen),
          period: { startDate: chinaDayStart(f.first), endDate: chinaDayStart(f.last) },
          ...(f.funder ? { sourceParty: reference(f.funder) } : {}),
        })),
      },
    ],
  };
}
