import { Money } from '@/components/ui/money';
import { DemoBadge } from '@/components/ui/demo-badge';
import type { HoldingDto } from '@/lib/dal/holdings';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export function HoldingsTable({ rows, m, locale }: { rows: HoldingDto[]; m: Messages; locale: Locale }) {
  if (rows.length === 0) return <p className="muted">{m.workspace.none}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="holdings">
        <thead>
          <tr>
            <th>{m.workspace.programme}</th>
            <th className="num">{m.workspace.received}</th>
            <th className="num">{m.workspace.passedOn}</th>
            <th className="num">{m.workspace.held}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.programmeCode}>
              <td>
                {r.programmeName}
                {r.isDemo && <DemoBadge label={m.app.demoBadge} />}
              </td>
              <td className="num"><Money fen={r.receivedFen} locale={locale} /></td>
              <td className="num"><Money fen={r.passedOnFen} locale={locale} /></td>
              <td className="num"><Money fen={r.balanceFen} locale={locale} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
