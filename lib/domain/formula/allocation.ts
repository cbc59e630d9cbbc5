/**
 * The factor method (因素法): shares a total among recipients by weighted, normalised factors,
 * exactly, then rounds to the fen by the largest-remainder method.
 *
 * Pure TypeScript over bigint with no Node-only imports, so that a citizen's browser runs the very
 * same code as the server and can check a published allocation to the fen.
 *
 *   share_i = Σ_k (w_k / 10000) · x_ik / Σ_j x_jk        ("more_is_more")
 *             x_ik replaced by 1 / x_ik                   ("less_is_more"; a zero value is refused)
 *   quota_i = distributable · share_i                      (exact rational, in fen)
 *
 * Floors and caps (per recipient, in fen) clamp the quotas: a recipient whose quota falls below the
 * floor gets the floor, one above the cap gets the cap, and what remains is shared among the others
 * in proportion to their shares, until nothing changes. The result is the unique clamped
 * allocation amount_i = min(cap, max(floor, λ · share_i)) with Σ amount_i = distributable.
 * Refused as infeasible: n · floor > distributable ('infeasible_floor'); n · cap < distributable,
 * or more generally (recipients with a positive share) · cap + (recipients with share 0) · floor
 * < distributable, since a share of 0 receives nothing in proportion ('infeasible_cap').
 * Finally every unconstrained recipient gets ⌊quota⌋ fen and the leftover fen (fewer than the
 * number of recipients) go one each to the largest fractional remainders, equal remainders to the
 * lower recipient code (plain string comparison) first, so the result does not depend on the
 * order of the input.
 *
 * Implementation: every factor is brought to integers over one common denominator (a common
 * decimal scale, and for "less_is_more" the lcm of the values), all shares are then numerators over
 * one common denominator, and the amounts come from those numerators alone. A share or quota is
 * only reduced to its "num/den" text when a recipient's share() or quota() is called: with
 * thousands of recipients the reduction costs more than the whole allocation.
 *
 * Long loops over the recipients sit in small functions that return right after the loop: V8
 * reuses the code it compiles on entering a long loop, and code after the loop that had not run
 * by then would send every later call back to the interpreter.
 */
import { capsCanTakeUp, clamp } from './clamp';
import { roundLargestRemainder } from './rounding';
import { firstValueError, scanValues, toColumn } from './scanning';
import { results, shareNumerators, type Exact } from './shares';
import {
  BASIS_POINTS,
  BP,
  fail,
  MAX_TOTAL_FEN,
  type FactorSpec,
  type FormulaError,
  type FormulaInput,
  type FormulaOutcome,
  type RecipientInput,
} from './types';

/**
 * Shares, floors and caps, largest-remainder rounding; see the module comment. Pure and
 * deterministic: the same input gives the same result, in any order of recipients or factors.
 * The exact shares and quotas are kept unreduced and reduced only when a recipient's share() or
 * quota() is asked for.
 *
 * Checks, in this order (the first failure is returned):
 * - total_range: totalFen not in 1..10^15, or setAsideBp not an integer in 0..9999;
 * - no_factors, no_recipients;
 * - weight_range (weightBp not an integer in 1..10000), duplicate_factor, then weights_sum
 *   (≠ 10000); an unknown direction is reported as bad_value with the factor;
 * - duplicate_recipient;
 * - per factor, recipient by recipient: missing_value, bad_value (not a plain decimal: no
 *   exponent, sign, spaces or separators), negative_value, zero_value_less_is_more; then all_zero
 *   (every value of a more_is_more factor is 0);
 * - infeasible_floor, infeasible_cap (see the module comment).
 * Values under keys that are not factor codes are ignored.
 */
export function computeAllocation(input: FormulaInput): FormulaOutcome {
  const { totalFen, factors, recipients } = input;
  if (typeof totalFen !== 'bigint' || totalFen <= 0n || totalFen > MAX_TOTAL_FEN) return fail('total_range');
  const setAsideBp = input.setAsideBp ?? 0;
  if (!Number.isInteger(setAsideBp) || setAsideBp < 0 || setAsideBp >= BASIS_POINTS) return fail('total_range');
  if (!Array.isArray(factors) || factors.length === 0) return fail('no_factors');
  if (!Array.isArray(recipients) || recipients.length === 0) return fail('no_recipients');
  const factorError = checkFactors(factors);
  if (factorError) return factorError;
  const codes = recipientCodes(recipients);
  if (!Array.isArray(codes)) return codes;

  const scanned = scanValues(recipients, factors);
  if (scanned === null || scanned.some((col) => !col.nonZero)) return firstValueError(recipients, factors);
  // Per factor: integers b_ik with x_ik / Σ_j x_jk = b_ik / sum_k.
  const cols = scanned.map((s, k) => toColumn(s, (factors[k] as FactorSpec).direction === 'less_is_more'));

  const setAsideFen = (totalFen * BigInt(setAsideBp)) / BP;
  const distributable = totalFen - setAsideFen;
  const nBig = BigInt(codes.length);
  const floor = input.floorFen ?? null;
  const cap = input.capFen ?? null;
  if (floor !== null && (typeof floor !== 'bigint' || floor < 0n || nBig * floor > distributable)) return fail('infeasible_floor');
  if (cap !== null && (typeof cap !== 'bigint' || cap < 0n || nBig * cap < distributable)) return fail('infeasible_cap');

  const weights = factors.map((f) => f.weightBp);
  const { num, den } = shareNumerators(cols, weights, codes.length);
  if (cap !== null && !capsCanTakeUp(num, distributable, floor, cap)) return fail('infeasible_cap');

  // Floors and caps. state: 0 free, 1 at the floor, 2 at the cap. The free recipients share R in
  // proportion to num_i, whose sum over them is NU.
  const state = new Uint8Array(codes.length);
  let R = distributable;
  let NU = den;
  if ((floor !== null && floor > 0n) || (cap !== null && cap < distributable)) {
    const clamped = clamp(num, R, floor, cap, state, codes);
    if (!clamped.ok) return clamped.error;
    R = clamped.R;
    NU = clamped.NU;
  }

  const amounts = roundLargestRemainder(num, state, R, NU, floor, cap, codes);
  const exact: Exact = { num, den, cols, weights, R, NU, texts: null };
  return { ok: true, result: { distributableFen: distributable, setAsideFen, recipients: results(codes, amounts, state, exact) } };
}

function checkFactors(factors: FactorSpec[]): { ok: false; error: FormulaError } | null {
  const seen = new Set<string>();
  let weightSum = 0;
  for (const f of factors) {
    if (!Number.isInteger(f.weightBp) || f.weightBp < 1 || f.weightBp > BASIS_POINTS) return fail('weight_range', { factor: f.code });
    if (f.direction !== 'more_is_more' && f.direction !== 'less_is_more') return fail('bad_value', { factor: f.code });
    if (typeof f.code !== 'string' || seen.has(f.code)) return fail('duplicate_factor', { factor: f.code });
    seen.add(f.code);
    weightSum += f.weightBp;
  }
  return weightSum === BASIS_POINTS ? null : fail('weights_sum');
}

function recipientCodes(recipients: RecipientInput[]): string[] | { ok: false; error: FormulaError } {
  const codes: string[] = new Array<string>(recipients.length);
  const seen = new Set<string>();
  for (let i = 0; i < recipients.length; i++) {
    const code = (recipients[i] as RecipientInput).code;
    if (typeof code !== 'string' || seen.has(code)) return fail('duplicate_recipient', { recipient: code });
    seen.add(code);
    codes[i] = code;
  }
  return codes;
}
