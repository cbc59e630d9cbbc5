'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { Messages } from '@/lib/i18n/zh';
import { FEEDBACK_PHOTOS_MAX, FEEDBACK_TEXT_MAX } from '@/lib/domain/participation/limits';

export type FeedbackSubjectField = { name: 'projectCode' | 'programmeCode' | 'countyCode' | 'publicationId'; value: string } | null;

type Challenge = { token: string; question: { zh: string; en: string } };
type State =
  | { step: 'edit'; error?: string; fieldErrors?: Record<string, string>; challenge?: Challenge }
  | { step: 'sending'; challenge?: Challenge }
  | { step: 'done'; trackingCode: string };

/**
 * 提问、建议、举报: posts to the public API (the same one other clients use), so the browser form
 * meets the same checks, the same challenge past the gentle rate, and the same messages.
 */
export function FeedbackForm({ p, subject, locale }: { p: Messages['participation']; subject: FeedbackSubjectField; locale: 'zh' | 'en' }) {
  const [state, setState] = useState<State>({ step: 'edit' });
  const [length, setLength] = useState(0);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const challenge = state.step === 'edit' ? state.challenge : undefined;
    if (challenge) form.set('challengeToken', challenge.token);
    setState({ step: 'sending', challenge });
    try {
      const res = await fetch('/api/public/feedback', { method: 'POST', body: form, headers: { accept: 'application/json' } });
      const body = (await res.json().catch(() => ({}))) as { trackingCode?: string; error?: { message?: string; fieldErrors?: Record<string, string>; challenge?: Challenge } };
      if (res.status === 201 && body.trackingCode) return setState({ step: 'done', trackingCode: body.trackingCode });
      if (res.status === 428 && body.error?.challenge) return setState({ step: 'edit', error: body.error.message, challenge: body.error.challenge });
      setState({ step: 'edit', error: body.error?.message ?? p.failed, fieldErrors: body.error?.fieldErrors, challenge: undefined });
    } catch {
      setState({ step: 'edit', error: p.failed, challenge });
    }
  }

  if (state.step === 'done') {
    return (
      <div className="ok" role="status" data-testid="feedback-done">
        <p>{p.received}</p>
        <p>
          {p.trackingCode}: <strong data-testid="tracking-code">{state.trackingCode}</strong>
        </p>
        <p>
          <Link href={`/feedback/${state.trackingCode}`}>{p.followStatus}</Link>
        </p>
        <p className="muted">{p.keepCode}</p>
      </div>
    );
  }
  const edit = state.step === 'edit' ? state : null;
  const challenge = state.step === 'sending' ? state.challenge : edit?.challenge;
  const err = (field: string) => (edit?.fieldErrors?.[field] ? <span className="field-error">{edit.fieldErrors[field]}</span> : null);
  return (
    <form onSubmit={submit} className="stack" data-testid="feedback-form" noValidate>
      {subject && <input type="hidden" name={subject.name} value={subject.value} />}
      <fieldset>
        <legend>{p.kindLegend}</legend>
        {(['question', 'suggestion', 'report'] as const).map((k) => (
          <label key={k} className="inline">
            <input type="radio" name="kind" value={k} defaultChecked={k === 'question'} /> {p.kinds[k]}
          </label>
        ))}
        {err('kind')}
      </fieldset>
      <label>
        {p.text}
        <textarea name="text" rows={5} maxLength={FEEDBACK_TEXT_MAX} required onChange={(e) => setLength(e.currentTarget.value.length)} aria-describedby="feedback-text-help" />
        <span id="feedback-text-help" className="muted">
          {p.textHelp} ({length}/{FEEDBACK_TEXT_MAX})
        </span>
        {err('text')}
      </label>
      <label>
        {p.photos}
        <input type="file" name="photos" accept="image/jpeg,image/png" multiple aria-describedby="feedback-photo-help" />
        <span id="feedback-photo-help" className="muted">
          {p.photosHelp.replace('{n}', String(FEEDBACK_PHOTOS_MAX))}
        </span>
        {err('photos')}
      </label>
      <label>
        {p.contact}
        <input type="text" name="contact" maxLength={120} autoComplete="email" inputMode="email" aria-describedby="feedback-contact-help" />
        <span id="feedback-contact-help" className="muted">
          {p.contactHelp}
        </span>
        {err('contact')}
      </label>
      {challenge && (
        <label data-testid="feedback-challenge">
          {locale === 'en' ? challenge.question.en : challenge.question.zh}
          <input type="text" name="challengeAnswer" inputMode="numeric" autoComplete="off" required />
          <span className="muted">{p.challengeHelp}</span>
        </label>
      )}
      {err('subject') ?? err('projectCode')}
      <button type="submit" className="primary" disabled={state.step === 'sending'}>
        {state.step === 'sending' ? p.sending : p.submit}
      </button>
      {edit?.error && (
        <p className="error" role="alert">
          {edit.error}
        </p>
      )}
    </form>
  );
}
