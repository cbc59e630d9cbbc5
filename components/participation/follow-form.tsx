'use client';

import { useActionState } from 'react';
import { requestFollowAction } from '@/lib/actions/participation-follow';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type Result = ActionResult<{ status: 'check_mail' }> | null;

/** A citizen follows a project, programme or county by e-mail (double opt-in: the mail's link confirms). */
export function FollowForm({ subjectType, code, f }: { subjectType: 'project' | 'programme' | 'county'; code: string; f: Messages['follow'] }) {
  const [state, action, pending] = useActionState<Result, FormData>(requestFollowAction, null);
  const subject = subjectType === 'project' ? f.subjectProject : subjectType === 'programme' ? f.subjectProgramme : f.subjectCounty;
  return (
    <section aria-labelledby="follow-title" data-testid="follow-by-mail">
      <h2 id="follow-title">{f.title}</h2>
      <p className="muted">{f.intro.replace('{subject}', subject)}</p>
      {state?.ok ? (
        <p className="ok" role="status">
          {f.checkMail}
        </p>
      ) : (
        <form action={action} className="stack">
          <input type="hidden" name="subjectType" value={subjectType} />
          <input type="hidden" name="code" value={code} />
          <label>
            {f.email}
            <input type="email" name="email" required maxLength={254} autoComplete="email" />
            {state && !state.ok && state.fieldErrors?.email && <span className="field-error">{state.fieldErrors.email}</span>}
          </label>
          <button type="submit" className="primary" disabled={pending}>
            {pending ? f.submitting : f.submit}
          </button>
          {state && !state.ok && (
            <p className="error" role="alert">
              {state.message}
            </p>
          )}
        </form>
      )}
      <p className="muted" data-testid="follow-by-feed">
        {f.orFeed}{' '}
        <a href={`/api/public/feed/atom?${subjectType}=${encodeURIComponent(code)}`}>Atom</a> ·{' '}
        <a href={`/api/public/feed/json?${subjectType}=${encodeURIComponent(code)}`}>JSON Feed</a>
      </p>
    </section>
  );
}
