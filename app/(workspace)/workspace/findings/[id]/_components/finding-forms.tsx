'use client';

import { useActionState } from 'react';
import { answerFindingAction, closeFindingAction, reopenFindingAction } from '@/lib/actions/findings';
import { ActionFieldError, ActionOutcome } from '@/components/forms/action-state';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type T = Messages['findings'];
type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

const useAction = (action: Action) => useActionState<ActionResult<unknown> | null, FormData>(action, null);

/** 整改答复: text and evidence files (each kept with its SHA-256), at the revision the page showed. */
export function AnswerForm({ findingId, revision, t }: { findingId: number; revision: number; t: T }) {
  const [state, run, pending] = useAction(answerFindingAction);
  return (
    <form action={run} className="stack" data-testid="answer-form">
      <input type="hidden" name="findingId" value={findingId} />
      <input type="hidden" name="expectedRevision" value={revision} />
      <label>
        {t.answerBody}
        <textarea name="body" rows={5} maxLength={4000} required minLength={4} />
        <ActionFieldError state={state} name="body" />
      </label>
      <label>
        {t.evidence}
        <input type="file" name="evidence" multiple accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg" />
        <ActionFieldError state={state} name="evidence" />
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t.submitting : t.submitAnswer}
      </button>
      <ActionOutcome state={state} saved={t.answered} testId="finding-outcome" />
    </form>
  );
}

/** 关闭 or 重新打开, each with its reason. */
export function StepForm({ findingId, revision, step, t }: { findingId: number; revision: number; step: 'close' | 'reopen'; t: T }) {
  const [state, run, pending] = useAction(step === 'close' ? closeFindingAction : reopenFindingAction);
  return (
    <form action={run} className="stack" data-testid={`${step}-form`}>
      <input type="hidden" name="findingId" value={findingId} />
      <input type="hidden" name="expectedRevision" value={revision} />
      <label>
        {step === 'close' ? t.closeReason : t.reopenReason}
        <textarea name="reason" rows={3} maxLength={2000} />
        <ActionFieldError state={state} name="reason" />
      </label>
      <button type="submit" className={step === 'close' ? 'primary' : 'secondary'} disabled={pending}>
        {pending ? t.submitting : step === 'close' ? t.close : t.reopen}
      </button>
      <ActionOutcome state={state} saved={step === 'close' ? t.closed : t.reopened} testId="finding-outcome" />
    </form>
  );
}
