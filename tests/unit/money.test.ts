import { describe, expect, it } from 'vitest';
import { formatCompact, formatYuan, parseAmount } from '@/lib/domain/money';
import { fromScaled, percentOf, toScaled } from '@/lib/domain/decimal';

describe('parseAmount', () => {
  it('turns 元 and 万元 text into exact fen without floats', () => {
    expect(parseAmount('12,345.67')).toEqual({ ok: true, fen: 1_234_567n });
    expect(parseAmount('0.01')).toEqual({ ok: true, fen: 1n });
    expect(parseAmount('1.5', 'wan')).toEqual({ ok: true, fen: 1_500_000n });
    expect(parseAmount('0.000001', 'wan')).toEqual({ ok: true, fen: 1n });
    // 0.1 + 0.2 style traps: the parse is textual, so no binary rounding appears.
    expect(parseAmount('0.30')).toEqual({ ok: true, fen: 30n });
    expect(parseAmount('9,999,999,999,999.99')).toEqual({ ok: true, fen: 999_999_999_999_999n });
  });

  it('refuses empty, malformed, fractional-fen, non-positive and over-large amounts', () => {
    expect(parseAmount('')).toEqual({ ok: false, error: 'empty' });
    expect(parseAmount('12a')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('1e5')).toEqual({ ok: false, error: 'format' });
    expect(parseAmount('0.001')).toEqual({ ok: false, error: 'fraction' });
    expect(parseAmount('0.0000001', 'wan')).toEqual({ ok: false, error: 'fraction' });
    expect(parseAmount('0')).toEqual({ ok: false, error: 'not_positive' });
    expect(parseAmount('-3')).toEqual({ ok: false, error: 'not_positive' });
    expect(parseAmount('10000000000000.01')).toEqual({ ok: false, error: 'too_large' });
    expect(parseAmount('10000000000000.00')).toEqual({ ok: true, fen: 1_000_000_000_000_000n });
  });
});

describe('formatting', () => {
  it('shows exact 元 with separators and scales to 万元 / 亿元 in our own code', () => {
    expect(formatYuan(1_234_567n)).toBe('12,345.67');
    expect(formatYuan(5n)).toBe('0.05');
    expect(formatYuan(-100n)).toBe('-1.00');
    expect(formatCompact(999_999n)).toBe('9,999.99 元');
    expect(formatCompact(1_234_567_800n)).toBe('1,234.57 万元');
    expect(formatCompact(123_456_789_012n)).toBe('12.35 亿元');
    expect(formatCompact(123_456_789_012n, 'en')).toBe('12.35 100M yuan');
  });
});

describe('exact decimals', () => {
  it('round-trips and computes shares exactly', () => {
    expect(toScaled('980.53', 2)).toBe(98_053n);
    expect(toScaled('5', 2)).toBe(500n);
    expect(fromScaled(455_896n, 2)).toBe('4558.96');
    expect(percentOf(98_053n, 455_896n)).toBe('21.51%');
    expect(() => toScaled('1.234', 2)).toThrow();
    expect(() => toScaled('abc', 2)).toThrow();
  });
});
