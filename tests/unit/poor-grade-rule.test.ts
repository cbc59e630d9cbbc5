import { describe, expect, it } from 'vitest';
import { applyPoorGradeRule, parsePoorGradeRule, storePoorGradeRule } from '@/lib/domain/poor-grade-rule';

const lines = [
  { code: 'A', computedFen: 100_000n },
  { code: 'B', computedFen: 300_000n },
  { code: 'C', computedFen: 100_001n },
];

describe('the 差 rule of the next allocation', () => {
  it('reduces a poor recipient by the percentage and gives the cut to the others by their formula amounts, to the fen', () => {
    const out = applyPoorGradeRule(lines, new Set(['A']), { mode: 'reduce', percentBp: 2000 });
    // 20 % of 100 000 = 20 000, shared 300 000 : 100 001 → 14 999.96… and 5 000.03… → 15 000 and 5 000 by largest remainder.
    expect(out).toEqual([
      { code: 'A', finalFen: 80_000n, cutFen: 20_000n },
      { code: 'B', finalFen: 315_000n, cutFen: -15_000n },
      { code: 'C', finalFen: 105_001n, cutFen: -5_000n },
    ]);
    const before = lines.reduce((s, l) => s + l.computedFen, 0n);
    const after = lines.reduce((s, l) => s + (out.find((o) => o.code === l.code)?.finalFen ?? l.computedFen), 0n);
    expect(after).toBe(before);
  });

  it('stops the allocation to a poor recipient altogether', () => {
    const out = applyPoorGradeRule(lines, new Set(['B']), { mode: 'stop', percentBp: 10_000 });
    expect(out.find((o) => o.code === 'B')).toEqual({ code: 'B', finalFen: 0n, cutFen: 300_000n });
    expect(out.reduce((s, o) => s + o.cutFen, 0n)).toBe(0n);
  });

  it('changes nothing without a rule, without a poor recipient, or with nobody left to receive', () => {
    expect(applyPoorGradeRule(lines, new Set(['A']), { mode: 'none', percentBp: 0 })).toEqual([]);
    expect(applyPoorGradeRule(lines, new Set(), { mode: 'stop', percentBp: 10_000 })).toEqual([]);
    expect(applyPoorGradeRule(lines, new Set(['A', 'B', 'C']), { mode: 'stop', percentBp: 10_000 })).toEqual([]);
  });

  it('reads and writes the stored setting, and reads anything else as no rule', () => {
    expect(parsePoorGradeRule(storePoorGradeRule({ mode: 'reduce', percentBp: 2550 }))).toEqual({ mode: 'reduce', percentBp: 2550 });
    expect(parsePoorGradeRule('{"mode":"stop"}')).toEqual({ mode: 'stop', percentBp: 10_000 });
    expect(parsePoorGradeRule('{"mode":"reduce","percent":"150"}').mode).toBe('none');
    expect(parsePoorGradeRule('nonsense').mode).toBe('none');
    expect(parsePoorGradeRule(null).mode).toBe('none');
  });
});
