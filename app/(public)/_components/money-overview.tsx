import Link from 'next/link';
import { DataAsOf } from '@/components/citizen/data-as-of';
import { Figures } from '@/components/citizen/figures';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName } from '@/components/ui/local-name';
import { totalOf } from '@/lib/domain/level-sums';
import { HOME_STAGES, type OverviewTableName } from '@/lib/api/overview-tables';
import type { MoneyOverviewDto, NamedSum } from '@/lib/dal/public/money-overview';
import type { ChainSankeyDto } from '@/lib/dal/public/sankey';
import { FUND_LEVELS } from '@/lib/domain/vocabulary';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { ChainSankey } from './chain-sankey';
import { DownloadLinks } from './download-links';

const SHOWN_STAGES = HOME_STAGES;

/** 资金到了哪里: what reached the city, its counties, projects and contractors, each figure linked to the list behind it. */
export function MoneyOverview({ money, sankey, m, locale }: { money: MoneyOverviewDto; sankey: ChainSankeyDto; m: Messages; locale: Locale }) {
  const c = m.citizen;
  const stageColumns: ColumnSpec[] = SHOWN_STAGES.map((s) => ({ id: s, header: c.stage[s], numeric: true }));
  const byLevel: Row[] = [
    ...FUND_LEVELS.map(
      (l): Row => ({
        _key: l,
        _row: { data: { level: l } },
        level: { text: m.level[l], href: `/projects?level=${l}` },
        ...Object.fromEntries(SHOWN_STAGES.map((s) => [s, moneyCell(money.byStage[s][l], locale)])),
      }),
    ),
    {
      _key: 'total',
      _row: { className: 'total-row', data: { level: 'total' } },
      level: c.total,
      ...Object.fromEntries(SHOWN_STAGES.map((s) => [s, moneyCell(totalOf(money.byStage[s]), locale)])),
    },
  ];
  const grouped = (title: string, testId: string, rows: NamedSum[], param: string, table: OverviewTableName) =>
    rows.length > 0 && (
      <section>
        <h3>{title}</h3>
        <DataTable
          testId={testId}
          columns={[
            { id: 'name', header: c.name },
            { id: 'amount', header: c.stage.project, numeric: true },
          ]}
          rows={rows.map((r) => ({
            _key: r.code,
            name: (
              <Link href={`/projects?${param}=${encodeURIComponent(r.code)}`}>
                <LocalName zh={r.name} en={r.nameEn} locale={locale} />
              </Link>
            ),
            amount: moneyCell(r.fen, locale),
          }))}
        />
        <DownloadLinks table={table} m={m} />
      </section>
    );
  return (
    <section aria-labelledby="money-title" data-testid="money-overview">
      <h2 id="money-title">
        {c.money.title}
        {money.demo && <DemoBadge label={m.app.demoBadge} />}
      </h2>
      <DataAsOf date={money.dataAsOf} m={m} />
      <p className="lead">{c.money.lead}</p>
      {money.demo && <p className="notice">{m.app.demoNotice}</p>}
      <Figures testId="money-stages" locale={locale} figures={SHOWN_STAGES.map((s) => ({ key: s, label: c.stage[s], fen: totalOf(money.byStage[s]), data: { stage: s } }))} />
      <DownloadLinks table="stages" m={m} />
      <ChainSankey sankey={sankey} m={m} locale={locale} />
      <DataTable testId="money-by-level" columns={[{ id: 'level', header: c.level }, ...stageColumns]} rows={byLevel} />
      <DownloadLinks table="by-level" m={m} />
      <p className="muted">{c.money.municipalNote}</p>

      <h3>{c.money.byCounty}</h3>
      <DataTable
        testId="money-by-county"
        columns={[
          { id: 'name', header: c.money.county },
          ...FUND_LEVELS.map((l): ColumnSpec => ({ id: l, header: m.level[l], numeric: true })),
          { id: 'total', header: c.money.receivedFromAbove, numeric: true },
          { id: 'projects', header: c.money.toProjects, numeric: true },
        ]}
        rows={money.counties.map(
          (x): Row => ({
            _key: x.code,
            _row: { testId: 'county-row', data: { county: x.code } },
            name: (
              <Link href={`/counties/${x.code}`}>
                <LocalName zh={x.name} en={x.nameEn} locale={locale} />
              </Link>
            ),
            ...Object.fromEntries(FUND_LEVELS.map((l) => [l, moneyCell(x.byLevel[l], locale)])),
            total: moneyCell(x.fen, locale),
            projects: moneyCell(x.toProjectsFen, locale),
          }),
        )}
      />
      <DownloadLinks table="by-county" m={m} />

      <h3>{c.money.byYear}</h3>
      <DataTable
        testId="money-by-year"
        columns={[{ id: 'year', header: c.year }, ...stageColumns]}
        rows={money.years.map(
          (y): Row => ({
            _key: y.year,
            year: { text: y.year, href: `/projects?year=${y.year}` },
            ...Object.fromEntries(SHOWN_STAGES.map((s) => [s, moneyCell(y.byStage[s], locale)])),
          }),
        )}
      />
      <DownloadLinks table="by-year" m={m} />
      {grouped(c.money.byZone, 'money-by-zone', money.byZone, 'zone', 'by-zone')}
      {grouped(c.money.byGroup, 'money-by-group', money.byGroup, 'group', 'by-group')}
      {grouped(c.money.byType, 'money-by-type', money.byType, 'type', 'by-type')}
      {grouped(c.money.byKeyArea, 'money-by-key-area', money.byKeyArea, 'keyArea', 'by-key-area')}
    </section>
  );
}
