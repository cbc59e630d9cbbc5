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
import { MAX_AMOUNT_FEN } from './money';
import { gcd, gcdNumber, lcm, pow10 } from './rational';

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

const BP = 10_000n;
const TWO_POW_53 = 9007199254740992n;
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------------------------------------
// Values

const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 − 1: integers up to here are exact doubles
const POW10_NUM: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i); // exact up to 10^15

// Result of scanValue, kept in module variables so that the hot loop allocates nothing.
let scanInt = 0; // the digits without the point, as a number (exact when scanExact)
let scanScale = 0; // decimals after trailing zeros are dropped
let scanExact = true;
let scanZero = true;

const SCAN_OK = 0;
const SCAN_BAD = 1;
const SCAN_NEGATIVE = 2;

/**
 * Reads a non-negative decimal: digits with an optional fraction ("12.5", "0.000001", "007").
 * A minus sign on a non-zero value is negative ("-0" is zero); anything else that is not a plain
 * decimal (exponent, '+', spaces, "1.", ".5", empty, not a string) is bad.
 */
function scanValue(text: unknown): number {
  if (typeof text !== 'string') return SCAN_BAD;
  const len = text.length;
  let j = 0;
  let negative = false;
  if (len > 0 && text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    j = 1;
  }
  const first = j;
  let dot = -1;
  let digits = 0;
  let significant = 0;
  let v = 0;
  for (; j < len; j++) {
    const c = text.charCodeAt(j);
    if (c >= 48 && c <= 57) {
      digits++;
      if (significant > 0 || c !== 48) significant++;
      v = v * 10 + (c - 48);
    } else if (c === 46 /* . */ && dot < 0 && j > first && j < len - 1) {
      dot = j;
    } else {
      return SCAN_BAD;
    }
  }
  if (digits === 0) return SCAN_BAD;
  scanZero = significant === 0;
  if (negative && !scanZero) return SCAN_NEGATIVE;
  let scale = dot < 0 ? 0 : len - dot - 1;
  scanExact = significant <= 15;
  if (scanExact) {
    while (scale > 0 && v % 10 === 0 && v !== 0) {
      v /= 10;
      scale--;
    }
    if (scanZero) scale = 0;
  }
  scanInt = v;
  scanScale = scale;
  return SCAN_OK;
}

/** digits and scale of a valid decimal as exact bigint and number: "12.50" → [1250n, 2]. */
function decimalParts(text: string): [bigint, number] {
  const t = text.charCodeAt(0) === 45 ? text.slice(1) : text;
  const dot = t.indexOf('.');
  if (dot < 0) return [BigInt(t), 0];
  return [BigInt(t.slice(0, dot) + t.slice(dot + 1)), t.length - dot - 1];
}

