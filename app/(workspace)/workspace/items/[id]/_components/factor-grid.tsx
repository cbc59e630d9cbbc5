'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { importFactorValuesAction, setFactorValuesAction } from '@/lib/actions/formulas';
import { AsTyped, LocalName, localText, Official } from '@/components/ui/local-name';
import type { BatchDetailDto } from '@/lib/dal/formulas/batches';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export interface FactorGridProps {
  batchId: number;
  revision: number;
  editable: boolean;
  factors: BatchDetailDto['factors'];
  recipients: BatchDetailDto['recipients'];
  f: Messages['formula'];
  submitting: string;
  locale: Locale;
}

/** One row per recipient, one cell per factor; a row left entirely empty is not a recipient of this batch. */
export function FactorGrid({ batchId, revision, editable, factors, recipients, f, submitting, locale }: FactorGridProps) {
  const router = useRouter();
  const entered = factors.filter((x) => !x.isPerformance || recipients.some((r) => r.values[x.code] !== undefined));
  const columns = editable ? factors : entered;
  const [rows, setRows] = useState(() => recipients.map((r) => ({ ...r, values: { ...r.values } })));
  const [status, setStatus] = useState<{ ok: boolean; text: string; fields?: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);
  // The outcome shows once the page has re-read the batch, so the next step uses its new revision.
  const [refreshing, startRefresh] = useTransition();
  const done = (res: { ok: boolean; message?: string; fieldErrors?: Record<string, string> }) => {
    setPending(false);
    if (res.ok) startRefresh(() => {
      router.refresh();
      setStatus({ ok: true, text: '✓' });
    });
    else setStatus({ ok: false, text: res.message ?? '', fields: res.fieldErrors });
  };

  async function save() {
    setPending(true);
    const used = rows.filter((r) => Object.values(r.values).some((v) => v.trim() !== '') || r.source.trim() !== '');
    const res = await setFactorValuesAction({
      batchId,
      expectedRevision: revision,
      rows: used.map((r) => ({ recipient: r.ref, source: r.source, values: Object.fromEntries(Object.entries(r.values).filter(([k, v]) => !(factors.find((x) => x.code === k)?.isPerformance && v.trim() === ''))) })),
    });
    done(res.ok ? { ok: true } : res);
  }

  async function upload(form: HTMLFormElement) {
    setPending(true);
    const res = await importFactorValuesAction(new FormData(form));
    done(res.ok ? { ok: true } : res);
  }

  return (
    <div className="stack">
      <div className="table-wrap">
        <table data-testid="factor-grid">
          <thead>
            <tr>
              <th>{f.recipient}</th>
              {columns.map((x) => (
                <th key={x.code}>
                  <Official>
                    {x.name}（{x.unit}）
                  </Official>
                </th>
              ))}
              <th>{f.valueSource}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.ref} data-recipient={r.code}>
                <td>
                  <LocalName zh={r.name} en={r.nameEn} locale={locale} />
                </td>
                {columns.map((x) => (
                  <td key={x.code}>
                    {editable ? (
                      <input
                        aria-label={`${localText(r.name, r.nameEn, locale).text} ${x.name}`}
                        name={`${r.code}-${x.code}`}
                        inputMode="decimal"
                        size={8}
                        value={r.values[x.code] ?? ''}
                        onChange={(e) => setRows(rows.map((row, j) => (j === i ? { ...row, values: { ...row.values, [x.code]: e.target.value } } : row)))}
                      />
                    ) : (
                      (r.values[x.code] ?? '—')
                    )}
                  </td>
                ))}
                <td>
                  {editable ? (
                    <input aria-label={`${localText(r.name, r.nameEn, locale).text} ${f.valueSource}`} name={`${r.code}-source`} value={r.source} onChange={(e) => setRows(rows.map((row, j) => (j === i ? { ...row, source: e.target.value } : row)))} />
                  ) : (
                    <AsTyped text={r.source} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {status && !refreshing && (
        <div className={status.ok ? 'ok' : 'error'} role="status" data-testid="grid-status">
          {status.text}
          {status.fields && (
            <ul>
              {Object.entries(status.fields).map(([k, v]) => (
                <li key={k}>
                  {k}
                  {locale === 'zh' ? '：' : ': '}
                  {v}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {editable && (
        <>
          <button type="button" className="primary" onClick={save} disabled={pending}>
            {pending ? submitting : f.saveValues}
          </button>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void upload(e.currentTarget);
            }}
          >
            <input type="hidden" name="batchId" value={batchId} />
            <input type="hidden" name="expectedRevision" value={revision} />
            <label>
              {f.importValues}
              <input type="file" name="sheet" accept=".csv,.xlsx" />
            </label>
            <button type="submit" disabled={pending}>
              {f.importValues.split('（')[0]}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
