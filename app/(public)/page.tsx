import { Money } from '@/components/ui/money';
import { DemoBadge } from '@/components/ui/demo-badge';
import { getWithheldFundTotals } from '@/lib/dal/public/disclosure';
import { CITY_AREA_KM2, getPlanOverview, getPublishedFundSummary } from '@/lib/dal/public/plan';
import { getI18n } from '@/lib/i18n/server';
import { percentOf, toScaled } from '@/lib/domain/decimal';

export const dynamic = 'force-dynamic';


const shareOfCity = (area: string) => percentOf(toScaled(area, 2), toScaled(CITY_AREA_KM2, 2));

export default async function HomePage() {
  const [{ locale, m, t }, plan, funds, withheld] = await Promise.all([getI18n(), getPlanOverview(), getPublishedFundSummary(), getWithheldFundTotals()]);
  const en = locale === 'en';
  return (
    <>
      <h1>{m.home.planTitle}</h1>
      <p className="lead">{t('home.planSummary', { area: CITY_AREA_KM2 })}</p>

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
      <div className="table-wrap">
        <table data-testid="indicators">
          <thead>
            <tr>
              <th>{m.home.indicator}</th>
              <th className="num">{m.home.baseline}</th>
              <th className="num">{m.home.target2025}</th>
              <th className="num">{m.home.target2035}</th>
            </tr>
          </thead>
          <tbody>
            {plan.indicators.map((i) => {
              const cell = (v: string | null) => (v === null ? <span className="muted">{m.home.notStated}</span> : `${m.comparator[i.comparator]} ${v}${i.unit === '%' ? '%' : ` ${i.unit}`}`);
              return (
                <tr key={i.code}>
                  <td>{en ? i.nameEn : i.name}</td>
                  <td className="num">{i.baseline2020 === null ? <span className="muted">{m.home.notStated}</span> : `${i.baseline2020}${i.unit === '%' ? '%' : ` ${i.unit}`}`}</td>
                  <td className="num">{cell(i.target2025)}</td>
                  <td className="num">{cell(i.target2035)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {funds.length > 0 && (
        <>
          <h2>
            {m.home.fundsTitle}
            {funds.some((f) => f.demo) && <DemoBadge label={m.app.demoBadge} />}
          </h2>
          {funds.some((f) => f.demo) && <p className="notice">{m.app.demoNotice}</p>}
          <div className="table-wrap">
            <table data-testid="fund-summary">
              <thead>
                <tr>
                  <th>{m.home.fundsLevel}</th>
                  <th className="num">{m.home.fundsCount}</th>
                  <th className="num">{m.home.fundsTotal}</th>
                </tr>
              </thead>
              <tbody>
                {funds.map((f) => (
                  <tr key={f.level}>
                    <td>{m.level[f.level as keyof typeof m.level] ?? f.level}</td>
                    <td className="num">{f.programmes}</td>
                    <td className="num">
                      {f.totalFen === null ? <span className="muted">{m.disclosure.amountWithheld}</span> : <Money fen={f.totalFen} locale={locale} />}
                    </td>
                  </tr>
                ))}
                {withheld.map((w) => (
                  <tr key={`withheld-${w.basisCode}`} data-testid="withheld-total">
                    <td>{t('disclosure.withheldLine', { basis: en ? w.basisNameEn : w.basisName })}</td>
                    <td className="num">{w.programmes}</td>
                    <td className="num">
                      {w.totalFen === null ? <span className="muted">{m.disclosure.amountWithheld}</span> : <Money fen={w.totalFen} locale={locale} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="muted">{m.home.sourceNote}</p>
    </>
  );
}
