import { Money } from '@/components/ui/money';
import { getWithheldAggregateMinItems, getWithheldFundTotals, getWithholdingRegister } from '@/lib/dal/public/disclosure';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function WithheldRegisterPage() {
  const [{ m, t, locale }, lines, totals, k] = await Promise.all([getI18n(), getWithholdingRegister(), getWithheldFundTotals(), getWithheldAggregateMinItems()]);
  const d = m.disclosure;
  return (
    <>
      <h1>{d.registerTitle}</h1>
      <p className="lead">{d.registerLead}</p>
      <h2>{d.aggregateRuleTitle}</h2>
      <p data-testid="aggregate-rule">{t('disclosure.aggregateRule', { k })}</p>
      {lines.length === 0 ? (
        <p className="muted">{d.registerEmpty}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="withholding-register">
            <thead>
              <tr>
                <th>{d.subject}</th>
                <th>{d.basis}</th>
                <th>{d.items}</th>
                <th>{d.since}</th>
                <th>{d.until}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={`${l.itemType}-${l.basisCode}-${l.since}-${l.until}`}>
                  <td>{d.itemType[l.itemType as keyof typeof d.itemType] ?? l.itemType}</td>
                  <td>{locale === 'en' ? l.basisNameEn : l.basisName}</td>
                  <td>{l.items}</td>
                  <td>{l.since}</td>
                  <td>{l.until}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {totals.length > 0 && (
        <>
          <h2>{d.withheldTotals}</h2>
          <ul data-testid="withheld-totals">
            {totals.map((t) => (
              <li key={t.basisCode}>
                {d.withheldLine.replace('{basis}', locale === 'en' ? t.basisNameEn : t.basisName)}
                {locale === 'zh' ? '：' : ': '}
                {t.programmes} · {t.totalFen === null ? <span className="muted">{d.amountWithheld}</span> : <Money fen={t.totalFen} locale={locale} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
