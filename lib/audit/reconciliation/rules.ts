import type { FindingSeverity } from '@/lib/domain/vocabulary';

/**
 * 对账规则: the reconciliation rules auditors see flagged, in the order the page lists them. Each
 * rule's title and plain explanation (what is computed, why it matters) are in the `flags`
 * messages under its id; its figures are computed in lib/dal/internal/audit/reconciliation.ts.
 * Severities are findings' severities, so a flag can become a finding as it stands.
 */
export const RULE_GROUPS = ['money', 'payments', 'deadlines', 'disclosure'] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];

export const RECONCILIATION_SETTING_KEYS = ['idle_days', 'split_threshold_fen', 'split_band_bp', 'split_window_days'] as const;
export type ReconciliationSettingKey = (typeof RECONCILIATION_SETTING_KEYS)[number];

export const RECONCILIATION_RULES = [
  { id: 'passed_on_exceeds_received', group: 'money', severity: 'critical', settings: [] },
  { id: 'spent_exceeds_received', group: 'money', severity: 'critical', settings: [] },
  { id: 'matching_shortfall', group: 'money', severity: 'major', settings: [] },
  { id: 'formula_drift', group: 'money', severity: 'major', settings: [] },
  { id: 'idle_funds', group: 'money', severity: 'minor', settings: ['idle_days'] },
  { id: 'split_below_threshold', group: 'payments', severity: 'major', settings: ['split_threshold_fen', 'split_band_bp', 'split_window_days'] },
  { id: 'duplicate_voucher', group: 'payments', severity: 'major', settings: [] },
  { id: 'stage_overdue', group: 'deadlines', severity: 'minor', settings: [] },
  { id: 'disclosure_overdue', group: 'disclosure', severity: 'major', settings: [] },
  { id: 'disclosure_late', group: 'disclosure', severity: 'minor', settings: [] },
] as const satisfies readonly { id: string; group: RuleGroup; severity: FindingSeverity; settings: readonly ReconciliationSettingKey[] }[];

export type RuleId = (typeof RECONCILIATION_RULES)[number]['id'];
export const RULE_IDS = RECONCILIATION_RULES.map((r) => r.id) as unknown as readonly [RuleId, ...RuleId[]];

export function ruleOf(id: RuleId) {
  return RECONCILIATION_RULES.find((r) => r.id === id)!;
}

export interface ReconciliationSettings {
  /** Money held longer than this since it last arrived is idle (the chain view's setting). */
  idleDays: number;
  /** The amount from which a contract must be tendered (fen). */
  splitThresholdFen: bigint;
  /** How far below the threshold, in basis points of it, a payment counts as "just under". */
  splitBandBp: number;
  /** How many days apart the payments of one split may lie. */
  splitWindowDays: number;
}

/**
 * Defaults: idle money as the chain view has it (180 days); the threshold is 400万元, from which a
 * construction contract must be publicly tendered (《必须招标的工程项目规定》, NDRC Order No. 16,
 * 2018), the classic amount that payments are split to stay under (化整为零规避招标); "just under"
 * is within 20 % below it, and the payments of one split lie within 30 days.
 */
export const RECONCILIATION_DEFAULTS: ReconciliationSettings = {
  idleDays: 180,
  splitThresholdFen: 400_000_000n,
  splitBandBp: 2_000,
  splitWindowDays: 30,
};

const wholeIn = (raw: string | null | undefined, min: bigint, max: bigint): bigint | null => {
  if (raw === null || raw === undefined || !/^\d{1,16}$/.test(raw.trim())) return null;
  const v = BigInt(raw.trim());
  return v >= min && v <= max ? v : null;
};

/** The settings as stored (text), each falling back to its default when absent or out of range. */
export function parseReconciliationSettings(raw: Partial<Record<ReconciliationSettingKey, string | null>>): ReconciliationSettings {
  const d = RECONCILIATION_DEFAULTS;
  return {
    idleDays: Number(wholeIn(raw.idle_days, 1n, 3650n) ?? d.idleDays),
    splitThresholdFen: wholeIn(raw.split_threshold_fen, 100n, 1_000_000_000_000_000n) ?? d.splitThresholdFen,
    splitBandBp: Number(wholeIn(raw.split_band_bp, 1n, 5_000n) ?? d.splitBandBp),
    splitWindowDays: Number(wholeIn(raw.split_window_days, 1n, 366n) ?? d.splitWindowDays),
  };
}

/** The lowest amount (fen) still "just under" the threshold: threshold × (1 − band), rounded up. */
export function splitBandFloorFen(s: ReconciliationSettings): bigint {
  return (s.splitThresholdFen * BigInt(10_000 - s.splitBandBp) + 9_999n) / 10_000n;
}

export interface SplitPayment {
  id: number;
  /** Who paid and who was paid: a split is one payer's payments to one payee. */
  payerHolderId: number;
  payeeHolderId: number;
  /** ISO date. */
  date: string;
  amountFen: bigint;
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * Groups of two or more payments by one payer to one payee, each just under the threshold
 * (floor ≤ amount < threshold), lying within the window of the group's first payment, whose sum
 * reaches the threshold: what one tendered contract paid in pieces would look like.
 */
export function splitGroups(payments: SplitPayment[], s: ReconciliationSettings): SplitPayment[][] {
  const floor = splitBandFloorFen(s);
  const under = payments.filter((p) => p.amountFen >= floor && p.amountFen < s.splitThresholdFen);
  const byPair = new Map<string, SplitPayment[]>();
  for (const p of under) {
    const key = `${p.payerHolderId}:${p.payeeHolderId}`;
    byPair.set(key, [...(byPair.get(key) ?? []), p]);
  }
  const groups: SplitPayment[][] = [];
  for (const list of byPair.values()) {
    list.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    let i = 0;
    while (i < list.length) {
      let j = i + 1;
      while (j < list.length && dayNumber(list[j]!.date) - dayNumber(list[i]!.date) <= s.splitWindowDays) j++;
      const group = list.slice(i, j);
      if (group.length >= 2 && group.reduce((sum, p) => sum + p.amountFen, 0n) >= s.splitThresholdFen) groups.push(group);
      i = j;
    }
  }
  return groups.sort((a, b) => a[0]!.id - b[0]!.id);
}
