/** Yuan with exactly two decimals, from integer fen, by bigint arithmetic only: -1234n → "-12.34". */
export function yuanOf(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
