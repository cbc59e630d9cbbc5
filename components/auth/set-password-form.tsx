'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { setPasswordAction } from '@/lib/actions/account';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type Result = ActionResult<{ username: string }> | null;

export function SetPasswordForm({ token, a }: { token: string; a: Messages['account'] }) {
  const [state, action, pending] = useActionState<Result, FormData>(setPasswordAction, null);
  if (state?.ok) {
    return (
      <p className="ok" role="status" data-testid="password-set">
        {a.done} <Link href="/signin">{a.signIn}</Link>
      </p>
    );
  }
  const err = (field: string) => (state && !state.ok && state.fieldErrors?.[field] ? <span className="field-error">{state.fieldErrors[field]}</span> : null);
  return (
    <form action={action} className="stack" data-testid="set-password">
      <input type="hidden" name="token" value={token} />
      <label>
        {a.newPassword}
        <input type="password" name="password" required minLength={10} maxLength={200} autoComplete="new-password" />
        {err('password')}
      </label>
      <label>
        {a.confirmPassword}
        <input type="password" name="confirm" required maxLength={200} autoComplete="new-password" />
        {err('confirm')}
      </label>
      <p className="muted">{a.passwordRule}</p>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? a.submitting : a.submit}
      </button>
      {state && !state.ok && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
