import { Money } from '@/components/ui/money';
import type { Locale } from '@/lib/i18n';

export interface Figure {
  key: string;
  label: string;
  fen: bigint;
  /** data-testid of the figure's amount. */
  testId?: string;
  /** data-* attributes of the figure, e.g. { level: 'central' }. */
  data?: Record<string, string>;
}

/** A row of headline amounts, each labelled; wraps to two columns on a phone. */
export function Figures({ figures, locale, testId }: { figures: Figure[]; locale: Locale; testId: string }) {
  return (
    <ul className="strip" data-testid={testId}>
      {figures.map((f) => (
        <li key={f.key} {...Object.fromEntries(Object.entries(f.data ?? {}).map(([k, v]) => [`data-${k}`, v]))}>
          <div className="muted">{f.label}</div>
          <div className="figure" data-testid={f.testId}>
            <Money fen={f.fen} locale={locale} />
          </div>
        </li>
      ))}
    </ul>
  );
}
