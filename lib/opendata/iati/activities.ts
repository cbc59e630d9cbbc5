import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';
import { activityDate, budget, CURRENCY, narratives, participatingOrg, recipientChina, relatedActivity, reportingOrg, transaction, type OrgRole } from './elements';
import type { Hop, Party } from './hops';
import type { IatiOrg, IatiProgramme, IatiProject } from './model';
import type { ActivityIndex, IatiTransaction, Names } from './transactions';
import { el, textEl } from './xml';

/** A programme as the export knows it: from its public catalogue entry, or only from its published lines. */
export type ProgrammeEntry = Omit<IatiProgramme, 'fiscalYear' | 'purpose' | 'managingOrgCode'> & {
  fiscalYear: number | null;
  purpose: string | null;
  managingOrgCode: string | null;
};

export interface ActivityContext {
  reportingOrg: IatiOrg;
  index: ActivityIndex;
  transactions: Map<string, IatiTransaction[]>;
}

/**
 * Where the plan's projects sit in time when they state no dates of their own: the plan period of
 * 《阳泉市国土空间生态修复规划（2021-2035年）》.
 */
export const PLAN_PERIOD = { start: '2021-01-01', end: '2035-12-31' } as const;

const orgOf = (p: Party, index: ActivityIndex): IatiOrg => index.org(p.code) ?? { code: p.code, name: p.name, nameEn: p.nameEn, kind: null };

const distinctBy = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((t) => [key(t), t])).values()];

/** Net sums by calendar year; only years with money left (a budget is never zero or negative). */
function budgetsOf(hops: Hop[]): string[] {
  const byYear = new Map<string, bigint>();
  for (const h of hops) byYear.set(h.line.date.slice(0, 4), (byYear.get(h.line.date.slice(0, 4)) ?? 0n) + h.fen);
  return [...byYear].filter(([, fen]) => fen > 0n).sort(([a], [b]) => a.localeCompare(b)).map(([year, fen]) => budget(year, fen));
}

/** Orders transfer-9 before transfer-10. */
const byNumber = new Intl.Collator('en', { numeric: true });

const earliest = (hops: Hop[]) => hops.reduce<string | null>((d, h) => (d === null || h.line.date < d ? h.line.date : d), null);

function activity(id: string, hierarchy: '1' | '2', ctx: ActivityContext, parts: { title: Names; descriptions: [string, Names][]; orgs: [IatiOrg, OrgRole][]; status: string; dates: string[]; budgets: string[]; related: string[] }): string {
  const transactions = [...(ctx.transactions.get(id) ?? [])].sort((a, b) => a.date.localeCompare(b.date) || byNumber.compare(a.ref, b.ref) || a.type.localeCompare(b.type));
  return el('iati-activity', { 'xml:lang': 'zh', 'default-currency': CURRENCY, hierarchy }, [
    textEl('iati-identifier', {}, id),
    reportingOrg(ctx.reportingOrg),
    el('title', {}, narratives(parts.title)),
    ...parts.descriptions.map(([type, names]) => el('description', { type }, narratives(names))),
    ...distinctBy(parts.orgs, ([org, role]) => `${role} ${org.code}`).map(([org, role]) => participatingOrg(org, role)),
    el('activity-status', { code: parts.status }),
    ...parts.dates,
    recipientChina(),
    ...parts.budgets,
    ...transactions.map(transaction),
    ...parts.related,
  ]);
}

/** Who funds a programme: its managing organisation, or else the government its published money starts from. */
export function funderOf(p: ProgrammeEntry, hops: Hop[]): string | null {
  if (p.managingOrgCode) return p.managingOrgCode;
  const receivers = new Set(hops.map((h) => h.receiver.code));
  return hops.find((h) => !receivers.has(h.provider.code))?.provider.code ?? null;
}

/**
 * A programme (hierarchy 1): funded by its managing organisation, extended by every government that
 * passed its money on, implemented by the units of the projects it paid. Its budget per year is what
 * its funder issued, from published lines only. Status: 2 Implementation once money has moved, else 1 Pipeline.
 */
