import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  canonicalInputs,
  computeAllocation,
  inputsHash,
  MAX_TOTAL_FEN,
  type FactorSpec,
  type FormulaErrorCode,
  type FormulaInput,
  type FormulaResult,
} from '@/lib/domain/formula';
import { Rational } from '@/lib/domain/rational';
import { sha256Hex } from '@/lib/domain/sha256';

// A copy of /work/shared/examples/formula-worked-example.json, so that the test does not depend on
// a file outside the repository; when that file is present it is checked to be the same.
const WORKED_EXAMPLE = {
  total_fen: '3000000001',
  weights: { restore_area_km2: '0.4', mine_area_hm2: '0.3', population_10k: '0.2', perf_score: '0.1' },
  recipients: [
    { code: '140302', name: '城区', factors: { restore_area_km2: '12.5', mine_area_hm2: '30', population_10k: '25.1', perf_score: '88' } },
    { code: '140303', name: '矿区', factors: { restore_area_km2: '20', mine_area_hm2: '410.7', population_10k: '22.4', perf_score: '76' } },
    { code: '140311', name: '郊区', factors: { restore_area_km2: '96.3', mine_area_hm2: '265.2', population_10k: '28.9', perf_score: '91' } },
    { code: '140321', name: '平定县', factors: { restore_area_km2: '210.8', mine_area_hm2: '388.5', population_10k: '31.6', perf_score: '84' } },
    { code: '140322', name: '盂县', factors: { restore_area_km2: '301.2', mine_area_hm2: '300.7', population_10k: '30.2', perf_score: '90' } },
  ],
};
const SHARED_EXAMPLE = '/work/shared/examples/formula-worked-example.json';

type Example = typeof WORKED_EXAMPLE;

/** The JSON example as a FormulaInput; weights "0.4" → 4000 bp exactly, without floats. */
function exampleInput(ex: Example): FormulaInput {
  const factors: FactorSpec[] = Object.entries(ex.weights).map(([code, w]) => {
    const bp = Rational.fromDecimal(w).mul(Rational.fromBigInt(10_000n));
    expect(bp.isInteger()).toBe(true);
    return { code, weightBp: Number(bp.num), direction: 'more_is_more' };
  });
  return {
    totalFen: BigInt(ex.total_fen),
    factors,
    recipients: ex.recipients.map((r) => ({ code: r.code, values: r.factors })),
  };
}

function ok(input: FormulaInput): FormulaResult {
  const out = computeAllocation(input);
  if (!out.ok) throw new Error(`unexpected error ${JSON.stringify(out.error)}`);
  return out.result;
}

const amounts = (r: FormulaResult): bigint[] => r.recipients.map((x) => x.amountFen);
const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);
const more = (code: string, weightBp: number): FactorSpec => ({ code, weightBp, direction: 'more_is_more' });
const less = (code: string, weightBp: number): FactorSpec => ({ code, weightBp, direction: 'less_is_more' });

