/** Floors and caps: the unique clamped allocation min(cap, max(floor, λ · share_i)) summing to the total. */
import { fail, type Refusal } from './types';

/**
 * With a cap, recipients whose share is 0 never get more than the floor (nothing is shared to them
 * in proportion), so the caps of the others must be able to take up the rest.
 */
export function capsCanTakeUp(num: bigint[], distributable: bigint, floor: bigint | null, cap: bigint): boolean {
  let zeros = 0;
  for (let i = 0; i < num.length; i++) if (num[i] === 0n) zeros++;
  return BigInt(num.length - zeros) * cap + BigInt(zeros) * (floor ?? 0n) >= distributable;
}

/**
 * Finds the clamped allocation min(cap, max(floor, λ·s_i)) summing to R. Recipients are taken in
 * ascending order of share, so those at the floor are a prefix and those at the cap a suffix of
 * the free range. Each round computes λ for the free recipients; if some are below the floor and
 * some above the cap, it fixes the side whose correction is larger (fixing it moves λ in the
 * direction that keeps that side out of range), so a fixed recipient never needs to be freed.
 */
export function clamp(
  num: bigint[],
  total: bigint,
  floor: bigint | null,
  cap: bigint | null,
  state: Uint8Array,
  codes: string[],
): { ok: true; R: bigint; NU: bigint } | { ok: false; error: Refusal } {
  const n = num.length;
  const order: number[] = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => {
    const a = num[x] as bigint;
    const b = num[y] as bigint;
    if (a !== b) return a < b ? -1 : 1;
    const cx = codes[x] as string;
    const cy = codes[y] as string;
    return cx < cy ? -1 : cx > cy ? 1 : 0;
  });
  const prefix: bigint[] = new Array<bigint>(n + 1);
  prefix[0] = 0n;
  for (let t = 0; t < n; t++) prefix[t + 1] = (prefix[t] as bigint) + (num[order[t] as number] as bigint);

  const F = floor !== null && floor > 0n ? floor : null;
  const C = cap;
  let lo = 0;
  let hi = n;
  let R = total;
  for (;;) {
    const cnt = hi - lo;
    if (cnt === 0) {
      if (R !== 0n) throw new Error('allocation clamp: nothing left to share the remainder');
      return { ok: true, R: 0n, NU: 1n };
    }
    const NU = (prefix[hi] as bigint) - (prefix[lo] as bigint);
    if (NU === 0n) {
      // The free recipients all have share 0: each gets max(floor, 0), which must use R up.
      const each = F ?? 0n;
      const need = each * BigInt(cnt);
      if (need < R) return { ok: false, error: fail('infeasible_cap') };
      if (need > R) return { ok: false, error: fail('infeasible_floor') };
      if (F !== null) for (let t = lo; t < hi; t++) state[order[t] as number] = 1;
      return { ok: true, R: need, NU: 1n };
    }
    // Free recipient i (share ∝ num_i) would get R·num_i/NU.
    const isLow = (t: number): boolean => F !== null && R * (num[order[t] as number] as bigint) < F * NU;
    const isHigh = (t: number): boolean => C !== null && R * (num[order[t] as number] as bigint) > C * NU;
    // lowEnd: first position in [lo, hi) that is not low (binary search; lows are a prefix).
    let a = lo;
    let z = hi;
    while (a < z) {
      const mid = (a + z) >>> 1;
      if (isLow(mid)) a = mid + 1;
      else z = mid;
    }
    const lowEnd = a;
    // highStart: first position in [lowEnd, hi) that is high (highs are a suffix).
    a = lowEnd;
    z = hi;
    while (a < z) {
      const mid = (a + z) >>> 1;
      if (isHigh(mid)) z = mid;
      else a = mid + 1;
    }
    const highStart = a;
    const nLow = lowEnd - lo;
    const nHigh = hi - highStart;
    if (nLow === 0 && nHigh === 0) return { ok: true, R, NU };
    let fixLows = nLow > 0;
    if (nLow > 0 && nHigh > 0) {
      // need = Σ_low (F − R·num/NU), release = Σ_high (R·num/NU − C); compare them times NU.
      const needN = BigInt(nLow) * (F as bigint) * NU - R * ((prefix[lowEnd] as bigint) - (prefix[lo] as bigint));
      const releaseN = R * ((prefix[hi] as bigint) - (prefix[highStart] as bigint)) - BigInt(nHigh) * (C as bigint) * NU;
      fixLows = needN >= releaseN;
    }
    if (fixLows) {
      for (let t = lo; t < lowEnd; t++) state[order[t] as number] = 1;
      R -= BigInt(nLow) * (F as bigint);
      lo = lowEnd;
    } else {
      for (let t = highStart; t < hi; t++) state[order[t] as number] = 2;
      R -= BigInt(nHigh) * (C as bigint);
      hi = highStart;
    }
  }
}
