import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { LocalName, Official } from '@/components/ui/local-name';
import type { TransferListDto } from '@/lib/dal/ledger/transfer-list';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export function TransfersList({ rows, m, locale }: { rows: TransferListDto[]; m: Messages; locale: Locale }) {
  return (
    <DataTable
      testId="transfers"
      empty={m.workspace.none}
      columns={[
        { id: 'date', header: m.workspace.date },
        { id: 'programme', header: m.workspace.programme },
        { id: 'from', header: m.workspace.from },
        { id: 'to', header: m.workspace.to },
        { id: 'amount', header: m.workspace.amount, numeric: true },
        { id: 'docNumber', header: m.workspace.docNumber },
      ]}
      rows={rows.map((r) => ({
        _key: String(r.id),
        date: r.date,
        programme: { text: r.programmeCode, badge: r.isDemo ? m.app.demoBadge : undefined },
        from: r.fromName === null ? null : <LocalName zh={r.fromName} en={r.fromNameEn} locale={locale} />,
        to: <LocalName zh={r.toName} en={r.toNameEn} locale={locale} />,
        amount: moneyCell(r.amountFen, locale),
        docNumber: r.docNumber === null ? null : <Official>{r.docNumber}</Official>,
      }))}
    />
  );
}
