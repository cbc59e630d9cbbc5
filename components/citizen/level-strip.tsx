import type { LevelSums } from '@/lib/domain/level-sums';
import { FUND_LEVELS } from '@/lib/domain/vocabulary';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { Figures } from './figures';

/** Amounts by fund level (central / provincial / municipal / county), each as its own figure. */
export function LevelStrip({ sums, m, locale, testId }: { sums: LevelSums; m: Messages; locale: Locale; testId: string }) {
  return <Figures testId={testId} locale={locale} figures={FUND_LEVELS.map((l) => ({ key: l, label: m.level[l], fen: sums[l], data: { level: l } }))} />;
}