/** The canonical text of a valid decimal ("12.50" → "12.5", "007" → "7", "-0" → "0"); other text unchanged. */
function canonicalDecimal(text: string): string {
  if (scanValue(text) !== SCAN_OK) return text;
  if (scanZero) return '0';
  const [digits, scale] = decimalParts(text);
  const s = digits.toString().padStart(scale + 1, '0');
  const whole = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/**
 * One factor's values as integers b_i over a common denominator of the factor (so that
 * x_i / Σ x_j = b_i / sum): doubles when they all fit, bigints otherwise.
 */
type Column = { small: Float64Array; big: null; sum: bigint } | { small: null; big: bigint[]; sum: bigint };

function fail(code: FormulaErrorCode, extra: { factor?: string; recipient?: string } = {}): { ok: false; error: FormulaError } {
  return { ok: false, error: { code, ...extra } };
}

/** One factor's values as read: ints[i] · 10^-scales[i]; NaN in ints where the digits exceed a double (see wide). */
type Scanned = { ints: Float64Array; scales: Int32Array; wide: Map<number, [bigint, number]> | null; maxScale: number; nonZero: boolean };

/**
 * Every factor's values, read recipient by recipient: one pass over the input objects, in the
 * order they lie in memory, is what makes reading 100,000 values fast. Null if any value is
 * refused, and a column that is all zero is refused by the caller; firstValueError then tells which.
 */
function scanValues(recipients: RecipientInput[], factors: FactorSpec[]): Scanned[] | null {
  const n = recipients.length;
  const K = factors.length;
  const codes = factors.map((f) => f.code);
  const less = factors.map((f) => f.direction === 'less_is_more');
  const out: Scanned[] = codes.map(() => ({ ints: new Float64Array(n), scales: new Int32Array(n), wide: null, maxScale: 0, nonZero: false }));
  for (let i = 0; i < n; i++) {
    const values = (recipients[i] as RecipientInput).values as Record<string, string> | null | undefined;
    if (typeof values !== 'object' || values === null) return null;
    for (let k = 0; k < K; k++) {
      const text = values[codes[k] as string];
      if (scanValue(text) !== SCAN_OK) return null;
      if (scanZero) {
        if (less[k]) return null;
        continue; // ints[i] = 0, scales[i] = 0
      }
      const col = out[k] as Scanned;
      col.nonZero = true;
      let scale = scanScale;
      if (scanExact) col.ints[i] = scanInt;
      else {
        const parts = decimalParts(text as string);
        (col.wide ??= new Map()).set(i, parts);
        col.ints[i] = NaN;
        scale = parts[1];
      }
      col.scales[i] = scale;
      if (scale > col.maxScale) col.maxScale = scale;
    }
  }
  return out;
}

/** The first refused value, factor by factor and recipient by recipient (see computeAllocation). */
function firstValueError(recipients: RecipientInput[], factors: FactorSpec[]): { ok: false; error: FormulaError } {
  for (const f of factors) {
    const code = f.code;
    let nonZero = false;
    for (const r of recipients) {
      const values = r.values as Record<string, string> | null | undefined;
      const text = values === null || values === undefined ? undefined : values[code];
      if (typeof text !== 'string' && (text === undefined || typeof values !== 'object' || values === null || !hasOwn(values, code))) {
        return fail('missing_value', { factor: code, recipient: r.code });
      }
      const st = scanValue(text);
      if (st === SCAN_BAD) return fail('bad_value', { factor: code, recipient: r.code });
      if (st === SCAN_NEGATIVE) return fail('negative_value', { factor: code, recipient: r.code });
      if (scanZero && f.direction === 'less_is_more') return fail('zero_value_less_is_more', { factor: code, recipient: r.code });
      if (!scanZero) nonZero = true;
    }
    if (!nonZero) return fail('all_zero', { factor: code });
  }
  throw new Error('formula values: refused, but no value is at fault');
}

function sumOf(xs: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i] as number;
  return sum;
}

/** b_i with x_i / Σ x_j = b_i / sum (1/x_i in place of x_i for less_is_more), in doubles if they fit. */
function toColumn({ ints, scales, wide, maxScale }: Scanned, less: boolean): Column {
  const n = ints.length;
  // a_i = x_i · 10^maxScale, as doubles if every a_i (and their lcm or sum) stays exact.
  let small: Float64Array | null = wide === null && maxScale <= 15 ? new Float64Array(n) : null;
  if (small) {
    for (let i = 0; i < n; i++) {
      const a = (ints[i] as number) * (POW10_NUM[maxScale - (scales[i] as number)] as number);
      if (a > MAX_SAFE) {
        small = null;
        break;
      }
      small[i] = a;
    }
  }
  if (small && less) {
    // 1/x normalised equals (l/x) normalised for any common multiple l: take the lcm.
    let l = 1;
    for (let i = 0; i < n; i++) {
      const a = small[i] as number;
      if (l % a === 0) continue;
      l = (l / gcdNumber(l, a)) * a;
      if (l > MAX_SAFE) break;
    }
    if (l > MAX_SAFE) small = null;
    else for (let i = 0; i < n; i++) small[i] = l / (small[i] as number);
  }
  if (small) {
    const sum = sumOf(small);
    if (sum <= MAX_SAFE) return { small, big: null, sum: BigInt(sum) };
  }

  // Exact bigint path: long decimals, many decimals, large values or a large lcm.
  const big: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const w = wide?.get(i);
    const digits = w ? w[0] : BigInt(ints[i] as number);
    big[i] = digits * pow10(maxScale - (scales[i] as number));
  }
  if (less) {
    let l = 1n;
    for (let i = 0; i < n; i++) {
      const a = big[i] as bigint;
      if (l % a !== 0n) l = (l / gcd(l, a)) * a;
    }
    for (let i = 0; i < n; i++) big[i] = l / (big[i] as bigint);
  }
  let sum = 0n;
  for (let i = 0; i < n; i++) sum += big[i] as bigint;
  return { small: null, big, sum };
}

