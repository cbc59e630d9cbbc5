'use client';

import { useRef, useState } from 'react';
import { DataTable } from '@/components/table/data-table';

type Target = 'transfers' | 'expenditures';
interface CellError { row: number; column: string; message: string }
interface Preview { header: string[]; mapping: Record<string, number | null>; dataRows: number; validRows: number; errors: CellError[]; encoding?: string; kind: string }
type Phase = { kind: 'idle' } | { kind: 'busy'; done: number; total: number } | { kind: 'done'; text: string; ok: boolean };

export interface ImportLabels {
  target: string; transfers: string; expenditures: string; file: string; preview: string; mapping: string; notInSheet: string;
  rowsSummary: string; errorsTitle: string; row: string; column: string; problem: string; dryRun: string; commit: string;
  progress: string; dryRunDone: string; committed: string;
}

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

/** Upload → mapping → preview with every bad cell → dry run → one atomic commit, with progress. */
export function ImportWizard({ labels, fieldLabels }: { labels: ImportLabels; fieldLabels: Record<Target, Record<string, string>> }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<Target>('transfers');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  const body = (mode: string, withMapping: boolean) => {
    const fd = new FormData();
    fd.set('file', fileRef.current!.files![0]!);
    fd.set('mode', mode);
    fd.set('target', target);
    if (withMapping) fd.set('mapping', JSON.stringify(mapping));
    return fd;
  };

  async function doPreview(withMapping: boolean) {
    setError(null);
    setPhase({ kind: 'idle' });
    if (!fileRef.current?.files?.[0]) return;
    const res = await fetch('/api/import', { method: 'POST', body: body('preview', withMapping) });
    const data = await res.json();
    if (!res.ok) {
      setPreview(null);
      setError(data.error?.message ?? 'error');
      return;
    }
    setPreview(data);
    setMapping(data.mapping);
  }

  async function run(mode: 'dry-run' | 'commit') {
    setError(null);
    setPhase({ kind: 'busy', done: 0, total: preview?.validRows ?? 0 });
    const res = await fetch('/api/import', { method: 'POST', body: body(mode, true) });
    if (!res.body || !res.headers.get('content-type')?.includes('ndjson')) {
      const data = await res.json().catch(() => ({}));
      setPhase({ kind: 'done', ok: false, text: data.error?.message ?? 'error' });
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const msg = JSON.parse(line);
        if (msg.type === 'progress') setPhase({ kind: 'busy', done: msg.done, total: msg.total });
        if (msg.type === 'result') setPhase({ kind: 'done', ok: true, text: fill(msg.dryRun ? labels.dryRunDone : labels.committed, msg) });
        if (msg.type === 'error') {
          const details = Object.entries(msg.error.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`).join('；');
          setPhase({ kind: 'done', ok: false, text: `${msg.error.message}${details ? ` ${details}` : ''}` });
        }
      }
    }
  }

  const fields = Object.entries(fieldLabels[target]);
  return (
    <div className="stack" data-testid="import-wizard">
      <label>
        {labels.target}
        <select value={target} onChange={(e) => (setTarget(e.target.value as Target), setPreview(null))}>
          <option value="transfers">{labels.transfers}</option>
          <option value="expenditures">{labels.expenditures}</option>
        </select>
      </label>
      <label>
        {labels.file}
        <input ref={fileRef} type="file" accept=".csv,.xlsx,text/csv" onChange={() => setPreview(null)} data-testid="import-file" />
      </label>
      <button className="secondary" type="button" onClick={() => doPreview(false)}>
        {labels.preview}
      </button>
      {error && <p className="error" role="alert">{error}</p>}
      {preview && (
        <>
          <h2>{labels.mapping}</h2>
          {fields.map(([field, label]) => (
            <label key={field}>
              {label}
              <select
                value={mapping[field] ?? ''}
                onChange={(e) => setMapping({ ...mapping, [field]: e.target.value === '' ? null : Number(e.target.value) })}
              >
                <option value="">{labels.notInSheet}</option>
                {preview.header.map((h, i) => (
                  <option key={i} value={i}>
                    {h || `#${i + 1}`}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button className="secondary" type="button" onClick={() => doPreview(true)}>
            {labels.preview}
          </button>
          <p data-testid="import-summary">{fill(labels.rowsSummary, { rows: preview.dataRows, valid: preview.validRows })}</p>
          {preview.errors.length > 0 && (
            <>
              <h2>{labels.errorsTitle}</h2>
              <DataTable
                testId="import-errors"
                columns={[
                  { id: 'row', header: labels.row },
                  { id: 'column', header: labels.column },
                  { id: 'problem', header: labels.problem },
                ]}
                rows={preview.errors.map((e, i) => ({ _key: String(i), row: e.row, column: e.column, problem: e.message }))}
              />
            </>
          )}
          <div className="inline-form">
            <button className="secondary" type="button" disabled={preview.errors.length > 0 || phase.kind === 'busy'} onClick={() => run('dry-run')}>
              {labels.dryRun}
            </button>
            <button className="primary" type="button" disabled={preview.errors.length > 0 || phase.kind === 'busy'} onClick={() => run('commit')}>
              {labels.commit}
            </button>
          </div>
        </>
      )}
      {phase.kind === 'busy' && (
        <div>
          <progress className="progress" max={Math.max(phase.total, 1)} value={phase.done} />
          <span className="muted">{fill(labels.progress, { done: phase.done, total: phase.total })}</span>
        </div>
      )}
      {phase.kind === 'done' && (
        <p className={phase.ok ? 'ok' : 'error'} role="status" data-testid="import-status">
          {phase.text}
        </p>
      )}
    </div>
  );
}
