import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeAllocation,
  inputsHash,
  MAX_TOTAL_FEN,
  type FactorSpec,
  type FormulaInput,
  type FormulaResult,
  type RecipientResult,
} from '@/lib/domain/formula';
import { Rational } from '@/lib/domain/rational';

// ---------------------------------------------------------------------------------------------
// Helpers

/** digits × 10^-scale as decimal text: (1250n, 2) → "12.50". */
function formatDecimal(digits: bigint, scale: number): string {
  const s = digits.toString().padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
}

function decimalParts(text: string): [bigint, number] {
  const dot = text.indexOf('.');
  return dot < 0 ? [BigInt(text), 0] : [BigInt(text.replace('.', '')), text.length - dot - 1];
}

/** Exact product of two decimal strings, as decimal text. */
function times(a: string, b: string): string {
  const [da, sa] = decimalParts(a);
  const [db, sb] = decimalParts(b);
  return formatDecimal(da * db, sa + sb);
}

/** Deterministic Fisher–Yates shuffle driven by a seed. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

function ok(input: FormulaInput): FormulaResult {
  const out = computeAllocation(input);
  if (!out.ok) throw new Error(`unexpected error ${JSON.stringify(out.error)}`);
  return out.result;
}

/**
 * Whether a clamped allocation exists. Floors are generated feasible; with a cap, recipients with
 * share 0 (every factor more_is_more with value 0) get only the floor, so the others' caps must
 * take up the rest.
 */
function feasible(input: FormulaInput): boolean {
  if (input.capFen === null || input.capFen === undefined) return true;
  const D = input.totalFen - (input.totalFen * BigInt(input.setAsideBp ?? 0)) / 10_000n;
  const zeros = input.recipients.filter((r) =>
    input.factors.every((f) => f.direction === 'more_is_more' && Rational.fromDecimal(r.values[f.code] as string).isZero()),
  ).length;
  const n = input.recipients.length;
  return BigInt(n - zeros) * input.capFen + BigInt(zeros) * (input.floorFen ?? 0n) >= D;
}

const byCode = (r: FormulaResult): Map<string, RecipientResult> => new Map(r.recipients.map((x) => [x.code, x]));

/** A recipient's result as plain data, with its exact share and quota as text. */
const view = (x: RecipientResult) => ({
  code: x.code,
  amountFen: x.amountFen,
  floorApplied: x.floorApplied,
  capApplied: x.capApplied,
  share: x.share(),
  quota: x.quota(),
});
const viewAll = (r: FormulaResult) => ({ ...r, recipients: r.recipients.map(view) });

/** A straightforward reference with Rational arithmetic (no floors or caps). */
function reference(input: FormulaInput): { shares: Rational[]; quotas: Rational[]; amounts: bigint[] } {
  const n = input.recipients.length;
  const shares = Array.from({ length: n }, () => Rational.ZERO);
  for (const f of input.factors) {
    let xs = input.recipients.map((r) => Rational.fromDecimal(r.values[f.code] as string));
    if (f.direction === 'less_is_more') xs = xs.map((x) => Rational.ONE.div(x));
    const total = xs.reduce((a, b) => a.add(b), Rational.ZERO);
    const w = Rational.of(BigInt(f.weightBp), 10_000n);
    xs.forEach((x, i) => {
      shares[i] = (shares[i] as Rational).add(w.mul(x.div(total)));
    });
  }
  const D = input.totalFen - (input.totalFen * BigInt(input.setAsideBp ?? 0)) / 10_000n;
  const quotas = shares.map((s) => s.mul(Rational.fromBigInt(D)));
  const amounts = quotas.map((q) => q.floor());
  let leftover = D - amounts.reduce((a, b) => a + b, 0n);
  const order = quotas
    .map((q, i) => ({ i, rem: q.fractionalPart(), code: input.recipients[i]?.code as string }))
    .sort((x, y) => y.rem.compare(x.rem) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const { i } of order) {
    if (leftover === 0n) break;
    amounts[i] = (amounts[i] as bigint) + 1n;
    leftover--;
  }
  return { shares, quotas, amounts };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Decimal text ≥ 0 of several kinds: everyday values, long and large ones, tiny ones. */
const decimalArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.nat({ max: 10_000_000 }), fc.integer({ min: 0, max: 3 })).map(([d, s]) => formatDecimal(BigInt(d), s)) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 50 }), fc.integer({ min: 0, max: 2 })).map(([d, s]) => formatDecimal(BigInt(d), s)) },
  { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.integer({ min: 0, max: 12 })).map(([d, s]) => formatDecimal(d, s)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 20 })).map(([d, s]) => formatDecimal(BigInt(d), s)) },
  // 15-17 significant digits, around the limit of exact doubles.
  { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: 10n ** 14n, max: 10n ** 17n }), fc.integer({ min: 0, max: 6 })).map(([d, s]) => formatDecimal(d, s)) },
);

