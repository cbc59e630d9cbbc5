import type { Messages } from '@/lib/i18n/zh';

/** The CSV and JSON of a list as the public API gives it (`api` is its address with the page's filters). */
export function ListDownloads({ api, name, m, testId }: { api: string; name: string; m: Messages; testId: string }) {
  const d = m.citizen.downloads;
  const href = (format: 'csv' | 'json') => `${api}${api.includes('?') ? '&' : '?'}format=${format}`;
  return (
    <p className="downloads" data-testid={testId}>
      {d.label}{' '}
      <a href={href('csv')} download={`${name}.csv`} data-format="csv">
        {d.csv}
      </a>
      {' · '}
      <a href={href('json')} data-format="json">
        {d.json}
      </a>
    </p>
  );
}
