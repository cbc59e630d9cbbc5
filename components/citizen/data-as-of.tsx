import type { Messages } from '@/lib/i18n/zh';

/** 数据截至: the latest date of the published data a page sums, so a reader knows how fresh it is. */
export function DataAsOf({ date, m }: { date: string | null; m: Messages }) {
  return (
    <p className="as-of" data-testid="data-as-of">
      {date === null ? m.citizen.dataAsOfNone : m.citizen.dataAsOf.replace('{date}', date)}
    </p>
  );
}
