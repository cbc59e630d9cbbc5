/**
 * The shares as exact numerators over one common denominator, and each recipient's result, whose
 * reduced share and quota texts are made only when asked for.
 */
import { gcd, lcm } from '../rational';
import type { Column } from './scanning';
import { ShareGcd } from './share-gcd';
import { BP, type RecipientResult } from './types';

/**
 * One common denominator: share_i = num_i / den, den = 10000 · L, L = lcm_k(sum_k),
 * num_i = Σ_k w_k · (L / sum_k) · b_ik.
 */
export function shareNumerators(cols: Column[], weights: number[], n: number): { num: bigint[]; den: bigint } {
  let L = 1n;
  for (const c of cols) L = lcm(L, c.sum);
  const ms = cols.map((c, k) => BigInt(weights[k] as number) * (L / c.sum));
  return { num: dotProducts(cols, ms, n), den: L * BP };
}

/** Σ_k b_ik · m_k for every recipient i. */
function dotProducts(cols: Column[], ms: bigint[], n: number): bigint[] {
  const num: bigint[] = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    let acc = 0n;
    for (let k = 0; k < cols.length; k++) {
      const col = cols[k] as Column;
      if (col.small) {
        const x = col.small[i] as number;
        if (x !== 0) acc += BigInt(x) * (ms[k] as bigint);
      } else {
        const x = col.big[i] as bigint;
        if (x !== 0n) acc += x * (ms[k] as bigint);
      }
    }
    num[i] = acc;
  }
  return num;
}

export function results(codes: string[], amounts: bigint[], state: Uint8Array, exact: Exact): RecipientResult[] {
  const out: RecipientResult[] = new Array<RecipientResult>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = new Recipient(codes[i] as string, amounts[i] as bigint, state[i] as number, exact, i);
  return out;
}

/**
 * What the exact texts of one result are made from, shared by its recipients: share_i = num_i / den;
 * the free recipients share R in proportion to num_i, whose sum over them is NU.
 */
export type Exact = { num: bigint[]; den: bigint; cols: Column[]; weights: number[]; R: bigint; NU: bigint; texts: ShareTexts | null };

/** One recipient's result; share() and quota() reduce its exact fractions on demand. */
class Recipient implements RecipientResult {
  readonly floorApplied: boolean;
  readonly capApplied: boolean;
  // Private fields (#) are not properties: equality checks and spreads see plain data.
  readonly #exact: Exact;
  readonly #index: number;

  constructor(
    readonly code: string,
    readonly amountFen: bigint,
    state: number,
    exact: Exact,
    index: number,
  ) {
    this.floorApplied = state === 1;
    this.capApplied = state === 2;
    this.#exact = exact;
    this.#index = index;
  }

  share(): string {
    return textsOf(this.#exact).share(this.#index);
  }

  quota(): string {
    if (this.floorApplied || this.capApplied) return `${this.amountFen}/1`;
    return textsOf(this.#exact).freeQuota(this.#index);
  }
}

/** Reducing costs more than the whole allocation, so it is set up only when a text is first asked for. */
function textsOf(exact: Exact): ShareTexts {
  return (exact.texts ??= new ShareTexts(exact));
}

/** Per g = gcd(num_i, den), which repeats a lot: the reduced share denominator and the quota's cross-reduction. */
type ShareDen = { sdText: string; sdh: bigint; tnh: bigint; qdText: string };

/**
 * The reduced texts of the shares num_i / den and of the free recipients' quotas τ · share_i,
 * τ = R · den / NU = tn / td (τ = distributable when no floor or cap applies).
 */
class ShareTexts {
  private readonly num: bigint[];
  private readonly den: bigint;
  private readonly gcds: ShareGcd;
  private readonly tn: bigint;
  private readonly td: bigint;
  private readonly dens = new Map<bigint, ShareDen>();
  private readonly gs: (bigint | undefined)[];

  constructor({ num, den, cols, weights, R, NU }: Exact) {
    this.num = num;
    this.den = den;
    this.gcds = new ShareGcd(
      den,
      cols.map((c) => c.sum),
      weights,
      cols,
    );
    const tg = gcd(R * den, NU);
    this.tn = (R * den) / tg;
    this.td = NU / tg;
    this.gs = new Array<bigint | undefined>(num.length);
  }

  share(i: number): string {
    const x = this.num[i] as bigint;
    if (x === 0n) return '0/1';
    const g = this.gcdOf(i);
    return `${g === 1n ? x : x / g}/${this.denFor(g).sdText}`;
  }

  /** (tn/td) · (sn/sd), both reduced: cross-reduce by h = gcd(tn, sd) and gcd(sn, td). */
  freeQuota(i: number): string {
    const x = this.num[i] as bigint;
    if (x === 0n) return '0/1';
    const g = this.gcdOf(i);
    const sn = g === 1n ? x : x / g;
    const d = this.denFor(g);
    if (this.td === 1n) return `${d.tnh * sn}/${d.qdText}`;
    const g2 = gcd(sn, this.td);
    return `${d.tnh * (sn / g2)}/${(this.td / g2) * d.sdh}`;
  }

  /** gcd(num_i, den), kept: share() and quota() of one recipient both need it. */
  private gcdOf(i: number): bigint {
    let g = this.gs[i];
    if (g === undefined) {
      g = this.gcds.gcdWith(i, this.num[i] as bigint);
      this.gs[i] = g;
    }
    return g;
  }

  private denFor(g: bigint): ShareDen {
    let d = this.dens.get(g);
    if (d === undefined) {
      const sd = this.den / g;
      const h = gcd(this.tn, sd);
      const sdh = sd / h;
      d = { sdText: sd.toString(), sdh, tnh: this.tn / h, qdText: sdh.toString() };
      this.dens.set(g, d);
    }
    return d;
  }
}
