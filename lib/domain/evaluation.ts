/**
 * Performance-evaluation arithmetic (绩效评价): how an indicator's actual value against its target
 * becomes points, the total and the grade. Exact: values are decimal strings read as scaled
 * integers, points are hundredths of a point, rounded half up once per indicator, and the total is
 * the sum of the points shown, so a reader can add up the published table and get the total.
 */
import { fromScaled, toScaled } from './decimal';
import type { EvaluationGrade, IndicatorDirection, ScoringRule } from './vocabulary';

/** Indicator values carry up to four decimals (numeric(20,4)). */
export const VALUE_SCALE = 4;
/** A whole set's weights: 100 % in basis points. */
export const FULL_WEIGHT_BP = 10_000;

export const GRADE_NAMES: Record<EvaluationGrade, [string, string]> = {
  excellent: ['优', 'Excellent'],
  good: ['良', 'Good'],
  fair: ['中', 'Fair'],
  poor: ['差', 'Poor'],
};

export interface ScoredIndicator {
  weightBp: number;
  direction: IndicatorDirection;
  rule: ScoringRule;
  /** Decimal strings. */
  target: string;
  actual: string;
}

/** Round n/d (both ≥ 0, d > 0) half up to an integer. */
function roundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** How far the target is met, as a fraction capped at 1: [numerator, denominator]. */
function attainment(direction: IndicatorDirection, target: bigint, actual: bigint): [bigint, bigint] {
  if (actual < 0n || target < 0n) throw new Error('indicator values are not negative');
  if (direction === 'higher_better') {
    if (actual >= target) return [1n, 1n];
    return [actual, target];
  }
  if (actual <= target) return [1n, 1n];
  return [target, actual];
}

/** The points an indicator earns, in hundredths of a point (its weight in basis points is its maximum). */
export function indicatorPoints(i: ScoredIndicator): number {
  const target = toScaled(i.target, VALUE_SCALE);
  const actual = toScaled(i.actual, VALUE_SCALE);
  const [num, den] = attainment(i.direction, target, actual);
  const weight = BigInt(i.weightBp);
  if (i.rule === 'threshold') return num === den ? i.weightBp : 0;
  return Number(roundHalfUp(weight * num, den));
}

/** The total of a set in hundredths: the sum of its indicators' rounded points. */
export function totalPoints(indicators: readonly ScoredIndicator[]): number {
  return indicators.reduce((sum, i) => sum + indicatorPoints(i), 0);
}

/** 优 ≥ 90, 良 80-89.99, 中 60-79.99, 差 < 60; `hundredths` is the score × 100. */
export function gradeOf(hundredths: number): EvaluationGrade {
  if (!Number.isInteger(hundredths) || hundredths < 0 || hundredths > 10_000) throw new Error(`score out of range: ${hundredths}`);
  if (hundredths >= 9_000) return 'excellent';
  if (hundredths >= 8_000) return 'good';
  if (hundredths >= 6_000) return 'fair';
  return 'poor';
}

/** Points in hundredths as the two-decimal string stored and published ("87.50"). */
export const pointsText = (hundredths: number): string => fromScaled(BigInt(hundredths), 2);

/** A score string ("89.99") back to hundredths. */
export const pointsOf = (score: string): number => Number(toScaled(score, 2));

/** Weights entered as percentages with up to two decimals ("12.5") to basis points. */
export const weightBpOf = (percent: string): number => Number(toScaled(percent, 2));

/** Basis points back to a percentage string ("12.50"). */
export const weightPercent = (bp: number): string => fromScaled(BigInt(bp), 2);

/** Null when a set's weights are usable: each positive and together exactly 100 %. */
export function weightsProblem(weightsBp: readonly number[]): 'empty' | 'not_positive' | 'sum' | null {
  if (!weightsBp.length) return 'empty';
  if (weightsBp.some((w) => !Number.isInteger(w) || w <= 0)) return 'not_positive';
  return weightsBp.reduce((a, b) => a + b, 0) === FULL_WEIGHT_BP ? null : 'sum';
}

/** The sum of weights as a percentage string, for the message that says how far off it is. */
export const weightSumText = (weightsBp: readonly number[]): string => weightPercent(weightsBp.reduce((a, b) => a + b, 0));

