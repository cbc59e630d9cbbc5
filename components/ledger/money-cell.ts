import type { MoneyCell } from '@/components/table/data-table';
import type { Locale } from '@/lib/i18n';

/** The cell of an amount for server pages that build table rows: the table shows it with the one money component. */
export function moneyCell(fen: bigint, locale: Locale): MoneyCell {
  return { fen: fen.toString(), locale };
}
