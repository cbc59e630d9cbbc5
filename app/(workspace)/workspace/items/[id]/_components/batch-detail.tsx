import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { AsTyped, LocalName, Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { Template } from '@/components/ui/template';
import type { BatchDetailDto } from '@/lib/dal/formulas/batches';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { AdjustForm } from './adjust-form';
import { FactorGrid } from './factor-grid';
import { FactorsTable } from '@/components/formulas/factors-table';

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
        <LocalName zh={b.programmeName} en={b.programmeNameEn} locale={locale} /> · {f.total}
        {m.app.colon}
        <strong>
          <Money fen={b.totalFen} locale={locale} />
        </strong>{' '}
        · {b.docNumber ? <Official>{b.docNumber}</Official> : '—'}
      </p>
      <h2>
        {f.version} {f.versionN.replace('{version}', String(b.version.version))}
      </h2>
      <p>
        <Official>{b.version.description}</Official>
      </p>
      <FactorsTable factors={b.factors} f={f} />
      <h2>{f.values}</h2>
      <FactorGrid batchId={b.id} revision={revision} editable={officer && EDITABLE_STAGES.includes(stage)} factors={b.factors} recipients={b.recipients} f={f} submitting={m.ledgerUi.submitting} locale={locale} />
      {b.results.length > 0 && (
        <>
          <h2>{f.computed}</h2>
          <p className="muted">
            {f.inputsHash}
            {m.app.colon}
            <code data-testid="inputs-hash">{b.inputsHash}</code>
          </p>
          <p className={finalSum === distributable ? 'ok' : 'error'} data-testid="final-sum">
            <Template text={f.finalSum} values={{ final: <Money fen={finalSum} locale={locale} />, distributable: <Money fen={distributable} locale={locale} /> }} />
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
              recipient: <LocalName zh={r.name} en={r.nameEn} locale={locale} />,
              computed: moneyCell(r.computedFen, locale),
              final: moneyCell(r.adjustedFen ?? r.computedFen, locale),
              reason: (
                <>
                  <AsTyped text={r.adjustmentReason} />
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
