import { describe, expect, it } from 'vitest';
import { projectStatusOf, projectTypeOf } from '@/lib/opendata/oc4ids/classification';
import { cny, yuanNumber, yuanText } from '@/lib/opendata/oc4ids/money';

describe('OC4IDS amounts from integer fen', () => {
  it('writes yuan exactly, with at most two decimals', () => {
    const cases: [bigint, string, string][] = [
      [0n, '0.00', '0'],
      [5n, '0.05', '0.05'],
      [-5n, '-0.05', '-0.05'],
      [10n, '0.10', '0.1'],
      [123456n, '1234.56', '1234.56'],
      [120000n, '1200.00', '1200'],
      [1_000_000_000_000_00n, '1000000000000.00', '1000000000000'],
      // The largest amount a line may carry (10^15 fen − 1): fifteen digits, still exact.
      [999_999_999_999_999n, '9999999999999.99', '9999999999999.99'],
      [-999_999_999_999_999n, '-9999999999999.99', '-9999999999999.99'],
    ];
    for (const [fen, text, json] of cases) {
      expect(yuanText(fen)).toBe(text);
      expect(JSON.stringify(cny(fen))).toBe(`{"amount":${json},"currency":"CNY"}`);
    }
  });

  it('refuses a figure a JSON number cannot carry exactly rather than rounding it', () => {
    expect(() => yuanNumber(2n ** 62n + 1n)).toThrow(RangeError);
    expect(() => yuanNumber(90_071_992_547_409_93n)).toThrow(RangeError);
  });
});

describe('OC4IDS codes from the workflow and the plan', () => {
  it('maps public stages to projectStatus, and falls back to what the money shows', () => {
    expect(projectStatusOf('second_review', 0n, 0n)).toBe('preparation');
    expect(projectStatusOf('funded', 1n, 0n)).toBe('implementation');
    expect(projectStatusOf('accepted', 1n, 1n)).toBe('completion');
    expect(projectStatusOf('closed', 1n, 1n)).toBe('completion');
    // A rejected application does not cancel a project of the plan.
    expect(projectStatusOf('rejected', 0n, 0n)).toBe('identification');
    expect(projectStatusOf('rejected', 100n, 50n)).toBe('implementation');
    expect(projectStatusOf(null, 100n, 0n)).toBe('preparation');
    expect(projectStatusOf('a_custom_stage', 0n, 0n)).toBe('identification');
  });

  it('gives a projectType only where one fits', () => {
    expect(projectTypeOf('mine_restoration')).toBe('rehabilitation');
    expect(projectTypeOf('ecological_network')).toBeUndefined();
  });
});
