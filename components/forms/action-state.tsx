import type { ActionResult } from '@/lib/errors';

type State = ActionResult<unknown> | null;

/** What an action form says once it ran: saved, or the one message of the refusal. */
export function ActionOutcome({ state, saved, testId }: { state: State; saved: string; testId?: string }) {
  if (!state) return null;
  return state.ok ? (
    <p className="ok" role="status" data-testid={testId}>
      {saved}
    </p>
  ) : (
    <p className="error" role="alert" data-testid="form-error">
      {state.message}
    </p>
  );
}

/** A field's own message from a refused action, beside the field. */
export function ActionFieldError({ state, name }: { state: State; name: string }) {
  const text = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return text ? (
    <span className="field-error" data-testid={`error-${name}`}>
      {text}
    </span>
  ) : null;
}
