import { Money } from '@/components/ui/money';
import { DemoBadge } from '@/components/ui/demo-badge';
import type { TransferListDto } from '@/lib/dal/transfer-list';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export function TransfersList({ rows, m, locale }: { rows: TransferListDto[]; m: Messages; locale: Locale }) {
  if (rows.length === 0) return <p className="muted">{m.workspace.none}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="transfers">
        <thead>
          <tr>
            <th>{m.workspace.date}</th>
            <th>{m.workspace.programme}</th>
            <th>{m.workspace.from}</th>
            <th>{m.workspace.to}</th>
            <th className="num">{m.workspace.amount}</th>
            <th>{m.workspace.docNumber}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.date}</td>
              <td>
                {r.programmeCode}
                {r.isDemo && <DemoBadge label={m.app.demoBadge} />}
              </td>
              <td>{r.fromName ?? '—'}</td>
              <td>{r.toName}</td>
              <td className="num"><Money fen={r.amountFen} locale={locale} /></td>
              <td>{r.docNumber ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