describe('worked example (examples/formula-worked-example.md)', () => {
  it('gives exactly the published amounts, summing to the total', () => {
    const r = ok(exampleInput(WORKED_EXAMPLE));
    expect(r.setAsideFen).toBe(0n);
    expect(r.distributableFen).toBe(3_000_000_001n);
    expect(r.recipients.map((x) => x.code)).toEqual(['140302', '140303', '140311', '140321', '140322']);
    expect(amounts(r)).toEqual([213_272_656n, 452_799_148n, 540_528_286n, 841_317_483n, 952_082_428n]);
    expect(sum(amounts(r))).toBe(3_000_000_001n);
    // The exact quotas of the table, to three places.
    expect(r.recipients.map((x) => Rational.parse(x.quota()).toDecimalString(3))).toEqual([
      '213272656.293',
      '452799147.806',
      '540528285.390',
      '841317483.186',
      '952082428.324',
    ]);
    // Shares are exact, reduced, and sum to exactly 1.
    const shares = r.recipients.map((x) => Rational.parse(x.share()));
    expect(shares.reduce((a, b) => a.add(b), Rational.ZERO).equals(Rational.ONE)).toBe(true);
    for (const x of r.recipients) {
      expect(Rational.parse(x.share()).toString()).toBe(x.share());
      expect(Rational.parse(x.quota()).toString()).toBe(x.quota());
      expect(x.floorApplied || x.capApplied).toBe(false);
    }
    expect(r.recipients[0]?.share()).toBe('142726025903/2007655764660');
  });

  it('has a stable inputs hash (pinned, so that server and browser can be compared)', () => {
    expect(inputsHash(exampleInput(WORKED_EXAMPLE))).toBe('fa5b8fc7fe22a7b3e1f00a2d338d681bb7f76fc116ff04b194b673e2cf1de933');
  });

  it.skipIf(!existsSync(SHARED_EXAMPLE))('matches the shared example file', () => {
    const shared = JSON.parse(readFileSync(SHARED_EXAMPLE, 'utf8')) as Example;
    expect(shared).toEqual(WORKED_EXAMPLE);
    expect(amounts(ok(exampleInput(shared)))).toEqual([213_272_656n, 452_799_148n, 540_528_286n, 841_317_483n, 952_082_428n]);
  });
});