export function programmeActivity(id: string, p: ProgrammeEntry, hops: Hop[], projectIds: string[], ctx: ActivityContext): string {
  const { index } = ctx;
  const funder = funderOf(p, hops);
  const funderOrg = funder ? (index.org(funder) ?? orgOf(hops.find((h) => h.provider.code === funder)!.provider, index)) : null;
  const extending = hops.filter((h) => h.kind !== 'disbursement' && h.provider.code !== funder).map((h): [IatiOrg, OrgRole] => [orgOf(h.provider, index), '3']);
  const implementing = hops
    .filter((h) => h.kind === 'payment')
    .flatMap((h) => index.project(h.receiver.code)?.implementingOrgCode ?? [])
    .flatMap((code) => index.org(code) ?? [])
    .map((org): [IatiOrg, OrgRole] => [org, '4']);
  const started = earliest(hops);
  const descriptions: [string, Names][] = [];
  if (p.purpose) descriptions.push(['1', { zh: p.purpose, en: null }]);
  descriptions.push([
    descriptions.length ? '4' : '1',
    p.fiscalYear === null
      ? { zh: `${zh.level[p.level]}专项资金`, en: `${en.level[p.level]} fund programme` }
      : { zh: `${zh.level[p.level]}专项资金，${p.fiscalYear}年度`, en: `${en.level[p.level]} fund programme, fiscal year ${p.fiscalYear}` },
  ]);
  return activity(id, '1', ctx, {
    title: { zh: p.name, en: null },
    descriptions,
    orgs: [...(funderOrg ? [[funderOrg, '1'] as [IatiOrg, OrgRole]] : []), ...extending, ...implementing.sort(([a], [b]) => a.code.localeCompare(b.code))],
    status: hops.length ? '2' : '1',
    dates: [
      ...(p.fiscalYear === null ? [] : [activityDate('1', `${p.fiscalYear}-01-01`)]),
      ...(started ? [activityDate('2', started)] : []),
      ...(p.fiscalYear === null ? [] : [activityDate('3', `${p.fiscalYear}-12-31`)]),
    ],
    budgets: budgetsOf(hops.filter((h) => h.provider.code === funder && h.kind !== 'disbursement')),
    related: projectIds.map((ref) => relatedActivity('2', ref)),
  });
}

function classification(p: IatiProject): Names {
  const parts = [p.type, p.zone, p.keyArea, p.group];
  const zhText = [...parts.flatMap((x) => (x ? [x.name] : [])), ...(p.town ? [p.town] : [])].join('；');
  const enParts = [
    `Type: ${p.type.nameEn}`,
    ...(p.zone?.nameEn ? [`zone: ${p.zone.nameEn}`] : []),
    ...(p.keyArea?.nameEn ? [`key area: ${p.keyArea.nameEn}`] : []),
    ...(p.group?.nameEn ? [`engineering group: ${p.group.nameEn}`] : []),
  ];
  return { zh: zhText, en: enParts.join('; ') };
}

/** IATI ActivityStatus from the public record: 4 Closed once evaluated, 3 Finalisation once accepted, 2 Implementation once funded or under way, else 1 Pipeline. */
function projectStatus(p: IatiProject, funded: boolean): string {
  if (p.stage === 'evaluated') return '4';
  if (p.stage === 'accepted') return '3';
  if (funded || p.stage === 'implementing') return '2';
  return '1';
}

/**
 * A project (hierarchy 2): funded by the managing organisations of the programmes that paid it,
 * extended by the governments that paid it, implemented by its unit. Its budget per year is what it
 * received, from published lines only.
 */
export function projectActivity(id: string, p: IatiProject, received: Hop[], programmes: { id: string; entry: ProgrammeEntry; hops: Hop[] }[], ctx: ActivityContext): string {
  const { index } = ctx;
  const funders = programmes.flatMap(({ entry, hops }) => funderOf(entry, hops) ?? []).flatMap((code) => index.org(code) ?? []);
  const unit = p.implementingOrgCode ? index.org(p.implementingOrgCode) : undefined;
  const orgs: [IatiOrg, OrgRole][] = [
    ...funders.map((org): [IatiOrg, OrgRole] => [org, '1']),
    ...received.map((h): [IatiOrg, OrgRole] => [orgOf(h.provider, index), '3']),
    ...(unit ? [[unit, '4'] as [IatiOrg, OrgRole]] : []),
  ];
  // Nobody named yet (no unit, no money): the counties it lies in, else the reporter, so the activity still names an organisation.
  if (!orgs.length) orgs.push(...p.countyCodes.flatMap((c) => index.org(c) ?? []).map((org): [IatiOrg, OrgRole] => [org, '3']));
  if (!orgs.length) orgs.push([ctx.reportingOrg, '3']);
  const started = earliest(received);
  const noDates = !p.plannedStart && !p.plannedEnd && !started;
  return activity(id, '2', ctx, {
    title: { zh: p.name, en: null },
    descriptions: p.description ? [['1', { zh: p.description, en: null }], ['4', classification(p)]] : [['1', classification(p)]],
    orgs,
    status: projectStatus(p, received.length > 0),
    dates: [
      ...(p.plannedStart ? [activityDate('1', p.plannedStart)] : noDates ? [activityDate('1', PLAN_PERIOD.start)] : []),
      ...(started ? [activityDate('2', started)] : []),
      ...(p.plannedEnd ? [activityDate('3', p.plannedEnd)] : noDates ? [activityDate('3', PLAN_PERIOD.end)] : []),
      ...(p.acceptedOn && (p.stage === 'accepted' || p.stage === 'evaluated') ? [activityDate('4', p.acceptedOn)] : []),
    ],
    budgets: budgetsOf(received),
    related: programmes.map((x) => relatedActivity('1', x.id)),
  });
}
