/**
 * Exact rational numbers over bigint, for the allocation formula (因素法) and anything else that
 * must not round. Pure TypeScript with no Node-only imports: the same code runs on the server and
 * in a citizen's browser, so that both compute identical results.
 *
 * A Rational is always normalised: the denominator is positive and gcd(|num|, den) = 1, so that
 * two equal values have equal fields and equal string forms.
 */

const TWO_POW_53 = 9007199254740992n;

/** Greatest common divisor of two JS numbers that are non-negative safe integers. */
export function gcdNumber(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Number of bits of a non-negative bigint (0 for 0n). */
export function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  const lead = parseInt(hex[0] ?? '0', 16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(lead));
}

/**
 * Greatest common divisor of two bigints (always ≥ 0). Lehmer's algorithm (Knuth, TAOCP vol. 2,
 * 4.5.2, algorithm L) on the leading 48 bits with double arithmetic, so that large operands take
 * a few multi-precision steps instead of one per Euclidean quotient; the tail runs in doubles.
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  while (b >= TWO_POW_53) {
    const shift = bitLength(a) - 48;
    const sh = BigInt(shift > 0 ? shift : 0);
    // x̂, ŷ: the leading 48 bits of a and the matching bits of b. Every intermediate below is an
    // integer < 2^50, so double arithmetic is exact and Math.floor of a quotient is exact.
    let x = Number(a >> sh);
    let y = Number(b >> sh);
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    for (;;) {
      if (y + C === 0 || y + D === 0) break;
      const q = Math.floor((x + A) / (y + C));
      if (q !== Math.floor((x + B) / (y + D))) break;
      let t = A - q * C;
      A = C;
      C = t;
      t = B - q * D;
      B = D;
      D = t;
      t = x - q * y;
      x = y;
      y = t;
    }
    if (B === 0) {
      const t = a % b;
      a = b;
      b = t;
    } else {
      const na = BigInt(A) * a + BigInt(B) * b;
      const nb = BigInt(C) * a + BigInt(D) * b;
      a = na;
      b = nb;
    }
  }
  if (b === 0n) return a;
  return BigInt(gcdNumber(Number(b), Number(a % b)));
}

/** Least common multiple of two bigints (≥ 0; 0 if either is 0). */
export function lcm(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a === 0n || b === 0n) return 0n;
  return (a / gcd(a, b)) * b;
}

const POW10: bigint[] = [1n];
/** 10^n as a bigint (cached for small n). */
export function pow10(n: number): bigint {
  if (n < 64) {
    while (POW10.length <= n) POW10.push((POW10[POW10.length - 1] ?? 1n) * 10n);
    return POW10[n] ?? 10n ** BigInt(n);
  }
  return 10n ** BigInt(n);
}

/** A plain decimal: optional minus sign, digits, optional fraction. No exponent, no '+', no spaces. */
const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;
const FRACTION_RE = /^(-?\d+)(?:\/(\d+))?$/;

function floorDiv(n: bigint, d: bigint): bigint {
  // d > 0
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}

export class Rational {
  /** Numerator; carries the sign. */
  readonly num: bigint;
  /** Denominator; always > 0 and coprime with num. */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** num/den, normalised. Throws RangeError on a zero denominator. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (num === 0n) return Rational.ZERO;
    if (den === 1n) return new Rational(num, 1n);
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /** An integer. */
  static fromBigInt(n: bigint): Rational {
    return new Rational(n, 1n);
  }

  /**
   * An exact decimal string: "12.5", "-0.000001", "007" (leading zeros allowed). No exponent,
   * no '+', no surrounding spaces. Throws RangeError otherwise; see tryFromDecimal.
   */
  static fromDecimal(text: string): Rational {
    const r = Rational.tryFromDecimal(text);
    if (!r) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
    return r;
  }

  /** Like fromDecimal, but null instead of throwing. */
  static tryFromDecimal(text: string): Rational | null {
    if (typeof text !== 'string') return null;
    const m = DECIMAL_RE.exec(text);
    if (!m) return null;
    const [, sign, whole = '0', frac = ''] = m;
    const n = BigInt(whole + frac);
    return Rational.of(sign ? -n : n, pow10(frac.length));
  }

  /** Parses the compact form written by toString: "num/den" or an integer "num". */
  static parse(text: string): Rational {
    const m = typeof text === 'string' ? FRACTION_RE.exec(text) : null;
    if (!m) throw new RangeError(`not a fraction: ${JSON.stringify(text)}`);
    const [, num = '0', den] = m;
    return Rational.of(BigInt(num), den === undefined ? 1n : BigInt(den));
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    // Cross-reduce first so that the products stay small and no big gcd is needed.
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    const g1 = gcd(this.num, o.den);
    const g2 = gcd(o.num, this.den);
    return new Rational((this.num / g1) * (o.num / g2), (this.den / g2) * (o.den / g1));
  }

  /** Throws RangeError when dividing by zero. */
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return this.mul(o.num < 0n ? new Rational(-o.den, -o.num) : new Rational(o.den, o.num));
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  /** -1, 0 or 1. */
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  /** The largest integer ≤ this (towards −∞). */
  floor(): bigint {
    return floorDiv(this.num, this.den);
  }

  /** The smallest integer ≥ this (towards +∞). */
  ceil(): bigint {
    return -floorDiv(-this.num, this.den);
  }

  /** this − floor(this), in [0, 1). */
  fractionalPart(): Rational {
    return Rational.of(this.num - this.floor() * this.den, this.den);
  }

  /**
   * Decimal text with exactly `places` decimals (0 ≤ places), rounded half away from zero,
   * for display only: 2/3 → "0.667" at 3 places, -1/8 → "-0.13" at 2.
   */
  toDecimalString(places: number): string {
    if (!Number.isInteger(places) || places < 0) throw new RangeError('places must be a non-negative integer');
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const scale = pow10(places);
    const scaled = (abs * scale * 2n + this.den) / (this.den * 2n);
    const whole = (scaled / scale).toString();
    const frac = places > 0 ? `.${(scaled % scale).toString().padStart(places, '0')}` : '';
    return `${neg && scaled !== 0n ? '-' : ''}${whole}${frac}`;
  }

  /** The compact exact form "num/den", always with a slash: "5/2", "-1/3", "7/1", "0/1". */
  toString(): string {
    return `${this.num}/${this.den}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Shorthand for Rational.of. */
export const rational = (num: bigint, den: bigint = 1n): Rational => Rational.of(num, den);
