import { formatCompact, formatYuan } from '@/lib/domain/money';
import type { Locale } from '@/lib/i18n';
import type { Cell } from '@/components/table/data-table';

/** A money cell: human scale on top, exact 元 beneath. */
export function moneyCell(fen: bigint, locale: Locale): Cell {
  return { text: formatCompact(fen, locale), sub: `${formatYuan(fen)} ${locale === 'zh' ? '元' : 'yuan'}` };
}
