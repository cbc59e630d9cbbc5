import { notFound } from 'next/navigation';
import { FactorsTable } from '@/components/formulas/factors-table';
import { RecomputePanel } from '@/components/formulas/recompute-panel';
import { getPublishedAllocation } from '@/lib/dal/public/allocations';
import { fromScaled } from '@/lib/domain/decimal';
import { formatYuan } from '@/lib/domain/money';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

export default async function AllocationPage({ params }: { params: Promise<{ batchId: string }> }) {
  const id = idParam((await params).batchId);
  const found = id ? await getPublishedAllocation(id) : null;
  if (!found) notFound();
  const { m, t, locale } = await getI18n();
  const f = m.formula;
  const c = found.content;
  const adjusted = c.recipients.filter((r) => r.adjustmentReason !== null);
  return (
    <>
      <h1>{c.batch.title}</h1>
      <p className="muted">
        {c.batch.issuerName} · {c.batch.docNumber ?? '—'} · {c.batch.programmeName} · v{found.version} · {found.publishedAt.slice(0, 10)}
      </p>
      <p>
        {f.total}：
        {c.batch.totalFen === null ? (
          <strong data-testid="total-withheld">{m.disclosure.amountWithheld}</strong>
        ) : (
          <>
            <strong className="fen">{formatYuan(BigInt(c.batch.totalFen))}</strong> 元
          </>
        )}
        {c.formula.setAsideBp > 0 && ` · ${f.setAsideLabel} ${fromScaled(BigInt(c.formula.setAsideBp), 2)}`}
        {c.formula.floorFen && ` · ${f.floor} ${formatYuan(BigInt(c.formula.floorFen))}`}
        {c.formula.capFen && ` · ${f.cap} ${formatYuan(BigInt(c.formula.capFen))}`}
      </p>
      <h2>
        {f.version} {f.versionN.replace('{version}', String(c.formula.version))}
      </h2>
      <p>{c.formula.description}</p>
      {c.formula.changeReason && (
        <p>
          {f.changeReasonLabel}：{c.formula.changeReason}
        </p>
      )}
      <p className="muted">{f.method}</p>
      <FactorsTable factors={c.formula.factors} f={f} />
      <h2>{f.values}</h2>
      <div className="table-wrap">
        <table data-testid="allocation-table">
          <thead>
            <tr>
              <th>{f.recipient}</th>
              {c.formula.factors.map((x) => (
                <th key={x.code}>{x.code}</th>
              ))}
              <th>{f.share}</th>
              <th>{f.computed}</th>
              <th>{f.final}</th>
            </tr>
          </thead>
          <tbody>
            {c.recipients.map((r) => (
              <tr key={r.code} data-recipient={r.code}>
                <td>{r.name}</td>
                {c.formula.factors.map((x) => (
                  <td key={x.code}>{r.values[x.code] ?? '—'}</td>
                ))}
                <td>
                  <code>{r.share}</code>
                </td>
                <td className="fen">{formatYuan(BigInt(r.computedFen))}</td>
                <td className="fen">
                  {formatYuan(BigInt(r.finalFen))}
                  {r.adjustmentReason && <span className="error"> *</span>}
                </td>
              </tr>
            ))}
            {(c.withheld ?? []).map((w) => (
              <tr key={`withheld-${w.basisCode}`} data-testid="withheld-line">
                <td colSpan={c.formula.factors.length + 2}>
                  {t('disclosure.withheldLine', { basis: locale === 'en' ? w.basisEn : w.basis })} · {w.items}
                </td>
                <td />
                <td className="fen">{w.amountFen === null ? <span className="muted">{m.disclosure.amountWithheld}</span> : formatYuan(BigInt(w.amountFen))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {adjusted.length > 0 && (
        <>
          <h2>{f.adjustment}</h2>
          <ul data-testid="adjustments">
            {adjusted.map((r) => (
              <li key={r.code}>
                {r.name}：{formatYuan(BigInt(r.computedFen))} → {formatYuan(BigInt(r.finalFen))}（{r.adjustmentReason}）
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">
        {f.inputsHash}：<code>{c.batch.inputsHash}</code>
      </p>
      <RecomputePanel content={c} f={f} />
      <p>
        {f.download}：<a href={`/api/public/allocations/${id}`}>JSON</a> · <a href={`/api/public/allocations/${id}?format=csv`}>CSV</a>
      </p>
    </>
  );
}
