/** The inputs, results and refusals of the factor method (see allocation.ts), and its constants. */
import { MAX_AMOUNT_FEN } from '../money';

export interface FactorSpec {
  code: string;
  name?: string;
  /** Weight in basis points (1..10000); the weights of a formula sum to exactly 10000. */
  weightBp: number;
  direction: 'more_is_more' | 'less_is_more';
}

export interface RecipientInput {
  code: string;
  /** factor code → exact decimal string ≥ 0 ("12.5", "0.000001"; no exponent, no sign). */
  values: Record<string, string>;
}

export interface FormulaInput {
  totalFen: bigint;
  factors: FactorSpec[];
  recipients: RecipientInput[];
  floorFen?: bigint | null;
  capFen?: bigint | null;
  /** Kept by the allocating level: setAsideFen = ⌊total · setAsideBp / 10000⌋, 0..9999. */
  setAsideBp?: number;
}

export interface RecipientResult {
  readonly code: string;
  readonly amountFen: bigint;
  readonly floorApplied: boolean;
  readonly capApplied: boolean;
  /** The formula share (before floors and caps), exact and reduced: "num/den". Computed on each call. */
  share(): string;
  /** The exact amount before rounding, in fen, after floors and caps: "num/den" (reduced). Computed on each call. */
  quota(): string;
}

export interface FormulaResult {
  distributableFen: bigint;
  setAsideFen: bigint;
  /** In input order. */
  recipients: RecipientResult[];
}

export type FormulaErrorCode =
  | 'weights_sum'
  | 'weight_range'
  | 'no_factors'
  | 'no_recipients'
  | 'duplicate_recipient'
  | 'duplicate_factor'
  | 'missing_value'
  | 'negative_value'
  | 'bad_value'
  | 'all_zero'
  | 'zero_value_less_is_more'
  | 'infeasible_floor'
  | 'infeasible_cap'
  | 'total_range';

export type FormulaError = { code: FormulaErrorCode; factor?: string; recipient?: string };

export type FormulaOutcome = { ok: true; result: FormulaResult } | { ok: false; error: FormulaError };

export const BASIS_POINTS = 10_000;
/** The largest batch total: the portal's one amount limit. */
export const MAX_TOTAL_FEN = MAX_AMOUNT_FEN;

/** Basis points as a bigint, for exact arithmetic. */
export const BP = 10_000n;

export type Refusal = { ok: false; error: FormulaError };

export function fail(code: FormulaErrorCode, extra: { factor?: string; recipient?: string } = {}): Refusal {
  return { ok: false, error: { code, ...extra } };
}
