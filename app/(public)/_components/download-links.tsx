import type { OverviewTableName } from '@/lib/api/overview-tables';
import type { Messages } from '@/lib/i18n/zh';

/** The CSV and JSON of one of the home page's tables: plain links, so they work without JavaScript. */
export function DownloadLinks({ table, m }: { table: OverviewTableName; m: Messages }) {
  const d = m.citizen.downloads;
  const href = (format: 'csv' | 'json') => `/api/public/overview?table=${table}&format=${format}`;
  return (
    <p className="downloads" data-testid={`download-${table}`}>
      {d.label}{' '}
      <a href={href('csv')} download={`overview-${table}.csv`} data-format="csv">
        {d.csv}
      </a>
      {' · '}
      <a href={href('json')} data-format="json">
        {d.json}
      </a>
    </p>
  );
}
