import Link from 'next/link';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable, type Row } from '@/components/table/data-table';
import { Official } from '@/components/ui/local-name';
import type { HopDto } from '@/lib/dal/public/flows';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { PartyName } from './party-name';

/**
 * Published movements of money, one per row, each with its 文号 and the publication it came from,
 * so that every figure of a citizen page can be checked against the allocation result that states it.
 */
export function HopsTable({ hops, m, locale, countyCodes, testId }: { hops: HopDto[]; m: Messages; locale: Locale; countyCodes: ReadonlySet<string>; testId: string }) {
  const h = m.citizen.hop;
  const rows: Row[] = hops.map((x) => ({
    _key: String(x.transferId),
    _row: { testId: 'hop', data: { transfer: String(x.transferId) } },
    date: x.date,
    kind: x.reversesTransferId ? `${m.ledger.kind.reversal} ← #${x.reversesTransferId}` : m.ledger.kind[x.kind],
    level: m.level[x.level],
    from: <PartyName party={x.from} locale={locale} countyCodes={countyCodes} />,
    to: <PartyName party={x.to} locale={locale} countyCodes={countyCodes} />,
    doc: <Official>{x.docNumber}</Official>,
    amount: moneyCell(x.amountFen, locale),
    publication: (
      <Link href={`/disclosure/publications/${x.publicationId}`} aria-label={`${h.publication} ${x.docNumber}`}>
        {h.view}
      </Link>
    ),
  }));
  return (
    <DataTable
      testId={testId}
      columns={[
        { id: 'date', header: h.date },
        { id: 'kind', header: h.kind },
        { id: 'level', header: h.level },
        { id: 'from', header: h.from },
        { id: 'to', header: h.to },
        { id: 'doc', header: h.docNumber },
        { id: 'amount', header: h.amount, numeric: true },
        { id: 'publication', header: h.publication },
      ]}
      rows={rows}
    />
  );
}
