/**
 * OC4IDS writes an amount as a JSON number in currency units. The portal's amounts are integer fen
 * (bigint): the yuan figure is written as exact decimal text and only then read as a number, and
 * the number is accepted only if JavaScript prints it back as that same decimal, so the JSON carries
 * the exact amount (at most two decimals) or nothing at all: no arithmetic ever happens on a float.
 */

/** Integer fen as exact yuan text with two decimals: 123456 → "1234.56", -5 → "-0.05". */
export function yuanText(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** The decimal as JavaScript prints a number: no trailing fractional zeros, no "-0". */
function canonical(text: string): string {
  const trimmed = text.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * The amount in yuan as a number whose JSON text is exactly the fen amount's decimal; a figure a
 * double cannot carry exactly (beyond about 10^13 yuan) is refused rather than rounded.
 */
export function yuanNumber(fen: bigint): number {
  const text = yuanText(fen);
  const n = Number(text);
  if (String(n) !== canonical(text)) throw new RangeError(`${text} CNY cannot be written exactly as a JSON number`);
  return n;
}

/** An OC4IDS Value in Chinese yuan. */
export function cny(fen: bigint): { amount: number; currency: 'CNY' } {
  return { amount: yuanNumber(fen), currency: 'CNY' };
}
