import { formatCompact, formatYuan } from '@/lib/domain/money';
import type { Locale } from '@/lib/i18n';

/** Shows an amount at a human scale with the exact 元 beneath; never rounds the stored fen. */
export function Amount({ fen, locale }: { fen: bigint; locale: Locale }) {
  return (
    <>
      {formatCompact(fen, locale)}
      <span className="fen" title={`${fen.toString()} 分`}>
        {formatYuan(fen)} {locale === 'zh' ? '元' : 'yuan'}
      </span>
    </>
  );
}
