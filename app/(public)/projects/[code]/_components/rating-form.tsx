'use client';

import { useActionState } from 'react';
import { requestRatingAction } from '@/lib/actions/participation-follow';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type Result = ActionResult<{ status: 'check_mail' }> | null;

/** A citizen rates a completed project 1-5; it counts once the address confirms by the mailed link. */
export function RatingForm({ code, f }: { code: string; f: Messages['follow'] }) {
  const [state, action, pending] = useActionState<Result, FormData>(requestRatingAction, null);
  const err = (field: string) => (state && !state.ok && state.fieldErrors?.[field] ? <span className="field-error">{state.fieldErrors[field]}</span> : null);
  return (
    <section aria-labelledby="rating-title" data-testid="rate-project">
      <h2 id="rating-title">{f.ratingTitle}</h2>
      <p className="muted">{f.ratingIntro}</p>
      {state?.ok ? (
        <p className="ok" role="status">
          {f.ratingCheckMail}
        </p>
      ) : (
        <form action={action} className="stack">
          <input type="hidden" name="code" value={code} />
          <fieldset>
            <legend>{f.score}</legend>
            {([1, 2, 3, 4, 5] as const).map((n) => (
              <label key={n}>
                <input type="radio" name="score" value={n} required /> {f.scores[`s${n}`]}
              </label>
            ))}
            {err('score')}
          </fieldset>
          <label>
            {f.email}
            <input type="email" name="email" required maxLength={254} autoComplete="email" />
            {err('email')}
          </label>
          <button type="submit" className="primary" disabled={pending}>
            {pending ? f.submitting : f.rate}
          </button>
          {state && !state.ok && (
            <p className="error" role="alert">
              {state.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
