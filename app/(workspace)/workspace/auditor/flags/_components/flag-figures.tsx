import { Money } from '@/components/ui/money';
import type { FlagAmountKey } from '@/lib/dal/audit/flags';
import { translate, type Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** A flag's amounts (integer fen, shown by the one money component), days and payment count, one per line. */
export function FlagFigures({ amounts, days, count, m, locale }: { amounts: Partial<Record<FlagAmountKey, bigint>>; days: number | null; count: number | null; m: Messages; locale: Locale }) {
  const entries = Object.entries(amounts) as [FlagAmountKey, bigint][];
  return (
    <span className="flag-figures">
      {entries.map(([k, fen]) => (
        <span key={k} className="fen" data-amount={k}>
          {m.flags.amounts[k]}
          {m.app.colon}
          <Money fen={fen} locale={locale} />
        </span>
      ))}
      {days !== null && <span className="fen">{translate(locale, 'flags.days', { days })}</span>}
      {count !== null && <span className="fen">{translate(locale, 'flags.times', { count })}</span>}
    </span>
  );
}
