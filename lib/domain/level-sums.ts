import { FUND_LEVELS, type FundLevel } from './vocabulary';

/** Sums by fund level, zero where nothing moved; each level once, in the chain's order. */
export type LevelSums = Record<FundLevel, bigint>;
export const emptyLevelSums = (): LevelSums => ({ central: 0n, provincial: 0n, municipal: 0n, county: 0n });
export const totalOf = (s: LevelSums) => FUND_LEVELS.reduce((t, l) => t + s[l], 0n);