/** K positive weights summing to 10000. */
const weightsArb = (K: number): fc.Arbitrary<number[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: K - 1, maxLength: K - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
    return points.slice(1).map((p, i) => p - (points[i] as number));
  });

const codeArb = fc.string({ minLength: 1, maxLength: 4 });

type Shape = { withFloor: boolean; withCap: boolean };

/** A valid formula input. Floors and caps are chosen feasible for the distributable amount. */
const inputArb = (shape: Shape, maxRecipients = 12): fc.Arbitrary<FormulaInput> =>
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: maxRecipients }))
    .chain(([K, n]) =>
      fc.record({
        weights: weightsArb(K),
        directions: fc.array(fc.constantFrom('more_is_more' as const, 'less_is_more' as const), { minLength: K, maxLength: K }),
        values: fc.array(fc.array(decimalArb, { minLength: K, maxLength: K }), { minLength: n, maxLength: n }),
        codes: fc.uniqueArray(codeArb, { minLength: n, maxLength: n }),
        totalFen: fc.oneof(fc.bigInt({ min: 1n, max: 5_000n }), fc.bigInt({ min: 1n, max: MAX_TOTAL_FEN })),
        setAsideBp: fc.option(fc.integer({ min: 0, max: 9_999 }), { nil: undefined }),
        floorPct: fc.integer({ min: 0, max: 100 }),
        capPct: fc.integer({ min: 0, max: 100 }),
      }),
    )
    .map(({ weights, directions, values, codes, totalFen, setAsideBp, floorPct, capPct }) => {
      const factors: FactorSpec[] = weights.map((weightBp, k) => ({ code: `f${k}`, weightBp, direction: directions[k] as FactorSpec['direction'] }));
      const rows = values.map((row) => [...row]);
      factors.forEach((f, k) => {
        // less_is_more refuses 0; more_is_more refuses a column of zeros.
        if (f.direction === 'less_is_more') for (const row of rows) if (Rational.fromDecimal(row[k] as string).isZero()) row[k] = '1';
        if (rows.every((row) => Rational.fromDecimal(row[k] as string).isZero())) (rows[0] as string[])[k] = '0.5';
      });
      const n = BigInt(rows.length);
      const D = totalFen - (totalFen * BigInt(setAsideBp ?? 0)) / 10_000n;
      return {
        totalFen,
        setAsideBp,
        factors,
        recipients: rows.map((row, i) => ({ code: codes[i] as string, values: Object.fromEntries(factors.map((f, k) => [f.code, row[k] as string])) })),
        floorFen: shape.withFloor ? (D * BigInt(floorPct)) / (100n * n) : null,
        capFen: shape.withCap ? (D + n - 1n) / n + (D * BigInt(capPct)) / 100n : null,
      };
    });

const anyShapeArb = (maxRecipients?: number): fc.Arbitrary<FormulaInput> =>
  fc.record({ withFloor: fc.boolean(), withCap: fc.boolean() }).chain((shape) => inputArb(shape, maxRecipients));

// ---------------------------------------------------------------------------------------------
// Properties