// ---------------------------------------------------------------------------------------------
// Reducing the shares: gcd(num_i, den) for many numerators over one common denominator.

const TRIAL_LIMIT = 65_536;

/**
 * gcd(y, m) for one modulus m < 2^53 and many y, in doubles. m is split once by trial division
 * into prime powers p^e and a rest: 1, a prime, a number whose prime factors all exceed the
 * largest y that will be asked about (so it never shares one with y > 0), or (rarely) a composite
 * left unsplit, handled by Euclid.
 */
class SmallModulus {
  private readonly primes: number[] = [];
  private readonly exps: number[] = [];
  private readonly rest: number;
  private readonly restKind: 0 | 1 | 2; // 0: ignore, 1: prime, 2: Euclid

  /**
   * maxY: an upper bound on the y > 0 passed to gcd; uses: about how many times gcd will be
   * called, which bounds the trial division worth doing up front.
   */
  constructor(
    readonly m: number,
    maxY: number,
    uses: number,
  ) {
    let rest = m;
    const limit = Math.min(maxY, TRIAL_LIMIT, Math.max(1_000, uses * 16));
    let p = 2;
    let step = 0; // 2, 3, 5, then 6j ± 1
    while (p <= limit && p * p <= rest) {
      if (rest % p === 0) {
        let e = 0;
        while (rest % p === 0) {
          rest /= p;
          e++;
        }
        this.primes.push(p);
        this.exps.push(e);
      }
      if (p < 5) p = p === 2 ? 3 : 5;
      else {
        p += step === 0 ? 2 : 4;
        step ^= 1;
      }
    }
    this.rest = rest;
    if (rest === 1) this.restKind = 0;
    else if (p * p > rest) this.restKind = rest > maxY ? 0 : 1; // rest is prime
    else if (p > maxY) this.restKind = 0; // every prime ≤ maxY was tried: rest's primes exceed any y
    else this.restKind = 2;
  }

  /** gcd(y, m) for an integer 0 ≤ y < 2^53. */
  gcd(y: number): number {
    if (y === 0) return this.m;
    const primes = this.primes;
    if (primes.length === 0 && this.restKind === 0) return 1;
    let g = 1;
    for (let j = 0; j < primes.length; j++) {
      const p = primes[j] as number;
      let e = this.exps[j] as number;
      while (e > 0 && y % p === 0) {
        y /= p;
        g *= p;
        e--;
      }
    }
    if (this.restKind === 1) {
      if (y % this.rest === 0) g *= this.rest;
    } else if (this.restKind === 2) g *= gcdNumber(this.rest, y % this.rest);
    return g;
  }
}

/**
 * gcd(n, d) for many n and one d, given seeds that d factors over: d is split into pairwise
 * coprime parts (gcd(n, d) = Π gcd(n mod p, p)), parts below 2^53 grouped into products below 2^53
 * and done in doubles.
 */
class PartsGcd {
  private readonly small: { big: bigint; mod: SmallModulus }[] = [];
  private readonly large: bigint[] = [];

  constructor(d: bigint, seeds: bigint[], uses: number) {
    const base = coprimeBase(seeds);
    let rest = d;
    const parts: bigint[] = [];
    for (const c of base) {
      let part = 1n;
      while (rest % c === 0n) {
        rest /= c;
        part *= c;
      }
      if (part > 1n) parts.push(part);
    }
    if (rest !== 1n) parts.push(rest); // cannot happen when d factors over the seeds; exact anyway
    parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let acc = 1n;
    const flush = (): void => {
      if (acc > 1n) this.small.push({ big: acc, mod: new SmallModulus(Number(acc), Number(acc), uses) });
    };
    for (const p of parts) {
      if (p >= TWO_POW_53) this.large.push(p);
      else if (acc * p < TWO_POW_53) acc *= p;
      else {
        flush();
        acc = p;
      }
    }
    flush();
  }

  gcdWith(n: bigint): bigint {
    let g = 1n;
    for (const s of this.small) {
      const r = s.mod.gcd(Number(n % s.big));
      if (r !== 1) g *= BigInt(r);
    }
    for (const p of this.large) {
      const r = gcd(p, n % p);
      if (r !== 1n) g *= r;
    }
    return g;
  }
}

/**
 * Pairwise coprime numbers > 1 over which every input factors (factor refinement): an input is
 * added to the base by splitting it and any base element it shares a factor with into
 * x/g, c/g and g, and adding those in turn.
 */
