/**
 * 绩效结果运用: what an administrator's rule does to a recipient whose last evaluation graded 差.
 * Pure and exact: amounts are integer fen; what is cut from graded-poor recipients goes to the
 * others in proportion to their formula amounts, by largest remainder (ties: lower code first),
 * so the batch still shares out exactly what the formula did.
 */
import { toScaled, fromScaled } from './decimal';

export const POOR_GRADE_MODES = ['none', 'reduce', 'stop'] as const;
export type PoorGradeMode = (typeof POOR_GRADE_MODES)[number];

export interface PoorGradeRule {
  mode: PoorGradeMode;
  /** The share cut when reducing, in basis points (2000 = 20 %); ignored otherwise. */
  percentBp: number;
}

export const NO_RULE: PoorGradeRule = { mode: 'none', percentBp: 0 };

/** The stored setting (JSON) as a rule; anything unreadable is no rule. */
export function parsePoorGradeRule(stored: string | null): PoorGradeRule {
  if (!stored) return NO_RULE;
  try {
    const v = JSON.parse(stored) as { mode?: unknown; percent?: unknown };
    if (v.mode === 'stop') return { mode: 'stop', percentBp: 10_000 };
    if (v.mode === 'reduce' && typeof v.percent === 'string') {
      const bp = Number(toScaled(v.percent, 2));
      if (bp > 0 && bp <= 10_000) return { mode: 'reduce', percentBp: bp };
    }
  } catch {
    return NO_RULE;
  }
  return NO_RULE;
}

export function storePoorGradeRule(rule: PoorGradeRule): string {
  return JSON.stringify(rule.mode === 'reduce' ? { mode: 'reduce', percent: fromScaled(BigInt(rule.percentBp), 2) } : { mode: rule.mode });
}

export interface RuleLine {
  code: string;
  computedFen: bigint;
}

export interface RuleOutcome {
  code: string;
  finalFen: bigint;
  /** Positive: cut from a graded-poor recipient; negative: received from the cuts. */
  cutFen: bigint;
}

/** Each changed line, or nothing when the rule changes nothing (no rule, nobody poor, or nobody left to receive). */
export function applyPoorGradeRule(lines: readonly RuleLine[], poor: ReadonlySet<string>, rule: PoorGradeRule): RuleOutcome[] {
  if (rule.mode === 'none') return [];
  const cuts = lines.filter((l) => poor.has(l.code)).map((l) => ({ code: l.code, cut: rule.mode === 'stop' ? l.computedFen : (l.computedFen * BigInt(rule.percentBp)) / 10_000n }));
  const pool = cuts.reduce((s, c) => s + c.cut, 0n);
  const receivers = lines.filter((l) => !poor.has(l.code) && l.computedFen > 0n);
  const base = receivers.reduce((s, l) => s + l.computedFen, 0n);
  if (pool === 0n || base === 0n) return [];
  const gains = receivers.map((l) => ({ code: l.code, fen: (pool * l.computedFen) / base, rem: (pool * l.computedFen) % base }));
  let left = pool - gains.reduce((s, g) => s + g.fen, 0n);
  for (const g of [...gains].sort((a, b) => (a.rem === b.rem ? (a.code < b.code ? -1 : 1) : a.rem > b.rem ? -1 : 1))) {
    if (left === 0n) break;
    g.fen += 1n;
    left -= 1n;
  }
  const byCode = new Map(lines.map((l) => [l.code, l.computedFen]));
  return [
    ...cuts.filter((c) => c.cut > 0n).map((c) => ({ code: c.code, finalFen: byCode.get(c.code)! - c.cut, cutFen: c.cut })),
    ...gains.filter((g) => g.fen > 0n).map((g) => ({ code: g.code, finalFen: byCode.get(g.code)! + g.fen, cutFen: -g.fen })),
  ];
}