describe('hand-checked examples', () => {
  // pop (more_is_more, 0.6): 1, 2, 3 → normalised 1/6, 2/6, 3/6
  // cost (less_is_more, 0.4): 1, 2, 4 → 1/x = 1, 1/2, 1/4, sum 7/4 → normalised 4/7, 2/7, 1/7
  // share A = 0.6·1/6 + 0.4·4/7 = 7/70 + 16/70 = 23/70
  // share B = 0.6·2/6 + 0.4·2/7 = 14/70 + 8/70 = 22/70 = 11/35
  // share C = 0.6·3/6 + 0.4·1/7 = 21/70 + 4/70 = 25/70 = 5/14
  const mixed = (totalFen: bigint, setAsideBp?: number): FormulaInput => ({
    totalFen,
    setAsideBp,
    factors: [more('pop', 6000), less('cost', 4000)],
    recipients: [
      { code: 'A', values: { pop: '1', cost: '1' } },
      { code: 'B', values: { pop: '2', cost: '2' } },
      { code: 'C', values: { pop: '3', cost: '4' } },
    ],
  });

  it('less_is_more uses 1/x before normalising', () => {
    // total 1000: quotas 23000/70 = 2300/7 = 328.571…, 2200/7 = 314.285…, 2500/7 = 357.142…
    // floors 328 + 314 + 357 = 999; the 1 leftover fen goes to the largest remainder, A (.571).
    const r = ok(mixed(1000n));
    expect(r.recipients.map((x) => x.share())).toEqual(['23/70', '11/35', '5/14']);
    expect(r.recipients.map((x) => x.quota())).toEqual(['2300/7', '2200/7', '2500/7']);
    expect(amounts(r)).toEqual([329n, 314n, 357n]);
  });

  it('keeps the set-aside at the allocating level', () => {
    // total 1001, set-aside 3% = ⌊1001 · 300 / 10000⌋ = ⌊30.03⌋ = 30, distributable 971.
    // quotas 971·23/70 = 22333/70 = 319.042…, 971·22/70 = 10681/35 = 305.171…,
    // 971·25/70 = 4855/14 = 346.785…; floors 319 + 305 + 346 = 970; leftover 1 → C (.785).
    const r = ok(mixed(1001n, 300));
    expect(r.setAsideFen).toBe(30n);
    expect(r.distributableFen).toBe(971n);
    expect(r.recipients.map((x) => x.quota())).toEqual(['22333/70', '10681/35', '4855/14']);
    expect(amounts(r)).toEqual([319n, 305n, 347n]);
  });

  // One factor, values 1, 2, 3, 14 (sum 20), total 1000: plain quotas 50, 100, 150, 700.
  const four = (floorFen: bigint | null, capFen: bigint | null): FormulaInput => ({
    totalFen: 1000n,
    floorFen,
    capFen,
    factors: [more('x', 10_000)],
    recipients: [
      { code: 'A', values: { x: '1' } },
      { code: 'B', values: { x: '2' } },
      { code: 'C', values: { x: '3' } },
      { code: 'D', values: { x: '14' } },
    ],
  });

  it('lifts recipients to the floor and shares the rest among the others', () => {
    // floor 120: A (50) and B (100) are lifted to 120; 1000 − 240 = 760 shared by C : D = 3 : 14:
    // C = 2280/17 = 134.117…, D = 10640/17 = 625.882…; floors 134 + 625 = 759, leftover 1 → D.
    const r = ok(four(120n, null));
    expect(amounts(r)).toEqual([120n, 120n, 134n, 626n]);
    expect(r.recipients.map((x) => x.quota())).toEqual(['120/1', '120/1', '2280/17', '10640/17']);
    expect(r.recipients.map((x) => x.floorApplied)).toEqual([true, true, false, false]);
    expect(r.recipients.map((x) => x.share())).toEqual(['1/20', '1/10', '3/20', '7/10']); // the formula share, before the floor
  });

  it('caps recipients, repeating until no one is above the cap', () => {
    // cap 400: D (700) → 400; 600 shared 1 : 2 : 3 → 100, 200, 300.
    expect(amounts(ok(four(null, 400n)))).toEqual([100n, 200n, 300n, 400n]);
    // cap 300: D → 300; 700 shared 1 : 2 : 3 → 116.6…, 233.3…, 350 → C above the cap → 300;
    // 400 shared 1 : 2 → 400/3 = 133.33…, 800/3 = 266.66…; floors 133 + 266 = 399, leftover 1 → B.
    const r = ok(four(null, 300n));
    expect(amounts(r)).toEqual([133n, 267n, 300n, 300n]);
    expect(r.recipients.map((x) => x.quota())).toEqual(['400/3', '800/3', '300/1', '300/1']);
    expect(r.recipients.map((x) => x.capApplied)).toEqual([false, false, true, true]);
  });

  it('finds the clamped solution when both floor and cap bind', () => {
    // shares 0.7, 0.21, 0.09 of 100 with floor 10, cap 40. Fixing both sides at once (a → 40,
    // c → 10, b → 50 > 40) would leave 10 fen nowhere; the clamped solution is a = 40, b = 40
    // (λ·0.21 ≥ 40) and c = 20 (λ·0.09 = 20 ≥ 10).
    const r = ok({
      totalFen: 100n,
      floorFen: 10n,
      capFen: 40n,
      factors: [more('x', 10_000)],
      recipients: [
        { code: 'a', values: { x: '70' } },
        { code: 'b', values: { x: '21' } },
        { code: 'c', values: { x: '9' } },
      ],
    });
    expect(amounts(r)).toEqual([40n, 40n, 20n]);
    expect(r.recipients.map((x) => [x.floorApplied, x.capApplied])).toEqual([
      [false, true],
      [false, true],
      [false, false],
    ]);
  });

  it('gives a floor to recipients whose every value is 0', () => {
    const r = ok({
      totalFen: 1000n,
      floorFen: 100n,
      factors: [more('x', 10_000)],
      recipients: [
        { code: 'a', values: { x: '0' } },
        { code: 'b', values: { x: '1' } },
        { code: 'c', values: { x: '3' } },
      ],
    });
    expect(amounts(r)).toEqual([100n, 225n, 675n]);
    expect(r.recipients[0]?.share()).toBe('0/1');
  });

  it('refuses a cap that only recipients with share 0 could make up', () => {
    // a has the whole share but is capped at 1; b and c have share 0 and get only the floor.
    const input = (totalFen: bigint, capFen: bigint, floorFen: bigint | null): FormulaInput => ({
      totalFen,
      capFen,
      floorFen,
      factors: [more('x', 10_000)],
      recipients: [
        { code: 'a', values: { x: '0.5' } },
        { code: 'b', values: { x: '0' } },
        { code: 'c', values: { x: '0' } },
      ],
    });
    // 1 · 1 + 2 · 0 < 2: one fen could go nowhere, although n · cap = 3 ≥ 2.
    expect(computeAllocation(input(2n, 1n, null))).toEqual({ ok: false, error: { code: 'infeasible_cap' } });
    // With a floor of 1 the others take it up: 1 · 1 + 2 · 1 = 3.
    expect(amounts(ok(input(3n, 1n, 1n)))).toEqual([1n, 1n, 1n]);
    expect(amounts(ok(input(2n, 2n, null)))).toEqual([2n, 0n, 0n]);
  });

  it('breaks equal remainders by lower code, whatever the input order', () => {
    // 1000 / 3 = 333.33… each: the one leftover fen goes to code "a".
    const input = (codes: string[]): FormulaInput => ({
      totalFen: 1000n,
      factors: [more('x', 10_000)],
      recipients: codes.map((code) => ({ code, values: { x: '7.5' } })),
    });
    for (const order of [['a', 'b', 'c'], ['c', 'a', 'b'], ['b', 'c', 'a']]) {
      const r = ok(input(order));
      const byCode = Object.fromEntries(r.recipients.map((x) => [x.code, x.amountFen]));
      expect(byCode).toEqual({ a: 334n, b: 333n, c: 333n });
      expect(r.recipients.map((x) => x.code)).toEqual(order); // results stay in input order
    }
    // Plain string comparison: "10" < "9".
    expect(amounts(ok(input(['9', '10'])))).toEqual([500n, 500n]);
    expect(amounts(ok(input(['9', '10', '11'])))).toEqual([333n, 334n, 333n]);
  });

  it('accepts decimals of any length and leading zeros, exactly', () => {
    const r = ok({
      totalFen: 3n,
      factors: [more('x', 10_000)],
      recipients: [
        { code: 'a', values: { x: '0.000001' } },
        { code: 'b', values: { x: '0000.0000010' } },
        { code: 'c', values: { x: '0.00000100000000000000000000000000000000000000001' } },
      ],
    });
    expect(amounts(r)).toEqual([1n, 1n, 1n]);
    expect(Rational.parse(r.recipients[2]?.share() ?? '').compare(Rational.of(1n, 3n))).toBe(1);
  });

  it('reduces shares by a common prime factor above 2^53', () => {
    // 2^61 − 1 is prime; both factors are P : 2P, so the shares are exactly 1/3 and 2/3.
    const P = '2305843009213693951';
    const r = ok({
      totalFen: 300n,
      factors: [more('x', 5000), more('y', 5000)],
      recipients: [
        { code: 'a', values: { x: P, y: P } },
        { code: 'b', values: { x: (2n * BigInt(P)).toString(), y: `${(2n * BigInt(P)).toString()}.000` } },
      ],
    });
    expect(r.recipients.map((x) => x.share())).toEqual(['1/3', '2/3']);
    expect(r.recipients.map((x) => x.quota())).toEqual(['100/1', '200/1']);
    expect(amounts(r)).toEqual([100n, 200n]);
  });

  it('makes the exact texts on demand, the same whichever recipient is asked first', () => {
    const input = four(120n, null);
    const inOrder = ok(input).recipients.map((x) => [x.share(), x.quota()]);
    const r = ok(input);
    const backwards = [3, 2, 1, 0].map((i) => [r.recipients[i]?.quota(), r.recipients[i]?.share()]);
    expect(backwards.reverse().map(([quota, share]) => [share, quota])).toEqual(inOrder);
    expect(inOrder).toEqual([
      ['1/20', '120/1'],
      ['1/10', '120/1'],
      ['3/20', '2280/17'],
      ['7/10', '10640/17'],
    ]);
    // The texts are methods, not properties: a copy of a result is plain data.
    expect(Object.keys({ ...r.recipients[0] }).sort()).toEqual(['amountFen', 'capApplied', 'code', 'floorApplied']);
  });

  it('handles the largest total', () => {
    const r = ok({ ...four(null, null), totalFen: MAX_TOTAL_FEN });
    expect(amounts(r)).toEqual([MAX_TOTAL_FEN / 20n, MAX_TOTAL_FEN / 10n, (MAX_TOTAL_FEN * 3n) / 20n, (MAX_TOTAL_FEN * 7n) / 10n]);
  });
});