function coprimeBase(inputs: bigint[]): bigint[] {
  const base: bigint[] = [];
  const work = inputs.filter((x) => x > 1n);
  while (work.length > 0) {
    const y = work.pop() as bigint;
    if (y === 1n) continue;
    let split = false;
    for (let t = 0; t < base.length; t++) {
      const c = base[t] as bigint;
      const g = gcd(c, y);
      if (g !== 1n) {
        base.splice(t, 1);
        work.push(c / g, y / g, g);
        split = true;
        break;
      }
    }
    if (!split) base.push(y);
  }
  return base;
}

/** Removes from u every prime factor of y. */
function stripFactorsOf(u: bigint, y: bigint): bigint {
  let g = gcd(u, y);
  while (g !== 1n) {
    u /= g;
    g = gcd(u, g);
  }
  return u;
}

/**
 * gcd(num_i, den) where num_i = Σ_k w_k · b_ik · (L / sum_k) and den = 10000 · L, L = lcm(sum_k).
 *
 * Let U_k be the part of sum_k made of the primes that divide no other sum and not 10. For a prime
 * power p^e ∥ U_k every term but the k-th is ≡ 0 (mod p^e), and L/sum_k is prime to p, so
 * gcd(num_i, U_k) = gcd(w_k · b_ik, U_k) = gcd(w_k, U_k) · gcd(b_ik, U_k / gcd(w_k, U_k)): small
 * numbers, done in doubles. The rest of den, S = den / Π U_k, is coprime to every U_k and goes
 * through PartsGcd.
 */
class ShareGcd {
  private readonly rest: PartsGcd;
  // U_k done in doubles: the column, gcd(w_k, U_k), and U_k / gcd(w_k, U_k) split by trial division.
  private readonly fastCols: Float64Array[] = [];
  private readonly fastGw: number[] = [];
  private readonly fastMods: SmallModulus[] = [];
  // U_k done in bigints (U_k ≥ 2^53, or bigint values), with the results cached by value: such
  // columns often come from less_is_more factors with few distinct values.
  private readonly slow: { u: bigint; w: bigint; col: Column; cache: Map<number | bigint, bigint> }[] = [];

  constructor(den: bigint, sums: bigint[], weights: number[], cols: Column[]) {
    const K = sums.length;
    const us: bigint[] = sums.map((s, k) => {
      let u = stripFactorsOf(s, 10n);
      for (let j = 0; j < K && u !== 1n; j++) if (j !== k) u = stripFactorsOf(u, sums[j] as bigint);
      return u;
    });
    let prod = 1n;
    for (const u of us) prod *= u;
    if (den % prod !== 0n) throw new Error('share gcd: unique parts do not divide the denominator');
    for (let k = 0; k < K; k++) {
      const u = us[k] as bigint;
      if (u === 1n) continue;
      const col = cols[k] as Column;
      const w = weights[k] as number;
      if (u < TWO_POW_53 && col.small) {
        const un = Number(u);
        const gw = gcdNumber(un, w % un);
        let maxB = 0;
        for (let i = 0; i < col.small.length; i++) if ((col.small[i] as number) > maxB) maxB = col.small[i] as number;
        this.fastCols.push(col.small);
        this.fastGw.push(gw);
        this.fastMods.push(new SmallModulus(un / gw, maxB, col.small.length));
      } else {
        this.slow.push({ u, w: BigInt(w), col, cache: new Map() });
      }
    }
    this.rest = new PartsGcd(
      den / prod,
      [BP, ...sums.map((s, k) => s / (us[k] as bigint))],
      cols[0]?.small?.length ?? cols[0]?.big?.length ?? 0,
    );
  }

  gcdWith(i: number, x: bigint): bigint {
    let g = this.rest.gcdWith(x);
    let acc = 1; // product of factors found in doubles, flushed before it leaves the exact range
    const mods = this.fastMods;
    for (let t = 0; t < mods.length; t++) {
      const r = (this.fastGw[t] as number) * (mods[t] as SmallModulus).gcd((this.fastCols[t] as Float64Array)[i] as number);
      if (r !== 1) {
        if (acc * r > MAX_SAFE) {
          g *= BigInt(acc);
          acc = r;
        } else acc *= r;
      }
    }
    for (const { u, w, col, cache } of this.slow) {
      const key = col.small ? (col.small[i] as number) : (col.big[i] as bigint);
      let r = cache.get(key);
      if (r === undefined) {
        r = gcd(u, (w * BigInt(key)) % u);
        cache.set(key, r);
      }
      if (r !== 1n) g *= r;
    }
    return acc === 1 ? g : g * BigInt(acc);
  }
}

