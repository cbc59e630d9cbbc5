'use client';

import { useActionState } from 'react';
import { typedLang } from '@/components/ui/local-name';
import { correctPublicationAction } from '@/lib/actions/disclosure';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type Result = ActionResult<{ id: number; version: number; changes: number }> | null;

/** One input per correctable text field of the latest version, then the notice and the reason. */
export function CorrectionForm({ publicationId, fields, notice, d }: { publicationId: number; fields: { path: string; label: string; value: string }[]; notice: string; d: Messages['disclosure'] }) {
  const [state, action, pending] = useActionState<Result, FormData>(correctPublicationAction, null);
  const err = (field: string) =>
    state && !state.ok && state.fieldErrors?.[field] ? (
      <span className="field-error" data-testid={`error-${field}`}>
        {state.fieldErrors[field]}
      </span>
    ) : null;
  return (
    <form action={action} className="stack" data-testid="correction">
      <input type="hidden" name="publicationId" value={publicationId} />
      {fields.map((f) => (
        <label key={f.path}>
          {f.label} <code className="muted">{f.path}</code>
          {/* The published text as issued: marked Chinese when it is, as on the public pages. */}
          {f.value.length > 40 ? <textarea name={`field:${f.path}`} defaultValue={f.value} rows={3} lang={typedLang(f.value)} /> : <input name={`field:${f.path}`} defaultValue={f.value} lang={typedLang(f.value)} />}
          {err(f.path)}
        </label>
      ))}
      <label>
        {d.notice}
        <textarea name="notice" rows={2} defaultValue={notice} lang={typedLang(notice)} />
        {err('notice')}
      </label>
      <label>
        {d.changeReason}
        <textarea name="changeReason" required minLength={4} />
        {err('changeReason')}
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {d.correction}
      </button>
      {state && !state.ok && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
