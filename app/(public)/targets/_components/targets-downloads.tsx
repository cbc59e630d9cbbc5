import type { Messages } from '@/lib/i18n/zh';

/** The page's data as CSV and JSON (/api/public/targets): plain links, so they work without JavaScript. */
export function TargetsDownloads({ m }: { m: Messages }) {
  const d = m.citizen.downloads;
  return (
    <p className="downloads" data-testid="download-targets">
      {d.label}{' '}
      <a href="/api/public/targets?format=csv" download="plan-targets.csv" data-format="csv">
        {d.csv}
      </a>
      {' · '}
      <a href="/api/public/targets?format=json" data-format="json">
        {d.json}
      </a>
    </p>
  );
}
