import { Money } from '@/components/ui/money';
import type { LevelSums } from '@/lib/domain/level-sums';
import { FUND_LEVELS } from '@/lib/domain/vocabulary';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** Amounts by fund level (central / provincial / municipal / county), each as its own figure. */
export function LevelStrip({ sums, m, locale, testId }: { sums: LevelSums; m: Messages; locale: Locale; testId: string }) {
  return (
    <ul className="strip" data-testid={testId}>
      {FUND_LEVELS.map((l) => (
        <li key={l} data-level={l}>
          <div className="muted">{m.level[l]}</div>
          <div className="figure">
            <Money fen={sums[l]} locale={locale} />
          </div>
        </li>
      ))}
    </ul>
  );
}
