import Link from 'next/link';
import type { DriftLine } from '@/lib/dal/formulas/drift';
import { Money } from '@/components/ui/money';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

const money = (v: bigint | null, locale: Locale) => (v === null ? '—' : <Money fen={v} locale={locale} />);

/** Every difference between a batch's formula, its final amounts and what was issued. */
export function DriftTable({ batches, lines, m, locale }: { batches: number; lines: DriftLine[]; m: Messages; locale: Locale }) {
  const f = m.formula;
  return (
    <section data-testid="drift">
      <h2>{f.drift}</h2>
      <p className="muted">
        {f.driftIntro} ({batches})
      </p>
      {lines.length === 0 ? (
        <p className="ok">{f.driftNone}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{m.workflow.code}</th>
                <th>{f.recipient}</th>
                <th>{m.workflow.kind}</th>
                <th>{f.computed}</th>
                <th>{f.recompute}</th>
                <th>{f.final}</th>
                <th>{m.ledger.kind.allocation}</th>
                <th>{f.adjustmentReasonLabel}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i} className={l.kind === 'adjustment' ? undefined : 'idle'}>
                  <td>
                    <Link href={`/allocations/${l.batchId}`}>{l.batchCode}</Link>
                  </td>
                  <td>{l.recipient}</td>
                  <td>{f.driftKinds[l.kind]}</td>
                  <td className="num">{money(l.computedFen, locale)}</td>
                  <td className="num">{money(l.recomputedFen, locale)}</td>
                  <td className="num">{money(l.finalFen, locale)}</td>
                  <td className="num">{money(l.issuedFen, locale)}</td>
                  <td>{l.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