describe('computeAllocation properties', () => {
  it('amounts sum to the distributable total, respect floors and caps, and round each quota by less than a fen', () => {
    fc.assert(
      fc.property(anyShapeArb(), (input) => {
        if (!feasible(input)) {
          expect(computeAllocation(input)).toEqual({ ok: false, error: { code: 'infeasible_cap' } });
          return;
        }
        const r = ok(input);
        const D = input.totalFen - (input.totalFen * BigInt(input.setAsideBp ?? 0)) / 10_000n;
        expect(r.distributableFen).toBe(D);
        expect(r.setAsideFen).toBe(input.totalFen - D);
        expect(r.recipients.map((x) => x.code)).toEqual(input.recipients.map((x) => x.code));
        expect(r.recipients.reduce((a, x) => a + x.amountFen, 0n)).toBe(D);

        const floor = input.floorFen ?? null;
        const cap = input.capFen ?? null;
        let quotaSum = Rational.ZERO;
        let shareSum = Rational.ZERO;
        for (const x of r.recipients) {
          const quota = Rational.parse(x.quota());
          const share = Rational.parse(x.share());
          expect(quota.toString()).toBe(x.quota()); // reduced
          expect(share.toString()).toBe(x.share());
          quotaSum = quotaSum.add(quota);
          shareSum = shareSum.add(share);
          if (floor !== null) expect(x.amountFen >= floor).toBe(true);
          if (cap !== null) expect(x.amountFen <= cap).toBe(true);
          if (x.floorApplied) expect(x.amountFen).toBe(floor);
          if (x.capApplied) expect(x.amountFen).toBe(cap);
          expect(x.floorApplied && x.capApplied).toBe(false);
          // |amount − quota| < 1, and the amount is ⌊quota⌋ or ⌊quota⌋ + 1.
          expect(Rational.fromBigInt(x.amountFen).sub(quota).abs().compare(Rational.ONE)).toBe(-1);
          expect(x.amountFen - quota.floor() === 0n || x.amountFen - quota.floor() === 1n).toBe(true);
        }
        expect(shareSum.equals(Rational.ONE)).toBe(true);
        expect(quotaSum.equals(Rational.fromBigInt(D))).toBe(true);

        // The clamped solution: free recipients get λ·share within [floor, cap]; those at the floor
        // have λ·share ≤ floor, those at the cap λ·share ≥ cap.
        const free = r.recipients.filter((x) => !x.floorApplied && !x.capApplied && !Rational.parse(x.share()).isZero());
        if (free.length > 0) {
          const lambda = Rational.parse(free[0]!.quota()).div(Rational.parse(free[0]!.share()));
          for (const x of r.recipients) {
            const scaled = lambda.mul(Rational.parse(x.share()));
            const q = Rational.parse(x.quota());
            if (x.floorApplied) expect(scaled.compare(Rational.fromBigInt(floor as bigint))).toBeLessThanOrEqual(0);
            else if (x.capApplied) expect(scaled.compare(Rational.fromBigInt(cap as bigint))).toBeGreaterThanOrEqual(0);
            else if (!Rational.parse(x.share()).isZero()) {
              expect(q.equals(scaled)).toBe(true);
              if (floor !== null) expect(q.compare(Rational.fromBigInt(floor))).toBeGreaterThanOrEqual(0);
              if (cap !== null) expect(q.compare(Rational.fromBigInt(cap))).toBeLessThanOrEqual(0);
            }
          }
        }

        // Largest remainder: whoever got the extra fen has a larger remainder (or an equal one and
        // a lower code) than every free recipient that did not.
        const freeAll = r.recipients.filter((x) => !x.floorApplied && !x.capApplied);
        const up = freeAll.filter((x) => x.amountFen > Rational.parse(x.quota()).floor());
        const down = freeAll.filter((x) => x.amountFen === Rational.parse(x.quota()).floor());
        for (const a of up) {
          const ra = Rational.parse(a.quota()).fractionalPart();
          for (const b of down) {
            const c = ra.compare(Rational.parse(b.quota()).fractionalPart());
            expect(c === 1 || (c === 0 && a.code < b.code)).toBe(true);
          }
        }
      }),
      { numRuns: 700 },
    );
  });

  it('matches a plain Rational reference implementation exactly', () => {
    fc.assert(
      fc.property(inputArb({ withFloor: false, withCap: false }), (input) => {
        const r = ok(input);
        const ref = reference(input);
        expect(r.recipients.map((x) => x.share())).toEqual(ref.shares.map((s) => s.toString()));
        expect(r.recipients.map((x) => x.quota())).toEqual(ref.quotas.map((q) => q.toString()));
        expect(r.recipients.map((x) => x.amountFen)).toEqual(ref.amounts);
      }),
      { numRuns: 400 },
    );
  });

  it('matches the reference when factor columns share large common factors', () => {
    // Columns that are multiples of one another make the sums share factors, so that the
    // reduction of the shares goes through the shared (not per-factor) part of the denominator,
    // including prime factors above 2^53 (2^61 − 1 is prime).
    const multiplier = fc.constantFrom('1', '3', '2305843009213693951', '4611686018427387902', '0.0000000000000000007', '99999999999999999989');
    fc.assert(
      fc.property(inputArb({ withFloor: false, withCap: false }), fc.array(multiplier, { minLength: 4, maxLength: 4 }), (input, ms) => {
        const first = input.factors[0] as FactorSpec;
        const related: FormulaInput = {
          ...input,
          recipients: input.recipients.map((r) => ({
            ...r,
            values: Object.fromEntries(input.factors.map((f, k) => [f.code, times(r.values[first.code] as string, ms[k] as string)])),
          })),
        };
        // A copied column of zeros in a less_is_more factor is refused; skip those.
        fc.pre(computeAllocation(related).ok);
        const r = ok(related);
        const ref = reference(related);
        expect(r.recipients.map((x) => x.share())).toEqual(ref.shares.map((q) => q.toString()));
        expect(r.recipients.map((x) => x.quota())).toEqual(ref.quotas.map((q) => q.toString()));
        expect(r.recipients.map((x) => x.amountFen)).toEqual(ref.amounts);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of recipients or factors (results and inputsHash)', () => {
    fc.assert(
      fc.property(anyShapeArb(), fc.integer(), fc.integer(), (input, s1, s2) => {
        fc.pre(feasible(input));
        const permuted: FormulaInput = { ...input, recipients: shuffle(input.recipients, s1), factors: shuffle(input.factors, s2) };
        const a = byCode(ok(input));
        const b = ok(permuted);
        expect(b.recipients.map((x) => x.code)).toEqual(permuted.recipients.map((x) => x.code));
        for (const x of b.recipients) expect(view(x)).toEqual(view(a.get(x.code) as RecipientResult));
        expect(inputsHash(permuted)).toBe(inputsHash(input));
      }),
      { numRuns: 500 },
    );
  });

  it('does not change when every value of one factor is scaled by the same positive constant', () => {
    const constantArb = fc.oneof(
      fc.constantFrom('2', '10', '0.5', '0.001', '1000000', '3.7', '0.000000000000000001', '123456789012345678901234567890'),
      fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 8 })).map(([d, s]) => formatDecimal(BigInt(d), s)),
    );
    fc.assert(
      fc.property(anyShapeArb(), fc.nat(), constantArb, (input, pick, c) => {
        fc.pre(feasible(input));
        const f = input.factors[pick % input.factors.length] as FactorSpec;
        const scaled: FormulaInput = {
          ...input,
          recipients: input.recipients.map((r) => ({ ...r, values: { ...r.values, [f.code]: times(r.values[f.code] as string, c) } })),
        };
        expect(viewAll(ok(scaled))).toEqual(viewAll(ok(input)));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps its invariants with many recipients and binding floors and caps', () => {
    fc.assert(
      fc.property(inputArb({ withFloor: true, withCap: true }, 60), (input) => {
        fc.pre(feasible(input));
        const r = ok(input);
        expect(r.recipients.reduce((a, x) => a + x.amountFen, 0n)).toBe(r.distributableFen);
        for (const x of r.recipients) {
          expect(x.amountFen >= (input.floorFen as bigint) && x.amountFen <= (input.capFen as bigint)).toBe(true);
          if (!x.floorApplied && !x.capApplied) {
            expect(Rational.fromBigInt(x.amountFen).sub(Rational.parse(x.quota())).abs().compare(Rational.ONE)).toBe(-1);
          }
        }
        const permuted = { ...input, recipients: shuffle(input.recipients, r.recipients.length) };
        const a = byCode(r);
        for (const x of ok(permuted).recipients) expect(x.amountFen).toBe(a.get(x.code)?.amountFen);
      }),
      { numRuns: 200 },
    );
  });
});
