import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable, type Row } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { matchingReport } from '@/lib/dal/ledger/matching';
import { fromScaled } from '@/lib/domain/decimal';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function MatchingPage() {
  const ctx = await requirePage('programme.read', '/workspace/matching');
  const [{ m, locale }, rows] = await Promise.all([getI18n(), matchingReport(ctx)]);
  const u = m.ledgerUi;
  const data: Row[] = rows.map((r, i) => ({
    _key: String(i),
    upper: (
      <>
        {r.upperProgrammeCode} <LocalName zh={r.upperProgrammeName} en={r.upperProgrammeNameEn} locale={locale} />
        {r.isDemo && <DemoBadge label={m.app.demoBadge} />}
      </>
    ),
    organisation: <LocalName zh={r.organisation} en={r.organisationEn} locale={locale} />,
    share: `${fromScaled(BigInt(r.shareBp), 2)}%`,
    received: moneyCell(r.receivedFen, locale),
    required: moneyCell(r.requiredFen, locale),
    actual: moneyCell(r.actualFen, locale),
    status:
      r.shortfallFen > 0n ? (
        <span data-testid="shortfall">
          {u.shortfall}
          <span className="fen">
            <Money fen={r.shortfallFen} locale={locale} />
          </span>
        </span>
      ) : (
        u.ok
      ),
  }));
  return (
    <>
      <h1>{u.matchingTitle}</h1>
      <DataTable
        testId="matching"
        rows={data}
        columns={[
          { id: 'upper', header: u.upper },
          { id: 'organisation', header: u.organisation },
          { id: 'share', header: u.matchingPercent, numeric: true },
          { id: 'received', header: u.receivedUpper, numeric: true },
          { id: 'required', header: u.required, numeric: true },
          { id: 'actual', header: u.actual, numeric: true },
          { id: 'status', header: '' },
        ]}
      />
    </>
  );
}
