import { Rational } from './rational';

/*
 * Citizens' 1-5 ratings of a project, summarised exactly: the average and the share of ratings of
 * 4 or 5 (satisfied) are rationals rounded only when written out, half away from zero.
 */

/** Scores of 4 or 5 count as satisfied. */
export const SATISFIED_FROM_SCORE = 4;

/** The average score with two decimals ("4.33"), or null without ratings. */
export function averageScore(scoreSum: number, ratings: number): string | null {
  return ratings > 0 ? Rational.of(BigInt(scoreSum), BigInt(ratings)).toDecimalString(2) : null;
}

/** The satisfied share as a percentage with two decimals ("66.67" for 2 of 3), or null without ratings. */
export function satisfiedPercent(satisfied: number, ratings: number): string | null {
  return ratings > 0 ? Rational.of(BigInt(satisfied) * 100n, BigInt(ratings)).toDecimalString(2) : null;
}

/**
 * The source an evaluation's satisfaction indicator names when its value was computed from the
 * portal's confirmed ratings; a value under this source is always the server's, never typed.
 */
export function citizenRatingSource(ratings: number): string {
  return `公众评价 ${ratings} 份`;
}

export const CITIZEN_RATING_SOURCE = /^公众评价 \d+ 份$/;
