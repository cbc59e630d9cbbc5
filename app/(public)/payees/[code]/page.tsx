import { notFound } from 'next/navigation';
import { PUBLIC_CODE } from '@/lib/api/publication-query';
import { Figures } from '@/components/citizen/figures';
import { DataAsOf } from '@/components/citizen/data-as-of';
import { HopsTable } from '@/components/citizen/hops-table';
import { PublicChain } from '@/components/citizen/public-chain';
import { LevelStrip } from '@/components/citizen/level-strip';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { getPublicChains } from '@/lib/dal/public/chain';
import { listCounties } from '@/lib/dal/public/counties';
import { getPayeeMoney } from '@/lib/dal/public/payees';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function PayeePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!PUBLIC_CODE.test(code)) notFound();
  const money = await getPayeeMoney(code);
  if (!money) notFound();
  const [{ m, locale, t }, counties, chains] = await Promise.all([getI18n(), listCounties(), getPublicChains({ payee: money.payee.code })]);
  const countyCodes = new Set(counties.map((c) => c.code));
  const y = m.citizen.payee;
  const name = locale === 'en' ? money.payee.nameEn : money.payee.name;
  return (
    <>
      <h1>
        {t('citizen.payee.title', { name })}
        {money.hops.some((h) => h.isDemo) && <DemoBadge label={m.app.demoBadge} />}
      </h1>
      <p className="lead">{y.lead}</p>
      <DataAsOf date={money.dataAsOf} m={m} />
      <Figures testId="payee-totals" locale={locale} figures={[{ key: 'received', label: y.received, fen: money.receivedFen, testId: 'payee-received' }]} />
      <LevelStrip sums={money.received} m={m} locale={locale} testId="payee-levels" />

      <h2>{y.byYear}</h2>
      <DataTable
        testId="payee-years"
        columns={[
          { id: 'year', header: m.citizen.year },
          { id: 'amount', header: y.received, numeric: true },
        ]}
        rows={money.years.map((x) => ({ _key: x.year, year: x.year, amount: moneyCell(x.fen, locale) }))}
      />

      <h2>{y.payments}</h2>
      <p className="downloads">
        <a href={`/api/public/transfers?party=${encodeURIComponent(money.payee.code)}&pageSize=1000&format=csv`} data-testid="download-csv">
          {m.citizen.download}
        </a>{' · '}
        <a href={`/api/public/transfers?party=${encodeURIComponent(money.payee.code)}&pageSize=1000`}>JSON</a>
      </p>
      <HopsTable hops={money.hops} m={m} locale={locale} countyCodes={countyCodes} testId="payee-hops" />

      <h2>{m.citizen.chain.title}</h2>
      <p className="muted">{m.citizen.chain.lead}</p>
      <PublicChain chains={chains} focus={money.payee.code} m={m} locale={locale} countyCodes={countyCodes} />
    </>
  );
}
