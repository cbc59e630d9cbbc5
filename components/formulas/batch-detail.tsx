import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { Money } from '@/components/ui/money';
import { formatExact } from '@/lib/domain/money';
import type { BatchDetailDto } from '@/lib/dal/formulas/batches';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { AdjustForm } from './adjust-form';
import { FactorGrid } from './factor-grid';
import { FactorsTable } from './factors-table';

const EDITABLE_STAGES = ['draft', 'factors_entered'];

/** The batch's formula, its factor values (editable by its officers while the stage allows) and the computed table. */
export function BatchDetail({ b, stage, revision, m, locale }: { b: BatchDetailDto; stage: string; revision: number; m: Messages; locale: Locale }) {
  const f = m.formula;
  const officer = b.mayEdit;
  const finalSum = b.results.reduce((sum, r) => sum + (r.adjustedFen ?? r.computedFen), 0n);
  const distributable = b.distributableFen;
  return (
    <section className="stack" data-testid="batch-detail">
      <p>
        {b.programmeName} · {f.total}
        {locale === 'zh' ? '：' : ': '}
        <strong>
          <Money fen={b.totalFen} locale={locale} />
        </strong>{' '}
        · {b.docNumber ?? '—'}
      </p>
      <h2>
        {f.version} {f.versionN.replace('{version}', String(b.version.version))}
      </h2>
      <p>{b.version.description}</p>
      <FactorsTable factors={b.factors} f={f} />
      <h2>{f.values}</h2>
      <FactorGrid batchId={b.id} revision={revision} editable={officer && EDITABLE_STAGES.includes(stage)} factors={b.factors} recipients={b.recipients} f={f} submitting={m.ledgerUi.submitting} />
      {b.results.length > 0 && (
        <>
          <h2>{f.computed}</h2>
          <p className="muted">
            {f.inputsHash}：<code data-testid="inputs-hash">{b.inputsHash}</code>
          </p>
          <p className={finalSum === distributable ? 'ok' : 'error'} data-testid="final-sum">
            {f.finalSum.replace('{final}', formatExact(finalSum, locale)).replace('{distributable}', formatExact(distributable, locale))}
          </p>
          <DataTable
            testId="batch-results"
            columns={[
              { id: 'recipient', header: f.recipient },
              { id: 'computed', header: f.computed, numeric: true },
              { id: 'final', header: f.final, numeric: true, testId: 'final' },
              { id: 'reason', header: f.adjustmentReasonLabel },
            ]}
            rows={b.results.map((r) => ({
              _key: r.code,
              _row: { data: { recipient: r.code } },
              recipient: r.name,
              computed: moneyCell(r.computedFen, locale),
              final: moneyCell(r.adjustedFen ?? r.computedFen, locale),
              reason: (
                <>
                  {r.adjustmentReason ?? ''}
                  {officer && stage === 'computed' && <AdjustForm batchId={b.id} revision={revision} recipient={r.ref} f={f} locale={locale} />}
                </>
              ),
            }))}
          />
        </>
      )}
    </section>
  );
}
