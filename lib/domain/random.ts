/** Deterministic PRNG (mulberry32): the same seed gives the same demo figures on every machine. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** Integer in [min, max], as bigint, built from integer draws only. */
    bigintBetween(min: bigint, max: bigint): bigint {
      const span = max - min + 1n;
      const draw = (BigInt(Math.floor(next() * 2 ** 26)) << 26n) | BigInt(Math.floor(next() * 2 ** 26));
      return min + (draw % span);
    },
    intBetween(min: number, max: number): number {
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
  };
}
