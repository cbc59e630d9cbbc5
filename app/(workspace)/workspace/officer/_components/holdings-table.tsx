import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { localText } from '@/components/ui/local-name';
import type { HoldingDto } from '@/lib/dal/ledger/holdings';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export function HoldingsTable({ rows, m, locale }: { rows: HoldingDto[]; m: Messages; locale: Locale }) {
  return (
    <DataTable
      testId="holdings"
      empty={m.workspace.none}
      columns={[
        { id: 'programme', header: m.workspace.programme },
        { id: 'received', header: m.workspace.received, numeric: true },
        { id: 'passedOn', header: m.workspace.passedOn, numeric: true },
        { id: 'held', header: m.workspace.held, numeric: true },
      ]}
      rows={rows.map((r) => ({
        _key: r.programmeCode,
        programme: { ...localText(r.programmeName, r.programmeNameEn, locale), badge: r.isDemo ? m.app.demoBadge : undefined },
        received: moneyCell(r.receivedFen, locale),
        passedOn: moneyCell(r.passedOnFen, locale),
        held: moneyCell(r.balanceFen, locale),
      }))}
    />
  );
}
