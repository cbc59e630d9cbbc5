'use client';

import { useActionState } from 'react';
import { acceptFeedbackAction, answerFeedbackAction, closeFeedbackAction, mergeFeedbackAction, rejectFeedbackAction, setFeedbackPublicAction } from '@/lib/actions/participation';
import { ActionFieldError, ActionOutcome } from '@/components/forms/action-state';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type P = Messages['participation'];
type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>;
const useAction = (action: Action) => useActionState<ActionResult<unknown> | null, FormData>(action, null);

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
        <ActionFieldError state={state} name="organisationId" />
      </label>
      <label className="inline">
        <input type="checkbox" name="publish" defaultChecked /> {p.ws.publish}
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {p.ws.accept}
      </button>
      <ActionOutcome state={state} saved={p.ws.done} testId="feedback-outcome" />
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
        <ActionFieldError state={state} name="reason" />
      </label>
      <button type="submit" disabled={pending}>
        {p.ws.reject}
      </button>
      <ActionOutcome state={state} saved={p.ws.done} testId="feedback-outcome" />
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
        <ActionFieldError state={state} name="intoTrackingCode" />
      </label>
      <button type="submit" disabled={pending}>
        {p.ws.merge}
      </button>
      <ActionOutcome state={state} saved={p.ws.done} testId="feedback-outcome" />
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
        <ActionFieldError state={state} name="reason" />
      </label>
      <button type="submit" disabled={pending}>
        {p.ws.close}
      </button>
      <ActionOutcome state={state} saved={p.ws.done} testId="feedback-outcome" />
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
      <ActionOutcome state={state} saved={p.ws.done} testId="feedback-outcome" />
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
        <ActionFieldError state={state} name="body" />
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {p.ws.answerSubmit}
      </button>
      <ActionOutcome state={state} saved={p.ws.done} testId="feedback-outcome" />
    </form>
  );
}