describe('errors', () => {
  const base = (): FormulaInput => ({
    totalFen: 10_000n,
    factors: [more('a', 6000), less('b', 4000)],
    recipients: [
      { code: 'r1', values: { a: '1', b: '2' } },
      { code: 'r2', values: { a: '3', b: '4' } },
    ],
  });
  const err = (change: (i: FormulaInput) => FormulaInput) => {
    const out = computeAllocation(change(base()));
    if (out.ok) throw new Error('expected an error');
    return out.error;
  };
  const withValue = (i: FormulaInput, recipient: number, factor: string, value: unknown): FormulaInput => {
    const recipients = i.recipients.map((r, t) => (t === recipient ? { ...r, values: { ...r.values, [factor]: value as string } } : r));
    return { ...i, recipients };
  };

  it('the base input is fine', () => {
    expect(computeAllocation(base()).ok).toBe(true);
  });

  it('produces every error code for a matching bad input', () => {
    const seen = new Set<FormulaErrorCode>();
    const check = (change: (i: FormulaInput) => FormulaInput, expected: { code: FormulaErrorCode; factor?: string; recipient?: string }) => {
      expect(err(change)).toEqual(expected);
      seen.add(expected.code);
    };
    check((i) => ({ ...i, factors: [more('a', 6000), less('b', 3000)] }), { code: 'weights_sum' });
    check((i) => ({ ...i, factors: [more('a', 6000), less('b', 4000), more('c', 1)] }), { code: 'weights_sum' });
    check((i) => ({ ...i, factors: [more('a', 10_001), less('b', -1)] }), { code: 'weight_range', factor: 'a' });
    check((i) => ({ ...i, factors: [more('a', 0), less('b', 10_000)] }), { code: 'weight_range', factor: 'a' });
    check((i) => ({ ...i, factors: [more('a', 5999.5), less('b', 4000.5)] }), { code: 'weight_range', factor: 'a' });
    check((i) => ({ ...i, factors: [] }), { code: 'no_factors' });
    check((i) => ({ ...i, recipients: [] }), { code: 'no_recipients' });
    check((i) => ({ ...i, recipients: [...i.recipients, { code: 'r1', values: { a: '1', b: '1' } }] }), { code: 'duplicate_recipient', recipient: 'r1' });
    check((i) => ({ ...i, factors: [more('a', 6000), less('a', 4000)] }), { code: 'duplicate_factor', factor: 'a' });
    check((i) => ({ ...i, recipients: [{ code: 'r1', values: { a: '1' } }, ...i.recipients.slice(1)] }), { code: 'missing_value', factor: 'b', recipient: 'r1' });
    check((i) => withValue(i, 1, 'a', undefined), { code: 'missing_value', factor: 'a', recipient: 'r2' });
    check((i) => withValue(i, 1, 'a', '-0.5'), { code: 'negative_value', factor: 'a', recipient: 'r2' });
    for (const bad of ['1e3', '1E3', ' 1', '1 ', '1,000', '', '+1', 'abc', '.5', '5.', '1.2.3', '--1', '-', '0x10', 'NaN', 'Infinity', '１']) {
      check((i) => withValue(i, 0, 'a', bad), { code: 'bad_value', factor: 'a', recipient: 'r1' });
    }
    check((i) => withValue(i, 0, 'a', 12), { code: 'bad_value', factor: 'a', recipient: 'r1' });
    check((i) => withValue(i, 0, 'a', null), { code: 'bad_value', factor: 'a', recipient: 'r1' });
    check((i) => withValue(withValue(i, 0, 'a', '0'), 1, 'a', '0.000'), { code: 'all_zero', factor: 'a' });
    check((i) => withValue(i, 1, 'b', '0.0'), { code: 'zero_value_less_is_more', factor: 'b', recipient: 'r2' });
    check((i) => ({ ...i, floorFen: 5001n }), { code: 'infeasible_floor' });
    check((i) => ({ ...i, floorFen: -1n }), { code: 'infeasible_floor' });
    check((i) => ({ ...i, capFen: 4999n }), { code: 'infeasible_cap' });
    check((i) => ({ ...i, floorFen: 4000n, capFen: 3000n }), { code: 'infeasible_cap' });
    check((i) => ({ ...i, totalFen: 0n }), { code: 'total_range' });
    check((i) => ({ ...i, totalFen: -5n }), { code: 'total_range' });
    check((i) => ({ ...i, totalFen: MAX_TOTAL_FEN + 1n }), { code: 'total_range' });
    check((i) => ({ ...i, setAsideBp: 10_000 }), { code: 'total_range' });
    check((i) => ({ ...i, setAsideBp: -1 }), { code: 'total_range' });
    check((i) => ({ ...i, setAsideBp: 2.5 }), { code: 'total_range' });

    const all: FormulaErrorCode[] = [
      'weights_sum',
      'weight_range',
      'no_factors',
      'no_recipients',
      'duplicate_recipient',
      'duplicate_factor',
      'missing_value',
      'negative_value',
      'bad_value',
      'all_zero',
      'zero_value_less_is_more',
      'infeasible_floor',
      'infeasible_cap',
      'total_range',
    ];
    expect([...seen].sort()).toEqual([...all].sort());
  });

  it('reports the first refused value factor by factor, then recipient by recipient', () => {
    // r1's value of b is bad, but a comes first and r2's value of a is negative.
    const twoFaults = withValue(withValue(base(), 0, 'b', 'x'), 1, 'a', '-3');
    expect(computeAllocation(twoFaults)).toEqual({ ok: false, error: { code: 'negative_value', factor: 'a', recipient: 'r2' } });
    // A column of zeros in a comes before a missing value of b.
    const zerosFirst = withValue(withValue(withValue(base(), 0, 'a', '0'), 1, 'a', '0'), 0, 'b', undefined);
    expect(computeAllocation(zerosFirst)).toEqual({ ok: false, error: { code: 'all_zero', factor: 'a' } });
  });

  it('accepts the boundaries of the checks', () => {
    expect(computeAllocation({ ...base(), floorFen: 5000n }).ok).toBe(true); // n · floor = distributable
    expect(computeAllocation({ ...base(), capFen: 5000n }).ok).toBe(true); // n · cap = distributable
    expect(computeAllocation({ ...base(), floorFen: 0n, capFen: null }).ok).toBe(true);
    expect(computeAllocation({ ...base(), setAsideBp: 9999 }).ok).toBe(true);
    expect(computeAllocation(withValue(base(), 0, 'a', '-0')).ok).toBe(true); // zero, written with a sign
    expect(computeAllocation(withValue(base(), 0, 'a', '0')).ok).toBe(true); // one zero is fine
    // Values under keys that are not factors are ignored.
    expect(computeAllocation(withValue(base(), 0, 'zzz', 'not a number')).ok).toBe(true);
    // A value inherited from Object.prototype is not a value.
    const proto = computeAllocation({ ...base(), factors: [more('toString', 6000), less('b', 4000)] });
    expect(proto).toEqual({ ok: false, error: { code: 'missing_value', factor: 'toString', recipient: 'r1' } });
  });

  it('at exactly n · floor = distributable everyone gets the floor', () => {
    const r = ok({ ...base(), floorFen: 5000n });
    expect(amounts(r)).toEqual([5000n, 5000n]);
  });
});

