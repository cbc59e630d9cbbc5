import { Money } from '@/components/ui/money';
import { getWithheldAggregateMinItems, getWithheldFundTotals, getWithholdingRegister } from '@/lib/dal/public/disclosure';
import { getI18n } from '@/lib/i18n/server';
import { DataTable } from '@/components/table/data-table';

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
        <DataTable
          testId="withholding-register"
          columns={[
            { id: 'subject', header: d.subject },
            { id: 'basis', header: d.basis },
            { id: 'items', header: d.items },
            { id: 'since', header: d.since },
            { id: 'until', header: d.until },
          ]}
          rows={lines.map((l) => ({
            _key: `${l.itemType}-${l.basisCode}-${l.since}-${l.until}`,
            subject: d.itemType[l.itemType as keyof typeof d.itemType] ?? l.itemType,
            basis: locale === 'en' ? l.basisNameEn : l.basisName,
            items: l.items,
            since: l.since,
            until: l.until,
          }))}
        />
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
