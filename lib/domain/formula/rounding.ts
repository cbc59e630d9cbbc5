/** Largest-remainder rounding to the fen: equal remainders to the lower recipient code first. */

/**
 * Amounts in fen: the floor or the cap for a clamped recipient; for a free one ⌊R · num_i / NU⌋,
 * plus one fen for the leftover fen's worth of largest remainders.
 */
export function roundLargestRemainder(
  num: bigint[],
  state: Uint8Array,
  R: bigint,
  NU: bigint,
  floor: bigint | null,
  cap: bigint | null,
  codes: string[],
): bigint[] {
  const amounts: bigint[] = new Array<bigint>(num.length);
  const rems: bigint[] = new Array<bigint>(num.length);
  const free: number[] = [];
  const assigned = floorQuotas(num, state, R, NU, floor, cap, amounts, rems, free);
  const leftover = Number(R - assigned);
  if (leftover > 0) {
    // The leftover fen go to the first `leftover` free recipients in the order: larger remainder
    // first, then lower code. Codes are unique, so the order is total and the chosen set does not
    // depend on the input order.
    const before = (x: number, y: number): boolean => {
      const rx = rems[x] as bigint;
      const ry = rems[y] as bigint;
      return rx !== ry ? rx > ry : (codes[x] as string) < (codes[y] as string);
    };
    selectFirst(free, leftover, before);
    for (let t = 0; t < leftover; t++) {
      const i = free[t] as number;
      amounts[i] = (amounts[i] as bigint) + 1n;
    }
  }
  return amounts;
}

/**
 * Fills amounts (floor, cap, or ⌊R · num_i / NU⌋) and for the free recipients their remainders
 * and indexes; returns what the free recipients got.
 */
function floorQuotas(
  num: bigint[],
  state: Uint8Array,
  R: bigint,
  NU: bigint,
  floor: bigint | null,
  cap: bigint | null,
  amounts: bigint[],
  rems: bigint[],
  free: number[],
): bigint {
  let assigned = 0n;
  for (let i = 0; i < num.length; i++) {
    const st = state[i];
    if (st === 1) amounts[i] = floor as bigint;
    else if (st === 2) amounts[i] = cap as bigint;
    else {
      const q = R * (num[i] as bigint);
      const fl = q / NU;
      amounts[i] = fl;
      rems[i] = q - fl * NU;
      assigned += fl;
      free.push(i);
    }
  }
  return assigned;
}

/**
 * Rearranges a so that a[0..k) are the k first elements of a under the strict total order
 * `before` (in no particular order among themselves): quickselect with a median-of-three pivot,
 * falling back to a full sort if the partitions degenerate.
 */
function selectFirst(a: number[], k: number, before: (x: number, y: number) => boolean): void {
  const target = k - 1;
  let lo = 0;
  let hi = a.length - 1;
  let rounds = 0;
  while (lo < hi) {
    if (++rounds > 64) {
      const part = a.slice(lo, hi + 1).sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
      for (let t = 0; t < part.length; t++) a[lo + t] = part[t] as number;
      return;
    }
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = before(x, y) ? (before(y, z) ? y : before(x, z) ? z : x) : before(x, z) ? x : before(y, z) ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(a[i] as number, pivot)) i++;
      while (before(pivot, a[j] as number)) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}
