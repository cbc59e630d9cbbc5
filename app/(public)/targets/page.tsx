import Link from 'next/link';
import { DataAsOf } from '@/components/citizen/data-as-of';
import { DataTable } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { AsTyped, LocalName, Official } from '@/components/ui/local-name';
import { getPlanTargets, type PlanTargetDto } from '@/lib/dal/public/targets';
import type { TrackStatus } from '@/lib/domain/plan-indicators';
import type { Locale } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import type { Messages } from '@/lib/i18n/zh';
import { TargetsDownloads } from './_components/targets-downloads';
import { TrendChart } from './_components/trend-chart';

export const dynamic = 'force-dynamic';

const withUnit = (v: string, unit: string) => (unit === '%' ? `${v}%` : `${v} ${unit}`);

function StatusBadge({ status, m }: { status: TrackStatus; m: Messages }) {
  return (
    <span className={`track track-${status}`} data-status={status}>
      {m.targets.statusName[status]}
    </span>
  );
}

function target(i: PlanTargetDto, v: string | null, m: Messages) {
  return v === null ? m.home.notStated : `${m.comparator[i.comparator]} ${withUnit(v, i.unit)}`;
}

function IndicatorSection({ i, m, locale }: { i: PlanTargetDto; m: Messages; locale: Locale }) {
  const t = m.targets;
  const name = locale === 'en' ? i.nameEn : i.name;
  const latest = i.tracking.latest;
  const types = i.projectTypes.map((p) => (locale === 'en' ? p.nameEn : p.name)).join(locale === 'en' ? ', ' : '、');
  return (
    <section className="card indicator" id={i.code} aria-labelledby={`${i.code}-title`} data-testid={`indicator-${i.code}`}>
      <h2 id={`${i.code}-title`}>{name}</h2>
      <dl className="facts">
        <dt>{m.home.target2025}</dt>
        <dd>{target(i, i.target2025, m)}</dd>
        <dt>{m.home.target2035}</dt>
        <dd>{target(i, i.target2035, m)}</dd>
        <dt>{t.latest}</dt>
        <dd data-testid="latest">{latest ? `${withUnit(latest.value, i.unit)} (${latest.year})` : '—'}</dd>
        <dt>{t.status}</dt>
        <dd>
          <StatusBadge status={i.tracking.status} m={m} />
          {i.tracking.expected !== null && i.tracking.status !== 'reached' && <span className="muted"> · {t.expected.replace('{value}', withUnit(i.tracking.expected, i.unit))}</span>}
        </dd>
        {i.responsibleOrg && (
          <>
            <dt>{t.responsible}</dt>
            <dd>
              <LocalName zh={i.responsibleOrg.name} en={i.responsibleOrg.nameEn} locale={locale} />
            </dd>
          </>
        )}
      </dl>
      {i.reports.length === 0 ? (
        <p className="muted">{t.noReports}</p>
      ) : (
        <>
          <TrendChart indicator={i} label={t.chart.replace('{name}', name)} />
          <details>
            <summary>{t.tableSummary}</summary>
            <DataTable
              testId={`reports-${i.code}`}
              label={`${name}: ${t.tableSummary}`}
              columns={[
                { id: 'year', header: t.year },
                { id: 'value', header: `${t.value} (${i.unit})`, numeric: true },
                { id: 'source', header: t.source },
                { id: 'method', header: t.method },
                { id: 'measuredOn', header: t.measuredOn },
                { id: 'version', header: t.version },
              ]}
              rows={i.reports.map((r) => ({
                _key: String(r.year),
                year: r.year,
                value: r.value,
                source: <AsTyped text={r.source} />,
                method: <AsTyped text={r.method} />,
                measuredOn: r.measuredOn,
                version: (
                  <>
                    <Link href={`/disclosure/publications/${r.publicationId}`}>v{r.version}</Link>
                    {r.isDemo && <DemoBadge label={m.app.demoBadge} />}
                    {r.changeReason && (
                      <span className="muted">
                        {' '}
                        {t.corrected.replace('{version}', String(r.version)).replace('{reason}', '')}
                        <AsTyped text={r.changeReason} />
                      </span>
                    )}
                  </>
                ),
              }))}
            />
          </details>
        </>
      )}
      <h3>{t.projectsTitle}</h3>
      {types && <p className="muted">{t.projectsNote.replace('{types}', types)}</p>}
      {i.projects.length === 0 ? (
        <p className="muted">{t.noProjects}</p>
      ) : (
        <ul className="related-projects" data-testid={`projects-${i.code}`}>
          {i.projects.map((p) => (
            <li key={p.code}>
              <Link href={`/projects/${encodeURIComponent(p.code)}`}>
                {p.code} <Official>{p.name}</Official>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {i.projectCount > i.projects.length && i.projectTypes.length === 1 && (
        <p>
          <Link href={`/projects?type=${i.projectTypes[0]!.code}`}>{t.moreProjects.replace('{count}', String(i.projectCount))}</Link>
        </p>
      )}
    </section>
  );
}

export default async function TargetsPage() {
  const [{ m, locale }, data] = await Promise.all([getI18n(), getPlanTargets()]);
  const t = m.targets;
  return (
    <>
      <h1>
        {t.title}
        {data.includesDemo && <DemoBadge label={m.app.demoBadge} />}
      </h1>
      <p className="lead">{t.intro}</p>
      {data.includesDemo && <p className="notice">{m.app.demoNotice}</p>}
      <DataAsOf date={data.dataAsOf} m={m} />
      <section aria-labelledby="rule-title" data-testid="targets-rule">
        <h2 id="rule-title">{t.ruleTitle}</h2>
        <p>{t.rule}</p>
      </section>
      <DataTable
        testId="targets-summary"
        label={t.title}
        columns={[
          { id: 'indicator', header: t.indicator },
          { id: 'latest', header: t.latest, numeric: true },
          { id: 'target2025', header: m.home.target2025 },
          { id: 'target2035', header: m.home.target2035 },
          { id: 'status', header: t.status },
        ]}
        rows={data.indicators.map((i) => ({
          _key: i.code,
          indicator: { text: locale === 'en' ? i.nameEn : i.name, href: `#${i.code}` },
          latest: i.tracking.latest ? `${withUnit(i.tracking.latest.value, i.unit)} (${i.tracking.latest.year})` : '—',
          target2025: target(i, i.target2025, m),
          target2035: target(i, i.target2035, m),
          status: <StatusBadge status={i.tracking.status} m={m} />,
        }))}
      />
      <TargetsDownloads m={m} />
      {data.indicators.map((i) => (
        <IndicatorSection key={i.code} i={i} m={m} locale={locale} />
      ))}
    </>
  );
}
