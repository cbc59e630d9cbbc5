import { budgetOf } from './budget';
import { planClassifications, PROJECT_SECTORS, projectStatusOf, projectTypeOf } from './classification';
import { chinaDayStart, later } from './dates';
import { documentsOf } from './documents';
import { PLAN_PROJECT_SCHEME, projectId } from './identifiers';
import type { ProjectInput } from './input';
import { locationsOf } from './locations';
import { cny } from './money';
import { partiesOf, reference } from './parties';

const PLAN = '《阳泉市国土空间生态修复规划（2021-2035年）》';
const PLAN_EN = 'the Yangquan Territorial Spatial Ecological Restoration Plan (2021-2035)';

/** The plan states no text of its own for a project: its description is what the plan says of it (group, type, zone, key area). */
function planDescription(p: ProjectInput): { description: string; description_en: string } {
  const zh = [p.group && `重点工程“${p.group.name}”`, `类型“${p.type.name}”`, p.zone && `修复分区“${p.zone.name}”`, p.keyArea && `重点区域“${p.keyArea.name}”`].filter(Boolean).join('，');
  const en = [p.group && `key engineering group "${p.group.nameEn}"`, `type "${p.type.nameEn}"`, p.zone && `restoration zone "${p.zone.nameEn}"`, p.keyArea && `key area "${p.keyArea.nameEn}"`].filter(Boolean).join(', ');
  return p.fromPlan
    ? { description: `${PLAN}所列项目：${zh}。`, description_en: `A project listed in ${PLAN_EN}: ${en}.` }
    : { description: `${zh}。`, description_en: `${en[0]!.toUpperCase()}${en.slice(1)}.` };
}

/** The completion block, once the works are accepted (验收): when, by whom, and what the public record shows paid for them. */
function completionOf(p: ProjectInput, status: string) {
  if (status !== 'completion' || !p.acceptance) return undefined;
  return {
    endDate: p.acceptance.at,
    endDateDetails: `竣工验收：${p.acceptance.by}${p.acceptance.byEn ? ` (${p.acceptance.byEn})` : ''}`,
    finalValue: cny(p.paidFen),
    finalValueDetails: `已公开的向收款单位支付净额，截至本数据包发布${p.demoMoney ? '（演示数据）' : ''}`,
  };
}

/** One public project as an OC4IDS project: Chinese text (language zh), English where the reference data has it, as `_en` language variants. */
export function oc4idsProject(p: ProjectInput, origin: string) {
  const status = projectStatusOf(p.stage?.code ?? null, p.receivedFen, p.paidFen);
  const type = projectTypeOf(p.type.code);
  const budget = budgetOf(p);
  const documents = documentsOf(p, origin);
  const completion = completionOf(p, status);
  const period = { ...(p.plannedStart ? { startDate: chinaDayStart(p.plannedStart) } : {}), ...(p.plannedEnd ? { endDate: chinaDayStart(p.plannedEnd) } : {}) };
  const updated = p.publications.reduce<string | null>((at, pub) => later(at, pub.publishedAt), p.acceptance?.at ?? null);
  return {
    id: projectId(p.code),
    ...(updated ? { updated } : {}),
    language: 'zh' as const,
    identifiers: [{ id: p.code, scheme: PLAN_PROJECT_SCHEME }],
    ...(p.implementingUnit ? { publicAuthority: reference(p.implementingUnit) } : {}),
    title: p.name,
    ...(p.description ? { description: p.description } : planDescription(p)),
    status,
    ...(type ? { type } : {}),
    sector: [...PROJECT_SECTORS],
    additionalClassifications: planClassifications(p),
    ...(Object.keys(period).length ? { period } : {}),
    ...(p.counties.length ? { locations: locationsOf(p) } : {}),
    ...(budget ? { budget } : {}),
    parties: partiesOf(p),
    ...(documents.length ? { documents } : {}),
    ...(completion ? { completion } : {}),
  };
}

export type Oc4idsProject = ReturnType<typeof oc4idsProject>;
