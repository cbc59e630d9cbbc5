import Link from 'next/link';
import { DataTable } from '@/components/table/data-table';
import { LocalName } from '@/components/ui/local-name';
import { feedbackStats } from '@/lib/dal/public/feedback-stats';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** The moment as a person in China reads it: YYYY-MM-DD HH:mm (UTC+8). */
const chinaMinute = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export default async function FeedbackStatsPage({ searchParams }: { searchParams: Promise<{ year?: string | string[] }> }) {
  const { year: given } = await searchParams;
  const [{ m, locale }, all] = await Promise.all([getI18n(), feedbackStats()]);
  const t = m.feedbackStats;
  const years = [...new Set(all.map((r) => r.month.slice(0, 4)))];
  // An unknown or malformed year shows every year rather than an error: it is only a view of the table.
  const year = typeof given === 'string' && years.includes(given) ? given : null;
  const rows = year ? all.filter((r) => r.month.startsWith(`${year}-`)) : all;
  const query = year ? `?year=${year}` : '';
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.lead}</p>
      {years.length > 1 && (
        <p data-testid="feedback-stats-years">
          {year ? <Link href="/feedback/stats">{t.allYears}</Link> : <strong>{t.allYears}</strong>}
          {years.map((y) => (
            <span key={y}>
              {' · '}
              {y === year ? <strong>{t.year.replace('{year}', y)}</strong> : <Link href={`/feedback/stats?year=${y}`}>{t.year.replace('{year}', y)}</Link>}
            </span>
          ))}
        </p>
      )}
      <p className="downloads">
        <a href={`/api/public/feedback/stats${query}${query ? '&' : '?'}format=csv`}>{m.citizen.download}</a>
        {' · '}
        <a href={`/api/public/feedback/stats${query}`}>JSON</a>
      </p>
      {rows.length === 0 ? (
        <p className="muted" data-testid="feedback-stats-empty">
          {t.empty}
        </p>
      ) : (
        <DataTable
          testId="feedback-stats"
          columns={[
            { id: 'month', header: t.month },
            { id: 'organisation', header: t.organisation },
            { id: 'received', header: t.received, numeric: true },
            { id: 'answeredOnTime', header: t.answeredOnTime, numeric: true },
            { id: 'answeredLate', header: t.answeredLate, numeric: true },
            { id: 'overdue', header: t.overdue, numeric: true },
          ]}
          rows={rows.map((r) => ({
            _key: `${r.month}-${r.organisation.code}`,
            _row: { data: { month: r.month, org: r.organisation.code } },
            month: r.month,
            organisation: <LocalName zh={r.organisation.name} en={r.organisation.nameEn} locale={locale} />,
            received: r.received,
            answeredOnTime: r.answeredOnTime,
            answeredLate: r.answeredLate,
            overdue: r.overdue,
          }))}
        />
      )}
      <p className="muted">{t.asOf.replace('{at}', chinaMinute(new Date()))}</p>
    </>
  );
}
