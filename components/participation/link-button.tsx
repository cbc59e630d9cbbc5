'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/errors';

type Result = ActionResult<{ outcome: string }> | null;

/**
 * The one button of a mailed link's page: opening the page changes nothing (mail scanners open
 * links), pressing the button does. `messages` maps each outcome to what the reader is told.
 */
export function LinkButton({ token, label, action, messages }: { token: string; label: string; action: (previous: Result, formData: FormData) => Promise<Result>; messages: Record<string, string> }) {
  const [state, run, pending] = useActionState<Result, FormData>(action, null);
  if (state?.ok) {
    return (
      <p className="ok" role="status" data-testid="link-outcome">
        {messages[state.data.outcome] ?? messages.invalid}
      </p>
    );
  }
  return (
    <form action={run} className="stack">
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="primary" disabled={pending}>
        {label}
      </button>
      {state && !state.ok && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
