import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { AsTyped } from '@/components/ui/local-name';
import type { DriftLine } from '@/lib/dal/formulas/drift';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

const money = (v: bigint | null, locale: Locale) => (v === null ? null : moneyCell(v, locale));

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
        <DataTable
          columns={[
            { id: 'batch', header: m.workflow.code },
            { id: 'recipient', header: f.recipient },
            { id: 'kind', header: m.workflow.kind },
            { id: 'computed', header: f.computed, numeric: true },
            { id: 'recomputed', header: f.recompute, numeric: true },
            { id: 'final', header: f.final, numeric: true },
            { id: 'issued', header: m.ledger.kind.allocation, numeric: true },
            { id: 'reason', header: f.adjustmentReasonLabel },
          ]}
          rows={lines.map((l, i) => ({
            _key: String(i),
            _row: l.kind === 'adjustment' ? undefined : { className: 'idle' },
            batch: { text: l.batchCode, href: `/allocations/${l.batchId}` },
            recipient: l.recipient,
            kind: f.driftKinds[l.kind],
            computed: money(l.computedFen, locale),
            recomputed: money(l.recomputedFen, locale),
            final: money(l.finalFen, locale),
            issued: money(l.issuedFen, locale),
            reason: <AsTyped text={l.reason} />,
          }))}
        />
      )}
    </section>
  );
}
