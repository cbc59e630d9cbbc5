import { describe, expect, it } from 'vitest';
import { formatCompact, formatExact, formatMoney, formatYuan, parseAmount } from '@/lib/domain/money';
import { fromScaled, percentOf, plainDecimal, toScaled } from '@/lib/domain/decimal';

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
    expect(formatCompact(123_456_789_012n, 'en')).toBe('CNY 1.23 billion');
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

  it('shows a stored numeric as it was typed, without touching integers', () => {
    expect(plainDecimal('85.5000')).toBe('85.5');
    expect(plainDecimal('95.0000')).toBe('95');
    expect(plainDecimal('0.0500')).toBe('0.05');
    expect(plainDecimal('100')).toBe('100');
    expect(plainDecimal('1200')).toBe('1200');
  });
});

describe('formatMoney: the one formatter behind every amount shown', () => {
  const zh = (fen: bigint) => formatMoney(fen, 'zh');
  const en = (fen: bigint) => formatMoney(fen, 'en');

  it('reads 元 below 1 万元, 万元 below 1 亿元, then 亿元, with the exact 元 always at hand', () => {
    expect(zh(123_456n)).toEqual({ text: '1,234.56 元', exact: '1,234.56 元', scaled: false });
    expect(zh(1_234_567n)).toEqual({ text: '1.23 万元', exact: '12,345.67 元', scaled: true });
    expect(zh(999_999n)).toEqual({ text: '9,999.99 元', exact: '9,999.99 元', scaled: false });
    expect(zh(1_000_000n)).toEqual({ text: '1.00 万元', exact: '10,000.00 元', scaled: true });
    expect(zh(95_016_300n)).toEqual({ text: '95.02 万元', exact: '950,163.00 元', scaled: true });
    expect(zh(9_999_999_999n).text).toBe('1.00 亿元'); // 9,999.9999999 万 would round to 10,000.00 万
    expect(zh(9_999_499_999n).text).toBe('9,999.50 万元');
    expect(zh(9_999_994_999n).text).toBe('9,999.99 万元');
    expect(zh(22_500_000_000n)).toEqual({ text: '2.25 亿元', exact: '225,000,000.00 元', scaled: true });
  });

  it('reads CNY, CNY million and CNY billion in English, never 万 or 亿', () => {
    expect(en(1_234_567n)).toEqual({ text: 'CNY 12,345.67', exact: 'CNY 12,345.67', scaled: false });
    expect(en(99_999_999n)).toEqual({ text: 'CNY 999,999.99', exact: 'CNY 999,999.99', scaled: false });
    expect(en(123_000_000n)).toEqual({ text: 'CNY 1.23 million', exact: 'CNY 1,230,000.00', scaled: true });
    expect(en(225_000_000_000n)).toEqual({ text: 'CNY 2.25 billion', exact: 'CNY 2,250,000,000.00', scaled: true });
    expect(en(99_999_999_999n).text).toBe('CNY 1.00 billion');
    for (const fen of [1n, 1_000_000n, 10_000_000_000n, 10n ** 17n]) expect(`${en(fen).text} ${en(fen).exact}`).not.toMatch(/[\u4e00-\u9fff]|10k|100M/);
  });

  it('rounds half away from zero, keeps the sign, and shows zero exactly', () => {
    expect(zh(1_234_500n).text).toBe('1.23 万元');
    expect(zh(1_235_000n).text).toBe('1.24 万元');
    expect(zh(-1_235_000n)).toEqual({ text: '-1.24 万元', exact: '-12,350.00 元', scaled: true });
    expect(en(-123_456_789n)).toEqual({ text: 'CNY -1.23 million', exact: 'CNY -1,234,567.89', scaled: true });
    expect(zh(-5n).text).toBe('-0.05 元');
    expect(zh(0n)).toEqual({ text: '0.00 元', exact: '0.00 元', scaled: false });
    expect(en(0n)).toEqual({ text: 'CNY 0.00', exact: 'CNY 0.00', scaled: false });
  });

  it('is exact for amounts beyond 2^53 fen, where a float would lose the fen', () => {
    const big = 2n ** 53n + 1n; // 9,007,199,254,740,993 fen
    expect(formatExact(big, 'zh')).toBe('90,071,992,547,409.93 元');
    expect(formatExact(big, 'en')).toBe('CNY 90,071,992,547,409.93');
    expect(zh(big).text).toBe('900,719.93 亿元');
    expect(en(big).text).toBe('CNY 90,071.99 billion');
    expect(formatExact(10n ** 18n + 7n, 'zh')).toBe('10,000,000,000,000,000.07 元');
  });

  it('never touches a float: the formatter takes bigint only', () => {
    // @ts-expect-error a number is refused at compile time
    expect(() => formatMoney(1.5, 'zh')).toThrow();
  });
});