// ---------------------------------------------------------------------------------------------
// The computation

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

/**
 * One common denominator: share_i = num_i / den, den = 10000 · L, L = lcm_k(sum_k),
 * num_i = Σ_k w_k · (L / sum_k) · b_ik.
 */
function shareNumerators(cols: Column[], weights: number[], n: number): { num: bigint[]; den: bigint } {
  let L = 1n;
  for (const c of cols) L = lcm(L, c.sum);
  const ms = cols.map((c, k) => BigInt(weights[k] as number) * (L / c.sum));
  return { num: dotProducts(cols, ms, n), den: L * BP };
}

/** Σ_k b_ik · m_k for every recipient i. */
function dotProducts(cols: Column[], ms: bigint[], n: number): bigint[] {
  const num: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    let acc = 0n;
    for (let k = 0; k < cols.length; k++) {
      const col = cols[k] as Column;
      if (col.small) {
        const x = col.small[i] as number;
        if (x !== 0) acc += BigInt(x) * (ms[k] as bigint);
      } else {
        const x = col.big[i] as bigint;
        if (x !== 0n) acc += x * (ms[k] as bigint);
      }
    }
    num[i] = acc;
  }
  return num;
}

/**
 * With a cap, recipients whose share is 0 never get more than the floor (nothing is shared to them
 * in proportion), so the caps of the others must be able to take up the rest.
 */
function capsCanTakeUp(num: bigint[], distributable: bigint, floor: bigint | null, cap: bigint): boolean {
  let zeros = 0;
  for (let i = 0; i < num.length; i++) if (num[i] === 0n) zeros++;
  return BigInt(num.length - zeros) * cap + BigInt(zeros) * (floor ?? 0n) >= distributable;
}

/**
 * Amounts in fen: the floor or the cap for a clamped recipient; for a free one ⌊R · num_i / NU⌋,
 * plus one fen for the leftover fen's worth of largest remainders.
 */
function roundLargestRemainder(
  num: bigint[],
  state: Uint8Array,
  R: bigint,
  NU: bigint,
  floor: bigint | null,
  cap: bigint | null,
  codes: string[],
): bigint[] {
  const amounts: bigint[] = new Array<bigint>(num.length);
  const rems: bigint[] = new Array<bigint>(num.length);
  const free: number[] = [];
  const assigned = floorQuotas(num, state, R, NU, floor, cap, amounts, rems, free);
  const leftover = Number(R - assigned);
  if (leftover > 0) {
    // The leftover fen go to the first `leftover` free recipients in the order: larger remainder
    // first, then lower code. Codes are unique, so the order is total and the chosen set does not
    // depend on the input order.
    const before = (x: number, y: number): boolean => {
      const rx = rems[x] as bigint;
      const ry = rems[y] as bigint;
      return rx !== ry ? rx > ry : (codes[x] as string) < (codes[y] as string);
    };
    selectFirst(free, leftover, before);
    for (let t = 0; t < leftover; t++) {
      const i = free[t] as number;
      amounts[i] = (amounts[i] as bigint) + 1n;
    }
  }
  return amounts;
}

/**
 * Fills amounts (floor, cap, or ⌊R · num_i / NU⌋) and for the free recipients their remainders
 * and indexes; returns what the free recipients got.
 */
function floorQuotas(
  num: bigint[],
  state: Uint8Array,
  R: bigint,
  NU: bigint,
  floor: bigint | null,
  cap: bigint | null,
  amounts: bigint[],
  rems: bigint[],
  free: number[],
): bigint {
  let assigned = 0n;
  for (let i = 0; i < num.length; i++) {
    const st = state[i];
    if (st === 1) amounts[i] = floor as bigint;
    else if (st === 2) amounts[i] = cap as bigint;
    else {
      const q = R * (num[i] as bigint);
      const fl = q / NU;
      amounts[i] = fl;
      rems[i] = q - fl * NU;
      assigned += fl;
      free.push(i);
    }
  }
  return assigned;
}

