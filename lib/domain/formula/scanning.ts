/**
 * Reading the factor values: plain decimal strings scanned without allocating, then brought per
 * factor to integers over one common denominator (doubles when they fit, bigints otherwise).
 */
import { gcd, gcdNumber, pow10 } from '../rational';
import { fail, type FactorSpec, type FormulaError, type RecipientInput } from './types';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

// Values

export const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 − 1: integers up to here are exact doubles
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
export function canonicalDecimal(text: string): string {
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
export type Column = { small: Float64Array; big: null; sum: bigint } | { small: null; big: bigint[]; sum: bigint };

/** One factor's values as read: ints[i] · 10^-scales[i]; NaN in ints where the digits exceed a double (see wide). */
export type Scanned = { ints: Float64Array; scales: Int32Array; wide: Map<number, [bigint, number]> | null; maxScale: number; nonZero: boolean };

/**
 * Every factor's values, read recipient by recipient: one pass over the input objects, in the
 * order they lie in memory, is what makes reading 100,000 values fast. Null if any value is
 * refused, and a column that is all zero is refused by the caller; firstValueError then tells which.
 */
export function scanValues(recipients: RecipientInput[], factors: FactorSpec[]): Scanned[] | null {
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
export function firstValueError(recipients: RecipientInput[], factors: FactorSpec[]): { ok: false; error: FormulaError } {
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
export function toColumn({ ints, scales, wide, maxScale }: Scanned, less: boolean): Column {
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
