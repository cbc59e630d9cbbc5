import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { organisations } from '@/db/schema';
import {
  parseReconciliationSettings,
  RECONCILIATION_SETTING_KEYS,
  ruleOf,
  type ReconciliationSettings,
  type RuleGroup,
  type RuleId,
} from '@/lib/audit/reconciliation/rules';
import type { FindingSeverity } from '@/lib/domain/vocabulary';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { runReconciliation, type RawFlag } from '../internal/reconciliation/rules';
import { readSetting } from '../internal/settings';

export type { FlagAmountKey, FlagEntityType } from '../internal/reconciliation/rules';
export { FLAG_AMOUNT_KEYS } from '../internal/reconciliation/rules';

export interface FlagDto extends RawFlag {
  /** Stable across loads while the case stands: `rule:entityType:id`, what a finding refers to. */
  key: string;
  group: RuleGroup;
  severity: FindingSeverity;
  organisation: string;
  organisationEn: string;
}

export interface FlagFilter {
  rule?: RuleId;
  group?: RuleGroup;
  organisationId?: number;
  period?: number;
}

export interface FlagsAnswer {
  flags: FlagDto[];
  settings: ReconciliationSettings;
  /** Every organisation and period that has a flag, for the filters. */
  organisations: { id: number; name: string; nameEn: string }[];
  periods: number[];
}

async function reconciliationSettings(db: Queryable): Promise<ReconciliationSettings> {
  const raw = Object.fromEntries(await Promise.all(RECONCILIATION_SETTING_KEYS.map(async (k) => [k, await readSetting(db, k)] as const)));
  return parseReconciliationSettings(raw);
}

const flagKey = (f: RawFlag) => `${f.rule}:${f.entityType}:${f.entityId}`;

async function allFlags(db: Queryable): Promise<{ flags: FlagDto[]; settings: ReconciliationSettings }> {
  const settings = await reconciliationSettings(db);
  const raw = await runReconciliation(db, settings);
  const orgIds = [...new Set(raw.map((f) => f.organisationId))];
  const names = new Map(
    (orgIds.length ? await db.select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.id, orgIds)) : []).map((o) => [o.id, o]),
  );
  const flags = raw.map((f) => {
    const rule = ruleOf(f.rule);
    const org = names.get(f.organisationId);
    return { ...f, key: flagKey(f), group: rule.group, severity: rule.severity, organisation: org?.name ?? '', organisationEn: org?.nameEn ?? '' };
  });
  return { flags, settings };
}

/**
 * Whether the rules raise the flag `key` now: a finding is recorded only on a flag that stands.
 * `within` is the recording transaction when there is one.
 */
export async function flagStands(ctx: Ctx, key: string, within: Queryable = ctx.db): Promise<boolean> {
  assertCan(ctx.actor, 'finding.record');
  const raw = await runReconciliation(within, await reconciliationSettings(within));
  return raw.some((f) => flagKey(f) === key);
}

/**
 * 对账标记: every reconciliation rule run over the whole ledger (auditors read everything,
 * classified included), filtered as asked. Computed on each call; only the formula recomputation
 * is cached (by each batch's inputs hash).
 */
export async function listFlags(ctx: Ctx, filter: FlagFilter = {}): Promise<FlagsAnswer> {
  assertCan(ctx.actor, 'audit.read');
  const { flags, settings } = await allFlags(ctx.db);
  const organisationsSeen = new Map(flags.map((f) => [f.organisationId, { id: f.organisationId, name: f.organisation, nameEn: f.organisationEn }]));
  return {
    flags: flags.filter(
      (f) =>
        (filter.rule === undefined || f.rule === filter.rule) &&
        (filter.group === undefined || f.group === filter.group) &&
        (filter.organisationId === undefined || f.organisationId === filter.organisationId) &&
        (filter.period === undefined || f.period === filter.period),
    ),
    settings,
    organisations: [...organisationsSeen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    periods: [...new Set(flags.map((f) => f.period))].sort((a, b) => b - a),
  };
}

export interface OverviewRowDto {
  organisationId: number;
  organisation: string;
  organisationEn: string;
  period: number;
  flags: number;
  byGroup: Record<RuleGroup, number>;
  lateStages: number;
  /** Obligations past due with nothing published. */
  missingDisclosures: number;
  lateDisclosures: number;
  /** Findings against the organisation of that year that are not closed. */
  openFindings: number;
}

/**
 * 对账总览: per organisation and period (fiscal year), counts of flags by rule group, late stages,
 * missing and late disclosures, and open findings, in the manner of an agency reporting overview.
 * `period` limits it to one year.
 */
export async function flagsOverview(ctx: Ctx, period?: number): Promise<{ rows: OverviewRowDto[]; periods: number[] }> {
  assertCan(ctx.actor, 'audit.read');
  const { flags } = await allFlags(ctx.db);
  const findings = rowsOf<{ org_id: number; name: string; name_en: string; year: number; open: number }>(
    await ctx.db.execute(sql`
      select f.responsible_org_id as org_id, o.name, o.name_en, extract(year from f.created_at at time zone 'Asia/Shanghai')::int as year, count(*)::int as open
      from findings f join organisations o on o.id = f.responsible_org_id
      where f.status <> 'closed' group by f.responsible_org_id, o.name, o.name_en, year`),
  );
  const rows = new Map<string, OverviewRowDto>();
  const rowFor = (organisationId: number, organisation: string, organisationEn: string, year: number) => {
    const key = `${organisationId}:${year}`;
    let row = rows.get(key);
    if (!row) {
      row = { organisationId, organisation, organisationEn, period: year, flags: 0, byGroup: { money: 0, payments: 0, deadlines: 0, disclosure: 0 }, lateStages: 0, missingDisclosures: 0, lateDisclosures: 0, openFindings: 0 };
      rows.set(key, row);
    }
    return row;
  };
  for (const f of flags) {
    const row = rowFor(f.organisationId, f.organisation, f.organisationEn, f.period);
    row.flags++;
    row.byGroup[f.group]++;
    if (f.rule === 'stage_overdue') row.lateStages++;
    if (f.rule === 'disclosure_overdue') row.missingDisclosures++;
    if (f.rule === 'disclosure_late') row.lateDisclosures++;
  }
  for (const f of findings) rowFor(Number(f.org_id), f.name, f.name_en, Number(f.year)).openFindings += Number(f.open);
  const all = [...rows.values()];
  return {
    rows: all.filter((r) => period === undefined || r.period === period).sort((a, b) => b.period - a.period || b.flags - a.flags || a.organisationId - b.organisationId),
    periods: [...new Set(all.map((r) => r.period))].sort((a, b) => b - a),
  };
}
