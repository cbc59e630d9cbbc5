/**
 * Reducing the exact shares: gcd(num_i, den) for many numerators over one common denominator,
 * mostly in doubles. Only asked for when a share or quota text is wanted (see shares.ts).
 */
import { gcd, gcdNumber } from '../rational';
import type { Column } from './scanning';
import { MAX_SAFE } from './scanning';
import { BP } from './types';

const TWO_POW_53 = 9007199254740992n;

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
export class ShareGcd {
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
