import { notFound } from 'next/navigation';
import { FactorsTable } from '@/components/formulas/factors-table';
import { RecomputePanel } from '@/components/formulas/recompute-panel';
import { LocalName, Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { getPublishedAllocation } from '@/lib/dal/public/allocations';
import { fromScaled } from '@/lib/domain/decimal';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';

export const dynamic = 'force-dynamic';

export default async function AllocationPage({ params }: { params: Promise<{ batchId: string }> }) {
  const id = idParam((await params).batchId);
  const found = id ? await getPublishedAllocation(id) : null;
  if (!found) notFound();
  const { m, t, locale } = await getI18n();
  const f = m.formula;
  const d = m.disclosure;
  const c = found.content;
  const en = found.namesEn;
  const adjusted = c.recipients.filter((r) => r.adjustmentReason !== null);
  const colon = locale === 'zh' ? '：' : ': ';
  const hasShares = c.recipients.some((r) => r.share !== undefined);
  // Factor codes are officers' data: their column ids are prefixed so they never meet a fixed one.
  const factorColumn = (code: string) => `factor:${code}`;
  const columns: ColumnSpec[] = [
    { id: 'recipient', header: f.recipient },
    ...c.formula.factors.map((x) => ({ id: factorColumn(x.code), header: x.code, numeric: true })),
    ...(hasShares ? [{ id: 'share', header: f.share, numeric: true }] : []),
    { id: 'computed', header: f.computed, numeric: true, testId: 'computed' },
    { id: 'final', header: f.final, numeric: true, testId: 'final' },
  ];
  return (
    <>
      <h1>
        <Official>{c.batch.title}</Official>
      </h1>
      <dl className="facts" data-testid="allocation-facts">
        <dt>{f.total}</dt>
        <dd className="total" data-testid="allocation-total">
          {c.batch.totalFen === null ? (
            <strong data-testid="total-withheld">{m.disclosure.amountWithheld}</strong>
          ) : (
            <Money fen={c.batch.totalFen} locale={locale} />
          )}
        </dd>
        {c.formula.setAsideBp > 0 && (
          <>
            <dt>{f.setAsideLabel}</dt>
            <dd>{fromScaled(BigInt(c.formula.setAsideBp), 2)}</dd>
          </>
        )}
        {c.formula.floorFen && (
          <>
            <dt>{f.floor}</dt>
            <dd>
              <Money fen={c.formula.floorFen} locale={locale} />
            </dd>
          </>
        )}
        {c.formula.capFen && (
          <>
            <dt>{f.cap}</dt>
            <dd>
              <Money fen={c.formula.capFen} locale={locale} />
            </dd>
          </>
        )}
        <dt>{m.ledgerUi.programme}</dt>
        <dd>
          <Official>{c.batch.programmeName}</Official>
        </dd>
        <dt>{d.issuer}</dt>
        <dd>
          <LocalName zh={c.batch.issuerName} en={en[c.batch.issuerCode]} locale={locale} />
        </dd>
        <dt>{d.docNumber}</dt>
        <dd>{c.batch.docNumber ? <Official>{c.batch.docNumber}</Official> : '—'}</dd>
        <dt>{d.published}</dt>
        <dd>
          {found.publishedAt.slice(0, 10)} · v{found.version}
        </dd>
      </dl>
      <h2>
        {f.version} {f.versionN.replace('{version}', String(c.formula.version))}
      </h2>
      <p>
        <Official>{c.formula.description}</Official>
      </p>
      {c.formula.changeReason && (
        <p>
          {f.changeReasonLabel}
          {colon}<Official>{c.formula.changeReason}</Official>
        </p>
      )}
      <p className="muted">{f.method}</p>
      <FactorsTable factors={c.formula.factors} f={f} />
      <h2>{f.values}</h2>
      <p className="muted">{f.exactOnDemand}</p>
      <DataTable
        testId="allocation-table"
        className="allocation-table"
        columns={columns}
        rows={[
          ...c.recipients.map(
            (r): Row => ({
              _key: r.code,
              _row: { data: { recipient: r.code } },
              recipient: <LocalName zh={r.name} en={en[r.code]} locale={locale} />,
              ...Object.fromEntries(c.formula.factors.map((x) => [factorColumn(x.code), r.values[x.code] ?? null])),
              ...(hasShares ? { share: r.share === undefined ? null : { share: r.share } } : {}),
              computed: { fen: String(r.computedFen), locale },
              final: (
                <>
                  <Money fen={r.finalFen} locale={locale} />
                  {r.adjustmentReason && <span className="error"> *</span>}
                </>
              ),
            }),
          ),
          ...(c.withheld ?? []).map(
            (w): Row => ({
              _key: `withheld-${w.basisCode}`,
              _row: { testId: 'withheld-line', spanFirst: c.formula.factors.length + (hasShares ? 2 : 1) },
              recipient: `${t('disclosure.withheldLine', { basis: locale === 'en' ? w.basisEn : w.basis })} · ${w.items}`,
              computed: '',
              final: w.amountFen === null ? <span className="muted">{m.disclosure.amountWithheld}</span> : { fen: String(w.amountFen), locale },
            }),
          ),
        ]}
      />
      {adjusted.length > 0 && (
        <>
          <h2>{f.adjustment}</h2>
          <ul data-testid="adjustments">
            {adjusted.map((r) => (
              <li key={r.code}>
                <LocalName zh={r.name} en={en[r.code]} locale={locale} />
                {colon}
                <Money fen={r.computedFen} locale={locale} /> → <Money fen={r.finalFen} locale={locale} /> (<Official>{r.adjustmentReason}</Official>)
              </li>
            ))}
          </ul>
        </>
      )}
      {(c.performance ?? []).length > 0 && (
        <>
          <h2>{m.evaluation.perfTitle}</h2>
          <ul data-testid="performance-sources">
            {(c.performance ?? []).map((p) => {
              const recipient = c.recipients.find((r) => r.code === p.recipient);
              const values = { year: String(p.year), score: p.score ?? '—', n: String(p.evaluations) };
              return (
                <li key={`${p.recipient}:${p.factor}`} data-recipient={p.recipient} data-source={p.source}>
                  {recipient ? <LocalName zh={recipient.name} en={en[recipient.code]} locale={locale} /> : p.recipient}
                  {colon}
                  {p.source === 'evaluation' ? t('evaluation.perfEvaluation', values) : p.source === 'default' ? t('evaluation.perfDefault', values) : t('evaluation.perfEntered', values)}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {c.batch.inputsHash && (
        <p className="muted">
          {f.inputsHash}
          {colon}
          <code className="hash">{c.batch.inputsHash}</code>
        </p>
      )}
      <RecomputePanel content={c} f={f} />
      <p>
        {f.download}
        {colon}
        <a href={`/api/public/allocations/${id}`}>JSON</a> · <a href={`/api/public/allocations/${id}?format=csv`}>CSV</a>
      </p>
    </>
  );
}
