'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/errors';

type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

/** A form bound to one disclosure server action, showing its outcome and field messages. */
export function ActionForm({ action, children, submit, saved, className, testId }: { action: Action; children?: ReactNode; submit: string; saved: string; className?: string; testId?: string }) {
  const [state, run, pending] = useActionState<ActionResult<unknown> | null, FormData>(action, null);
  return (
    <form action={run} className={className ?? 'stack'} data-testid={testId}>
      {children}
      <button type="submit" className={className === 'inline-form' ? 'secondary' : undefined} disabled={pending}>
        {submit}
      </button>
      {state?.ok && <span className="ok">{saved}</span>}
      {state && !state.ok && (
        <span className="error" role="alert">
          {state.message}
          {state.fieldErrors && Object.values(state.fieldErrors).length > 0 && ` (${Object.values(state.fieldErrors).join('；')})`}
        </span>
      )}
    </form>
  );
}
