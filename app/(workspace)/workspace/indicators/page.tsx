import { DataTable } from '@/components/table/data-table';
import { AsTyped } from '@/components/ui/local-name';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { listIndicatorWork } from '@/lib/dal/indicators/reports';
import { chinaToday } from '@/lib/domain/china-date';
import { getI18n } from '@/lib/i18n/server';
import { DecideForms, ReportForm } from './_components/indicator-forms';

export const dynamic = 'force-dynamic';

export default async function IndicatorsPage() {
  const ctx = await requirePage('indicator.read', '/workspace/indicators');
  const [{ m, locale }, work] = await Promise.all([getI18n(), listIndicatorWork(ctx)]);
  const t = m.indicators;
  const today = chinaToday();
  const lastYear = Math.min(2035, Number(today.slice(0, 4)) - 1);
  const target = (v: string | null, unit: string) => (v === null ? m.home.notStated : unit === '%' ? `${v}%` : `${v} ${unit}`);
  return (
    <>
      <WorkspaceHeader title={t.title} actor={ctx.actor} m={m} locale={locale} />
      <p className="lead">{t.intro}</p>
      {work.length === 0 && <p className="muted">{t.none}</p>}
      {work.map((i) => (
        <section key={i.id} className="card indicator" data-testid={`work-${i.code}`} aria-labelledby={`work-${i.code}-title`}>
          <h2 id={`work-${i.code}-title`}>
            {i.code} · {locale === 'en' ? i.nameEn : i.name}
          </h2>
          <p className="muted">
            {t.targets
              .replace('{t2025}', `${m.comparator[i.comparator as keyof typeof m.comparator]} ${target(i.target2025, i.unit)}`)
              .replace('{t2035}', `${m.comparator[i.comparator as keyof typeof m.comparator]} ${target(i.target2035, i.unit)}`)}
          </p>
          {i.mayReport && (
            <details open={i.submissions.length === 0}>
              <summary>{t.submit}</summary>
              <ReportForm indicatorId={i.id} unit={i.unit} t={t} defaultYear={lastYear} today={today} />
            </details>
          )}
          <h3>{t.history}</h3>
          <DataTable
            testId={`submissions-${i.code}`}
            label={`${i.code} ${t.history}`}
            empty={m.workspace.none}
            columns={[
              { id: 'year', header: t.year },
              { id: 'value', header: `${t.value} (${i.unit})`, numeric: true },
              { id: 'source', header: t.source },
              { id: 'measuredOn', header: t.measuredOn },
              { id: 'status', header: t.statusHeader },
              { id: 'by', header: t.submittedBy },
              { id: 'note', header: t.noteHeader },
              { id: 'decide', header: t.reviewHeader },
            ]}
            rows={i.submissions.map((s) => ({
              _key: String(s.id),
              _row: { testId: `submission-${s.id}` },
              year: s.year,
              value: s.value,
              source: <AsTyped text={s.source} />,
              measuredOn: s.measuredOn,
              status: <span data-status={s.status}>{t.status[s.status]}</span>,
              by: <AsTyped text={s.submittedBy} />,
              note: <AsTyped text={s.returnReason ?? s.changeReason} />,
              decide: s.mayDecide ? <DecideForms submissionId={s.id} t={t} /> : null,
            }))}
          />
        </section>
      ))}
    </>
  );
}
