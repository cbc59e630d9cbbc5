import Link from 'next/link';
import { DemoBadge } from '@/components/ui/demo-badge';
import { getWithheldFundTotals } from '@/lib/dal/public/disclosure';
import { getMoneyOverview } from '@/lib/dal/public/money-overview';
import { getChainSankey } from '@/lib/dal/public/sankey';
import { MoneyOverview } from './_components/money-overview';
import { CITY_AREA_KM2, getPlanOverview, getPublishedFundSummary } from '@/lib/dal/public/plan';
import { getI18n } from '@/lib/i18n/server';
import { percentOf, toScaled } from '@/lib/domain/decimal';
import { DataTable } from '@/components/table/data-table';
import { moneyCell } from '@/components/ledger/money-cell';

export const dynamic = 'force-dynamic';


const shareOfCity = (area: string) => percentOf(toScaled(area, 2), toScaled(CITY_AREA_KM2, 2));

export default async function HomePage() {
  const [{ locale, m, t }, plan, funds, withheld, money, sankey] = await Promise.all([
    getI18n(),
    getPlanOverview(),
    getPublishedFundSummary(),
    getWithheldFundTotals(),
    getMoneyOverview(),
    getChainSankey(),
  ]);
  const en = locale === 'en';
  const notStated = <span className="muted">{m.home.notStated}</span>;
  const amountWithheld = <span className="muted">{m.disclosure.amountWithheld}</span>;
  return (
    <>
      <h1>{m.home.planTitle}</h1>
      <p className="lead">{t('home.planSummary', { area: CITY_AREA_KM2 })}</p>
      <p>
        <Link href="/projects">{m.citizen.projects.title}</Link>
      </p>

      <MoneyOverview money={money} sankey={sankey} m={m} locale={locale} />
      <p className="downloads" data-testid="data-dictionary-link">
        <Link href="/data">{m.data.downloadsLink}</Link>
      </p>

      <h2>{m.home.zonesTitle}</h2>
      <ul className="cards" data-testid="zones">
        {plan.zones.map((z) => (
          <li key={z.code} className="card" data-testid="zone">
            <h3>{en ? z.nameEn : z.name}</h3>
            <div className="figure">{z.areaKm2} km²</div>
            <div className="muted">
              {m.home.zoneShare} {shareOfCity(String(z.areaKm2))}
            </div>
            <ul>
              {plan.keyAreas
                .filter((k) => k.zoneCode === z.code)
                .map((k) => (
                  <li key={k.code}>{en ? k.nameEn : k.name}</li>
                ))}
            </ul>
          </li>
        ))}
      </ul>

      <h2>{m.home.groupsTitle}</h2>
      <ul className="cards">
        {plan.groups.map((g) => (
          <li key={g.code} className="card">
            <h3>{en ? g.nameEn : g.name}</h3>
            <div className="muted">{t('home.projectsCount', { count: g.projects })}</div>
          </li>
        ))}
      </ul>

      <h2>{m.home.indicatorsTitle}</h2>
      <p>
        <Link href="/targets" data-testid="targets-link">
          {m.targets.homeLink}
        </Link>
      </p>
      <DataTable
        testId="indicators"
        columns={[
          { id: 'indicator', header: m.home.indicator },
          { id: 'baseline', header: m.home.baseline, numeric: true },
          { id: 'target2025', header: m.home.target2025, numeric: true },
          { id: 'target2035', header: m.home.target2035, numeric: true },
        ]}
        rows={plan.indicators.map((i) => {
          const unit = (v: string) => `${v}${i.unit === '%' ? '%' : ` ${i.unit}`}`;
          const target = (v: string | null) => (v === null ? notStated : `${m.comparator[i.comparator]} ${unit(v)}`);
          return {
            _key: i.code,
            indicator: en ? i.nameEn : i.name,
            baseline: i.baseline2020 === null ? notStated : unit(String(i.baseline2020)),
            target2025: target(i.target2025),
            target2035: target(i.target2035),
          };
        })}
      />

      {funds.length > 0 && (
        <>
          <h2>
            {m.home.fundsTitle}
            {funds.some((f) => f.demo) && <DemoBadge label={m.app.demoBadge} />}
          </h2>
          {funds.some((f) => f.demo) && <p className="notice">{m.app.demoNotice}</p>}
          <DataTable
            testId="fund-summary"
            columns={[
              { id: 'level', header: m.home.fundsLevel },
              { id: 'programmes', header: m.home.fundsCount, numeric: true },
              { id: 'total', header: m.home.fundsTotal, numeric: true },
            ]}
            rows={[
              ...funds.map((f) => ({
                _key: f.level,
                level: m.level[f.level as keyof typeof m.level] ?? f.level,
                programmes: f.programmes,
                total: f.totalFen === null ? amountWithheld : moneyCell(f.totalFen, locale),
              })),
              ...withheld.map((w) => ({
                _key: `withheld-${w.basisCode}`,
                _row: { testId: 'withheld-total' },
                level: t('disclosure.withheldLine', { basis: en ? w.basisNameEn : w.basisName }),
                programmes: w.programmes,
                total: w.totalFen === null ? amountWithheld : moneyCell(w.totalFen, locale),
              })),
            ]}
          />
        </>
      )}
      <p className="muted">{m.home.sourceNote}</p>
    </>
  );
}