describe('inputsHash', () => {
  const input: FormulaInput = {
    totalFen: 1_000_000n,
    setAsideBp: 100,
    floorFen: 10n,
    factors: [{ code: 'area', name: '面积', weightBp: 7000, direction: 'more_is_more' }, less('cost', 3000)],
    recipients: [
      { code: 'x', values: { area: '12.50', cost: '3' } },
      { code: 'y', values: { area: '7', cost: '0.5' } },
    ],
  };

  it('is a SHA-256 of the canonical serialisation', () => {
    expect(inputsHash(input)).toBe(sha256Hex(canonicalInputs(input)));
    expect(inputsHash(input)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalInputs(input)).toBe(
      '{"format":"yq-factor-method/1","totalFen":"1000000","setAsideBp":100,"floorFen":"10","capFen":null,' +
        '"factors":[["area",7000,"more_is_more"],["cost",3000,"less_is_more"]],' +
        '"recipients":[["x",["12.5","3"]],["y",["7","0.5"]]]}',
    );
  });

  it('ignores order, display names and how a decimal is written', () => {
    const h = inputsHash(input);
    expect(inputsHash({ ...input, recipients: [...input.recipients].reverse() })).toBe(h);
    expect(inputsHash({ ...input, factors: [...input.factors].reverse() })).toBe(h);
    expect(inputsHash({ ...input, factors: input.factors.map((f) => ({ ...f, name: 'other' })) })).toBe(h);
    const rewritten: FormulaInput = {
      ...input,
      recipients: [
        { code: 'x', values: { cost: '003.000', area: '12.5' } },
        { code: 'y', values: { area: '7.0', cost: '0.50', extra: '1' } },
      ],
    };
    expect(inputsHash(rewritten)).toBe(h);
    expect(inputsHash({ ...input, setAsideBp: undefined })).toBe(inputsHash({ ...input, setAsideBp: 0 }));
    expect(inputsHash({ ...input, capFen: undefined })).toBe(inputsHash({ ...input, capFen: null }));
  });

  it('changes with anything that changes the result', () => {
    const h = inputsHash(input);
    expect(inputsHash({ ...input, totalFen: 1_000_001n })).not.toBe(h);
    expect(inputsHash({ ...input, setAsideBp: 0 })).not.toBe(h);
    expect(inputsHash({ ...input, floorFen: null })).not.toBe(h);
    expect(inputsHash({ ...input, capFen: 900_000n })).not.toBe(h);
    expect(inputsHash({ ...input, factors: [more('area', 6000), less('cost', 4000)] })).not.toBe(h);
    expect(inputsHash({ ...input, factors: [more('area', 7000), more('cost', 3000)] })).not.toBe(h);
    expect(inputsHash({ ...input, recipients: [input.recipients[0]!, { code: 'y', values: { area: '7.01', cost: '0.5' } }] })).not.toBe(h);
    expect(inputsHash({ ...input, recipients: [input.recipients[0]!, { code: 'z', values: { area: '7', cost: '0.5' } }] })).not.toBe(h);
  });
});

describe('runs in the browser', () => {
  it('imports nothing but its own files, the rational and money modules and the SHA-256 (no node:*, no server-only code)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const dir = path.join(root, 'lib/domain/formula');
    const engine = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(dir, f));
    const allowed = new Set([...engine, path.join(root, 'lib/domain/rational.ts'), path.join(root, 'lib/domain/sha256.ts'), path.join(root, 'lib/domain/money.ts')]);
    expect(engine.length).toBeGreaterThan(1);
    for (const file of allowed) {
      const source = readFileSync(file, 'utf8');
      const imports = [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      for (const spec of imports) {
        expect(spec.startsWith('.'), `${file}: ${spec}`).toBe(true);
        expect(allowed.has(path.resolve(path.dirname(file), `${spec.replace(/\/index$/, '')}.ts`)), `${file}: ${spec}`).toBe(true);
      }
      expect(source).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\.|\bimport\(/);
    }
  });
});