function results(codes: string[], amounts: bigint[], state: Uint8Array, exact: Exact): RecipientResult[] {
  const out: RecipientResult[] = new Array<RecipientResult>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = new Recipient(codes[i] as string, amounts[i] as bigint, state[i] as number, exact, i);
  return out;
}

/**
 * What the exact texts of one result are made from, shared by its recipients: share_i = num_i / den;
 * the free recipients share R in proportion to num_i, whose sum over them is NU.
 */
type Exact = { num: bigint[]; den: bigint; cols: Column[]; weights: number[]; R: bigint; NU: bigint; texts: ShareTexts | null };

/** One recipient's result; share() and quota() reduce its exact fractions on demand. */
class Recipient implements RecipientResult {
  readonly floorApplied: boolean;
  readonly capApplied: boolean;
  // Private fields (#) are not properties: equality checks and spreads see plain data.
  readonly #exact: Exact;
  readonly #index: number;

  constructor(
    readonly code: string,
    readonly amountFen: bigint,
    state: number,
    exact: Exact,
    index: number,
  ) {
    this.floorApplied = state === 1;
    this.capApplied = state === 2;
    this.#exact = exact;
    this.#index = index;
  }

  share(): string {
    return textsOf(this.#exact).share(this.#index);
  }

  quota(): string {
    if (this.floorApplied || this.capApplied) return `${this.amountFen}/1`;
    return textsOf(this.#exact).freeQuota(this.#index);
  }
}

/** Reducing costs more than the whole allocation, so it is set up only when a text is first asked for. */
function textsOf(exact: Exact): ShareTexts {
  return (exact.texts ??= new ShareTexts(exact));
}

/** Per g = gcd(num_i, den), which repeats a lot: the reduced share denominator and the quota's cross-reduction. */
type ShareDen = { sdText: string; sdh: bigint; tnh: bigint; qdText: string };

/**
 * The reduced texts of the shares num_i / den and of the free recipients' quotas τ · share_i,
 * τ = R · den / NU = tn / td (τ = distributable when no floor or cap applies).
 */
class ShareTexts {
  private readonly num: bigint[];
  private readonly den: bigint;
  private readonly gcds: ShareGcd;
  private readonly tn: bigint;
  private readonly td: bigint;
  private readonly dens = new Map<bigint, ShareDen>();
  private readonly gs: (bigint | undefined)[];

  constructor({ num, den, cols, weights, R, NU }: Exact) {
    this.num = num;
    this.den = den;
    this.gcds = new ShareGcd(
      den,
      cols.map((c) => c.sum),
      weights,
      cols,
    );
    const tg = gcd(R * den, NU);
    this.tn = (R * den) / tg;
    this.td = NU / tg;
    this.gs = new Array<bigint | undefined>(num.length);
  }

  share(i: number): string {
    const x = this.num[i] as bigint;
    if (x === 0n) return '0/1';
    const g = this.gcdOf(i);
    return `${g === 1n ? x : x / g}/${this.denFor(g).sdText}`;
  }

  /** (tn/td) · (sn/sd), both reduced: cross-reduce by h = gcd(tn, sd) and gcd(sn, td). */
  freeQuota(i: number): string {
    const x = this.num[i] as bigint;
    if (x === 0n) return '0/1';
    const g = this.gcdOf(i);
    const sn = g === 1n ? x : x / g;
    const d = this.denFor(g);
    if (this.td === 1n) return `${d.tnh * sn}/${d.qdText}`;
    const g2 = gcd(sn, this.td);
    return `${d.tnh * (sn / g2)}/${(this.td / g2) * d.sdh}`;
  }

  /** gcd(num_i, den), kept: share() and quota() of one recipient both need it. */
  private gcdOf(i: number): bigint {
    let g = this.gs[i];
    if (g === undefined) {
      g = this.gcds.gcdWith(i, this.num[i] as bigint);
      this.gs[i] = g;
    }
    return g;
  }

  private denFor(g: bigint): ShareDen {
    let d = this.dens.get(g);
    if (d === undefined) {
      const sd = this.den / g;
      const h = gcd(this.tn, sd);
      const sdh = sd / h;
      d = { sdText: sd.toString(), sdh, tnh: this.tn / h, qdText: sdh.toString() };
      this.dens.set(g, d);
    }
    return d;
  }
}

/**
 * Rearranges a so that a[0..k) are the k first elements of a under the strict total order
 * `before` (in no particular order among themselves): quickselect with a median-of-three pivot,
 * falling back to a full sort if the partitions degenerate.
 */
function selectFirst(a: number[], k: number, before: (x: number, y: number) => boolean): void {
  const target = k - 1;
  let lo = 0;
  let hi = a.length - 1;
  let rounds = 0;
  while (lo < hi) {
    if (++rounds > 64) {
      const part = a.slice(lo, hi + 1).sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
      for (let t = 0; t < part.length; t++) a[lo + t] = part[t] as number;
      return;
    }
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = before(x, y) ? (before(y, z) ? y : before(x, z) ? z : x) : before(x, z) ? x : before(y, z) ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(a[i] as number, pivot)) i++;
      while (before(pivot, a[j] as number)) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}

/**
 * Finds the clamped allocation min(cap, max(floor, λ·s_i)) summing to R. Recipients are taken in
 * ascending order of share, so those at the floor are a prefix and those at the cap a suffix of
 * the free range. Each round computes λ for the free recipients; if some are below the floor and
 * some above the cap, it fixes the side whose correction is larger (fixing it moves λ in the
 * direction that keeps that side out of range), so a fixed recipient never needs to be freed.
 */
function clamp(
  num: bigint[],
  total: bigint,
  floor: bigint | null,
  cap: bigint | null,
  state: Uint8Array,
  codes: string[],
): { ok: true; R: bigint; NU: bigint } | { ok: false; error: { ok: false; error: FormulaError } } {
  const n = num.length;
  const order: number[] = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => {
    const a = num[x] as bigint;
    const b = num[y] as bigint;
    if (a !== b) return a < b ? -1 : 1;
    const cx = codes[x] as string;
    const cy = codes[y] as string;
    return cx < cy ? -1 : cx > cy ? 1 : 0;
  });
  const prefix: bigint[] = new Array<bigint>(n + 1);
  prefix[0] = 0n;
  for (let t = 0; t < n; t++) prefix[t + 1] = (prefix[t] as bigint) + (num[order[t] as number] as bigint);

  const F = floor !== null && floor > 0n ? floor : null;
  const C = cap;
  let lo = 0;
  let hi = n;
  let R = total;
  for (;;) {
    const cnt = hi - lo;
    if (cnt === 0) {
      if (R !== 0n) throw new Error('allocation clamp: nothing left to share the remainder');
      return { ok: true, R: 0n, NU: 1n };
    }
    const NU = (prefix[hi] as bigint) - (prefix[lo] as bigint);
    if (NU === 0n) {
      // The free recipients all have share 0: each gets max(floor, 0), which must use R up.
      const each = F ?? 0n;
      const need = each * BigInt(cnt);
      if (need < R) return { ok: false, error: fail('infeasible_cap') };
      if (need > R) return { ok: false, error: fail('infeasible_floor') };
      if (F !== null) for (let t = lo; t < hi; t++) state[order[t] as number] = 1;
      return { ok: true, R: need, NU: 1n };
    }
    // Free recipient i (share ∝ num_i) would get R·num_i/NU.
    const isLow = (t: number): boolean => F !== null && R * (num[order[t] as number] as bigint) < F * NU;
    const isHigh = (t: number): boolean => C !== null && R * (num[order[t] as number] as bigint) > C * NU;
    // lowEnd: first position in [lo, hi) that is not low (binary search; lows are a prefix).
    let a = lo;
    let z = hi;
    while (a < z) {
      const mid = (a + z) >>> 1;
      if (isLow(mid)) a = mid + 1;
      else z = mid;
    }
    const lowEnd = a;
    // highStart: first position in [lowEnd, hi) that is high (highs are a suffix).
    a = lowEnd;
    z = hi;
    while (a < z) {
      const mid = (a + z) >>> 1;
      if (isHigh(mid)) z = mid;
      else a = mid + 1;
    }
    const highStart = a;
    const nLow = lowEnd - lo;
    const nHigh = hi - highStart;
    if (nLow === 0 && nHigh === 0) return { ok: true, R, NU };
    let fixLows = nLow > 0;
    if (nLow > 0 && nHigh > 0) {
      // need = Σ_low (F − R·num/NU), release = Σ_high (R·num/NU − C); compare them times NU.
      const needN = BigInt(nLow) * (F as bigint) * NU - R * ((prefix[lowEnd] as bigint) - (prefix[lo] as bigint));
      const releaseN = R * ((prefix[hi] as bigint) - (prefix[highStart] as bigint)) - BigInt(nHigh) * (C as bigint) * NU;
      fixLows = needN >= releaseN;
    }
    if (fixLows) {
      for (let t = lo; t < lowEnd; t++) state[order[t] as number] = 1;
      R -= BigInt(nLow) * (F as bigint);
      lo = lowEnd;
    } else {
      for (let t = highStart; t < hi; t++) state[order[t] as number] = 2;
      R -= BigInt(nHigh) * (C as bigint);
      hi = highStart;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs hash

/**
 * The canonical text hashed by inputsHash: factors sorted by code, recipients sorted by code,
 * values in factor-code order and written canonically ("12.50" → "12.5", "007" → "7"), display
 * names left out, a missing set-aside written as 0 and a missing floor or cap as null. Values
 * under keys that are not factor codes do not take part. Equal inputs in any order give equal text.
 */
export function canonicalInputs(input: FormulaInput): string {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const str = (x: unknown): string | null => (typeof x === 'bigint' ? x.toString() : x === null || x === undefined ? null : String(x));
  const factors = (input.factors ?? [])
    .map((f) => JSON.stringify([f.code, f.weightBp, f.direction]))
    .sort(cmp);
  const factorCodes = [...new Set((input.factors ?? []).map((f) => f.code))].sort((x, y) => cmp(String(x), String(y)));
  const recipients = (input.recipients ?? [])
    .map((r) => {
      const values = factorCodes.map((c) => {
        const v = r.values && hasOwn(r.values, c) ? r.values[c] : undefined;
        return typeof v === 'string' ? canonicalDecimal(v) : v === undefined ? null : String(v);
      });
      return { code: String(r.code), text: JSON.stringify([r.code, values]) };
    })
    .sort((x, y) => cmp(x.code, y.code) || cmp(x.text, y.text))
    .map((r) => r.text);
  return (
    `{"format":"yq-factor-method/1","totalFen":${JSON.stringify(str(input.totalFen))},` +
    `"setAsideBp":${JSON.stringify(input.setAsideBp ?? 0)},` +
    `"floorFen":${JSON.stringify(str(input.floorFen))},"capFen":${JSON.stringify(str(input.capFen))},` +
    `"factors":[${factors.join(',')}],"recipients":[${recipients.join(',')}]}`
  );
}

/** SHA-256 (hex) of canonicalInputs(input): identifies the inputs of an allocation. */
export function inputsHash(input: FormulaInput): string {
  return sha256Hex(canonicalInputs(input));
}

// ---------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4), pure JS so that it runs the same in browsers (no node:crypto, no async
// SubtleCrypto).

const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function utf8(text: string): Uint8Array {
  if (typeof TextEncoder !== 'undefined') return new TextEncoder().encode(text);
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}

/** SHA-256 of a string (UTF-8) or bytes, as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  const msg = typeof data === 'string' ? utf8(data) : data;
  const bitLen = msg.length * 8;
  const padded = new Uint8Array((((msg.length + 8) >> 6) + 1) << 6);
  padded.set(msg);
  padded[msg.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000));
  view.setUint32(padded.length - 4, bitLen >>> 0);

  const H = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const W = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let t = 0; t < 16; t++) W[t] = view.getUint32(off + t * 4);
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15] as number;
      const w2 = W[t - 2] as number;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = ((W[t - 16] as number) + s0 + (W[t - 7] as number) + s1) >>> 0;
    }
    let a = H[0] as number;
    let b = H[1] as number;
    let c = H[2] as number;
    let d = H[3] as number;
    let e = H[4] as number;
    let f = H[5] as number;
    let g = H[6] as number;
    let h = H[7] as number;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (K256[t] as number) + (W[t] as number)) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    H[0] = ((H[0] as number) + a) >>> 0;
    H[1] = ((H[1] as number) + b) >>> 0;
    H[2] = ((H[2] as number) + c) >>> 0;
    H[3] = ((H[3] as number) + d) >>> 0;
    H[4] = ((H[4] as number) + e) >>> 0;
    H[5] = ((H[5] as number) + f) >>> 0;
    H[6] = ((H[6] as number) + g) >>> 0;
    H[7] = ((H[7] as number) + h) >>> 0;
  }
  let hex = '';
  for (let t = 0; t < 8; t++) hex += (H[t] as number).toString(16).padStart(8, '0');
  return hex;
}
