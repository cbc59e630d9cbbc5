import { fromScaled, toScaled } from './decimal';
import type { IndicatorComparator, ProjectType } from './vocabulary';

/** Reported values are stored as numeric(12, 2): at most ten whole digits and two decimals. */
export const INDICATOR_VALUE_SCALE = 2;
const VALUE_PATTERN = /^-?\d{1,10}(?:\.\d{1,2})?$/;

/**
 * What an indicator measures, which bounds its values: an area (km², never negative), a rate
 * (a share in percent, 0-100) or a growth (percent change against an earlier value, never below -100).
 */
export type IndicatorMeasure = 'area' | 'rate' | 'growth';

/** 野生动物重要栖息地面积增长 is a change, not a share; every other % indicator of the plan is a rate. */
const MEASURE_OVERRIDES: Record<string, IndicatorMeasure> = { I09: 'growth' };

export function measureOf(indicator: { code: string; unit: string }): IndicatorMeasure {
  return MEASURE_OVERRIDES[indicator.code] ?? (indicator.unit === '%' ? 'rate' : 'area');
}

export type IndicatorValueError = 'format' | 'negative' | 'above_100' | 'below_minus_100';

/** Why a typed value cannot be an indicator's value, or null when it can. */
export function indicatorValueError(value: string, measure: IndicatorMeasure): IndicatorValueError | null {
  const v = value.trim();
  if (!VALUE_PATTERN.test(v)) return 'format';
  const scaled = toScaled(v, INDICATOR_VALUE_SCALE);
  const hundred = toScaled('100', INDICATOR_VALUE_SCALE);
  if (measure === 'growth') return scaled < -hundred ? 'below_minus_100' : null;
  if (scaled < 0n) return 'negative';
  if (measure === 'rate' && scaled > hundred) return 'above_100';
  return null;
}

/**
 * The project types whose works move each indicator, from the plan's own grouping of works (第五章):
 * the public mapping of projects to indicators, since a project's type is public and its
 * application's performance targets are not.
 */
export const INDICATOR_PROJECT_TYPES: Record<string, readonly ProjectType[]> = {
  I01: ['ecological_network'],
  I02: ['forest_grassland'],
  I03: ['forest_grassland'],
  I04: ['soil_erosion', 'agricultural_space'],
  I05: ['soil_erosion'],
  I06: ['mine_restoration'],
  I07: ['water_ecosystem'],
  I08: ['water_ecosystem'],
  I09: ['ecological_network'],
};

export interface IndicatorTargets {
  comparator: IndicatorComparator;
  baseline2020: string | null;
  target2025: string | null;
  target2035: string | null;
}

export interface YearValue {
  year: number;
  value: string;
}

/**
 * - `no_data`: nothing reported yet.
 * - `reached`: the latest value already meets the target it is measured against.
 * - `on_track`: at or beyond the straight path from the anchor to that target.
 * - `behind`: short of that path, or short of the target in or after its year.
 * - `no_trend`: one value, before the target year, and no baseline: no path to measure against yet.
 */
export type TrackStatus = 'no_data' | 'reached' | 'on_track' | 'behind' | 'no_trend';

export interface Tracking {
  status: TrackStatus;
  /** The target the latest value is measured against, and its year. */
  targetYear: number | null;
  target: string | null;
  /** Where the straight path stands in the latest year (two decimals, rounded half away from zero); null without a path. */
  expected: string | null;
  latest: YearValue | null;
  /** The path's start: the 2020 baseline when the plan states one, otherwise the first reported value. */
  anchor: YearValue | null;
}

/** Whether a value meets a target: 不低于 and 维持在 (a rate to be kept, never lost) are "at least", 不高于 "at most". */
export function meetsTarget(comparator: IndicatorComparator, value: bigint, target: bigint): boolean {
  return comparator === 'lte' ? value <= target : value >= target;
}

/**
 * The target a value of `year` answers to: the 2025 target up to 2025, the 2035 target after it;
 * where the plan states no 2035 value, the 2025 target must still hold.
 */
export function targetFor(t: IndicatorTargets, year: number): { year: number; value: string } | null {
  if (year <= 2025 && t.target2025 !== null) return { year: 2025, value: t.target2025 };
  if (t.target2035 !== null) return { year: 2035, value: t.target2035 };
  if (t.target2025 !== null) return { year: 2025, value: t.target2025 };
  return null;
}

/** Rounds num/den (den > 0) to the nearest integer, halves away from zero. */
function roundDiv(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return neg ? -q : q;
}

/**
 * On track or behind, by one stated rule: the latest reported value against the straight line
 * from the anchor (the 2020 baseline, or else the first reported value) to the target it answers
 * to, honouring the comparator. Exact: values are compared as scaled integers, never floats.
 */
export function trackIndicator(t: IndicatorTargets, reports: readonly YearValue[]): Tracking {
  const sorted = [...reports].sort((a, b) => a.year - b.year);
  const latest = sorted.at(-1) ?? null;
  if (!latest) return { status: 'no_data', targetYear: null, target: null, expected: null, latest: null, anchor: null };
  const goal = targetFor(t, latest.year);
  const anchor: YearValue = t.baseline2020 !== null ? { year: 2020, value: t.baseline2020 } : sorted[0]!;
  if (!goal) return { status: 'no_trend', targetYear: null, target: null, expected: null, latest, anchor };
  const s = INDICATOR_VALUE_SCALE;
  const v = toScaled(latest.value, s);
  const target = toScaled(goal.value, s);
  const base = { targetYear: goal.year, target: goal.value, latest, anchor };
  if (meetsTarget(t.comparator, v, target)) return { ...base, status: 'reached', expected: latest.year >= goal.year ? goal.value : null };
  if (latest.year >= goal.year) return { ...base, status: 'behind', expected: goal.value };
  if (anchor.year >= latest.year) return { ...base, status: 'no_trend', expected: null };
  // expected = a0 + (T − a0)·(y − y0)/(Ty − y0); compare v·(Ty − y0) with a0·(Ty − y0) + (T − a0)·(y − y0).
  const a0 = toScaled(anchor.value, s);
  const span = BigInt(goal.year - anchor.year);
  const elapsed = BigInt(latest.year - anchor.year);
  const expectedTimesSpan = a0 * span + (target - a0) * elapsed;
  const onPath = meetsTarget(t.comparator, v * span, expectedTimesSpan);
  return { ...base, status: onPath ? 'on_track' : 'behind', expected: fromScaled(roundDiv(expectedTimesSpan, span), s) };
}
