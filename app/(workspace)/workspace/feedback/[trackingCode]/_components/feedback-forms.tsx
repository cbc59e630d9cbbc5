'use client';

import { useActionState } from 'react';
import { acceptFeedbackAction, answerFeedbackAction, closeFeedbackAction, mergeFeedbackAction, rejectFeedbackAction, setFeedbackPublicAction } from '@/lib/actions/participation';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type P = Messages['participation'];
type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>;
const useAction = (action: Action) => useActionState<ActionResult<unknown> | null, FormData>(action, null);

function Outcome({ state, p }: { state: ActionResult<unknown> | null; p: P }) {
  if (!state) return null;
  return state.ok ? (
    <p className="ok" role="status" data-testid="feedback-outcome">
      {p.ws.done}
    </p>
  ) : (
    <p className="error" role="alert" data-testid="form-error">
      {state.message}
    </p>
  );
}

function FieldError({ state, name }: { state: ActionResult<unknown> | null; name: string }) {
  const text = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return text ? <span className="field-error">{text}</span> : null;
}

export function AcceptForm({ code, orgs, suggested, p }: { code: string; orgs: { id: number; label: string }[]; suggested: number | null; p: P }) {
  const [state, run, pending] = useAction(acceptFeedbackAction);
  return (
    <form action={run} className="stack" data-testid="accept-form">
      <input type="hidden" name="trackingCode" value={code} />
      <label>
        {p.ws.assignTo}
        <select name="organisationId" defaultValue={suggested ?? ''} required>
          <option value="">—</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError state={state} name="organisationId" />
      </label>
      <label className="inline">
        <input type="checkbox" name="publish" defaultChecked /> {p.ws.publish}
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {p.ws.accept}
      </button>
      <Outcome state={state} p={p} />
    </form>
  );
}

export function RejectForm({ code, p }: { code: string; p: P }) {
  const [state, run, pending] = useAction(rejectFeedbackAction);
  return (
    <form action={run} className="stack" data-testid="reject-form">
      <input type="hidden" name="trackingCode" value={code} />
      <label>
        {p.ws.reason}
        <input type="text" name="reason" maxLength={500} required />
        <FieldError state={state} name="reason" />
      </label>
      <button type="submit" disabled={pending}>
        {p.ws.reject}
      </button>
      <Outcome state={state} p={p} />
    </form>
  );
}

export function MergeForm({ code, p }: { code: string; p: P }) {
  const [state, run, pending] = useAction(mergeFeedbackAction);
  return (
    <form action={run} className="stack" data-testid="merge-form">
      <input type="hidden" name="trackingCode" value={code} />
      <label>
        {p.ws.mergeInto}
        <input type="text" name="intoTrackingCode" placeholder="YQ-…" required />
        <FieldError state={state} name="intoTrackingCode" />
      </label>
      <button type="submit" disabled={pending}>
        {p.ws.merge}
      </button>
      <Outcome state={state} p={p} />
    </form>
  );
}

export function CloseForm({ code, p }: { code: string; p: P }) {
  const [state, run, pending] = useAction(closeFeedbackAction);
  return (
    <form action={run} className="stack" data-testid="close-form">
      <input type="hidden" name="trackingCode" value={code} />
      <label>
        {p.ws.closeNote}
        <input type="text" name="reason" maxLength={500} />
        <FieldError state={state} name="reason" />
      </label>
      <button type="submit" disabled={pending}>
        {p.ws.close}
      </button>
      <Outcome state={state} p={p} />
    </form>
  );
}

export function PublicToggle({ code, isPublic, p }: { code: string; isPublic: boolean; p: P }) {
  const [state, run, pending] = useAction(setFeedbackPublicAction);
  return (
    <form action={run} className="inline-form" data-testid="public-toggle">
      <input type="hidden" name="trackingCode" value={code} />
      <input type="hidden" name="publish" value={isPublic ? 'false' : 'true'} />
      <button type="submit" disabled={pending}>
        {isPublic ? p.ws.setPrivate : p.ws.setPublic}
      </button>
      <Outcome state={state} p={p} />
    </form>
  );
}

export function AnswerForm({ code, correcting, p }: { code: string; correcting: boolean; p: P }) {
  const [state, run, pending] = useAction(answerFeedbackAction);
  return (
    <form action={run} className="stack" data-testid="feedback-answer-form">
      <input type="hidden" name="trackingCode" value={code} />
      <label>
        {correcting ? p.ws.correct : p.ws.answerTitle}
        <textarea name="body" rows={6} maxLength={4000} required />
        <FieldError state={state} name="body" />
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {p.ws.answerSubmit}
      </button>
      <Outcome state={state} p={p} />
    </form>
  );
}
