'use client';

export type FormStatus = { ok: boolean; text: string } | null;

/** The outcome line and the submit button every ledger form ends with. */
export function FormFooter({ status, pending, submit, submitting }: { status: FormStatus; pending: boolean; submit: string; submitting: string }) {
  return (
    <>
      {status && (
        <p className={status.ok ? 'ok' : 'error'} role="status" data-testid="form-status">
          {status.text}
        </p>
      )}
      <button className="primary" type="submit" disabled={pending}>
        {pending ? submitting : submit}
      </button>
    </>
  );
}
