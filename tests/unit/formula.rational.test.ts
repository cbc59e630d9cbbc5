import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, gcd, gcdNumber, lcm, Rational, rational } from '@/lib/domain/rational';

const euclid = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

describe('Rational', () => {
  it('parses decimal strings exactly and normalises', () => {
    expect(Rational.fromDecimal('12.5').toString()).toBe('25/2');
    expect(Rational.fromDecimal('0.000001').toString()).toBe('1/1000000');
    expect(Rational.fromDecimal('-0.50').toString()).toBe('-1/2');
    expect(Rational.fromDecimal('007').toString()).toBe('7/1');
    expect(Rational.fromDecimal('0').toString()).toBe('0/1');
    expect(Rational.fromDecimal('-0.0').toString()).toBe('0/1');
    expect(Rational.fromDecimal('0.1').add(Rational.fromDecimal('0.2')).equals(Rational.fromDecimal('0.3'))).toBe(true);
    for (const bad of ['1e5', '1.', '.5', '+1', ' 1', '1,5', '', 'abc', '1/2', '--1']) {
      expect(Rational.tryFromDecimal(bad)).toBeNull();
      expect(() => Rational.fromDecimal(bad)).toThrow(RangeError);
    }
  });

  it('keeps a positive, reduced denominator', () => {
    expect(rational(6n, -4n)).toEqual(rational(-3n, 2n));
    expect(rational(-6n, -4n).toString()).toBe('3/2');
    expect(rational(0n, -7n).toString()).toBe('0/1');
    expect(() => rational(1n, 0n)).toThrow(RangeError);
    const r = rational(10n ** 40n, 10n ** 38n * 4n);
    expect([r.num, r.den]).toEqual([25n, 1n]);
  });

  it('adds, subtracts, multiplies, divides and compares', () => {
    const a = rational(1n, 3n);
    const b = rational(-1n, 6n);
    expect(a.add(b).toString()).toBe('1/6');
    expect(a.sub(b).toString()).toBe('1/2');
    expect(a.mul(b).toString()).toBe('-1/18');
    expect(a.div(b).toString()).toBe('-2/1');
    expect(b.div(rational(-1n, 2n)).toString()).toBe('1/3');
    expect(() => a.div(Rational.ZERO)).toThrow(RangeError);
    expect(a.compare(b)).toBe(1);
    expect(b.compare(a)).toBe(-1);
    expect(a.compare(rational(2n, 6n))).toBe(0);
    expect(b.neg().equals(rational(1n, 6n))).toBe(true);
    expect(b.abs().toString()).toBe('1/6');
    expect([a.sign(), b.sign(), Rational.ZERO.sign()]).toEqual([1, -1, 0]);
  });

  it('floors towards −∞ and rounds for display', () => {
    expect(rational(7n, 2n).floor()).toBe(3n);
    expect(rational(-7n, 2n).floor()).toBe(-4n);
    expect(rational(-8n, 2n).floor()).toBe(-4n);
    expect(rational(-7n, 2n).ceil()).toBe(-3n);
    expect(rational(-7n, 2n).fractionalPart().toString()).toBe('1/2');
    expect(rational(2n, 3n).toDecimalString(3)).toBe('0.667');
    expect(rational(-1n, 8n).toDecimalString(2)).toBe('-0.13');
    expect(rational(-1n, 1000n).toDecimalString(2)).toBe('0.00');
    expect(rational(5n, 2n).toDecimalString(0)).toBe('3');
    expect(rational(123456789n, 100n).toDecimalString(4)).toBe('1234567.8900');
    expect(() => rational(1n).toDecimalString(-1)).toThrow(RangeError);
  });

  it('writes and reads the compact "num/den" form', () => {
    for (const s of ['0/1', '5/2', '-1/3', '7/1', '123456789012345678901234567891/7']) expect(Rational.parse(s).toString()).toBe(s);
    expect(Rational.parse('42').toString()).toBe('42/1');
    expect(Rational.parse('4/6').toString()).toBe('2/3');
    expect(JSON.stringify({ r: rational(1n, 2n) })).toBe('{"r":"1/2"}');
    for (const bad of ['1/0', '1/-2', '1.5/2', '/2', '1/', 'x']) expect(() => Rational.parse(bad)).toThrow(RangeError);
  });

  it('gcd (Lehmer) agrees with Euclid on large and awkward operands', () => {
    const big = fc.oneof(
      fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
      fc.bigInt({ min: 0n, max: 2n ** 700n }),
      fc.bigInt({ min: 0n, max: 2n ** 3000n }),
    );
    fc.assert(
      fc.property(big, big, big, (a, b, c) => {
        // A common factor c makes the gcd non-trivial.
        for (const [x, y] of [
          [a, b],
          [a * c, b * c],
          [a * c, c],
        ] as const) {
          const g = gcd(x, y);
          expect(g).toBe(euclid(x, y));
          if (g !== 0n) {
            expect(x % g).toBe(0n);
            expect(y % g).toBe(0n);
          }
        }
      }),
      { numRuns: 300 },
    );
    // Consecutive Fibonacci numbers: the worst case for Euclid (all quotients 1).
    let [f0, f1] = [0n, 1n];
    for (let i = 0; i < 2000; i++) [f0, f1] = [f1, f0 + f1];
    expect(gcd(f1, f0)).toBe(1n);
    expect(gcd(f1 * 91n, f0 * 91n)).toBe(91n);
    expect(gcd(2n ** 1000n, 2n ** 999n * 3n)).toBe(2n ** 999n);
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcd(0n, -5n)).toBe(5n);
    expect(lcm(4n, 6n)).toBe(12n);
    expect(lcm(0n, 6n)).toBe(0n);
    expect(gcdNumber(2 ** 52, 2 ** 20 * 3)).toBe(2 ** 20);
    expect([0n, 1n, 2n, 255n, 256n, 2n ** 100n].map(bitLength)).toEqual([0, 1, 2, 8, 9, 101]);
  });

  it('field laws hold exactly', () => {
    const r = fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }))
      .map(([n, d]) => rational(n, d));
    fc.assert(
      fc.property(r, r, r, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.add(b).sub(b).equals(a)).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        if (!b.isZero()) expect(a.mul(b).div(b).equals(a)).toBe(true);
        expect(a.compare(b)).toBe(a.sub(b).sign());
        const f = a.floor();
        expect(Rational.fromBigInt(f).compare(a)).toBeLessThanOrEqual(0);
        expect(Rational.fromBigInt(f + 1n).compare(a)).toBe(1);
        expect(Rational.parse(a.toString()).equals(a)).toBe(true);
        // The display text, read back, is within half a unit of the last place.
        const text = a.toDecimalString(6);
        expect(Rational.fromDecimal(text).sub(a).abs().compare(rational(1n, 2_000_000n))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });
});
