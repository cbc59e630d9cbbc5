'use client';

import { useActionState, useEffect, type ReactNode } from 'react';
import { useClientKey } from '@/components/forms/use-client-key';
import { approveIndicatorReportAction, returnIndicatorReportAction, submitIndicatorReportAction } from '@/lib/actions/indicators';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>;
type T = Messages['indicators'];

function FieldError({ state, name }: { state: ActionResult<unknown> | null; name: string }) {
  const text = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return text ? (
    <span className="error" data-testid={`error-${name}`}>
      {text}
    </span>
  ) : null;
}

function Outcome({ state, saved }: { state: ActionResult<unknown> | null; saved: string }) {
  if (!state) return null;
  return state.ok ? (
    <span className="ok" role="status">
      {saved}
    </span>
  ) : (
    <span className="error" role="alert" data-testid="form-error">
      {state.message}
    </span>
  );
}

function useAction(action: Action) {
  return useActionState<ActionResult<unknown> | null, FormData>(action, null);
}

/** 填报: one year's measured value of one indicator, with its source, method and date. */
export function ReportForm({ indicatorId, unit, t, defaultYear, today }: { indicatorId: number; unit: string; t: T; defaultYear: number; today: string }) {
  const [state, run, pending] = useAction(submitIndicatorReportAction);
  const [clientKey, renew] = useClientKey();
  useEffect(() => {
    if (state?.ok) renew();
  }, [state, renew]);
  const field = (label: string, name: string, input: ReactNode) => (
    <label>
      {label}
      {input}
      <FieldError state={state} name={name} />
    </label>
  );
  return (
    <form action={run} className="stack" data-testid={`report-form-${indicatorId}`}>
      <input type="hidden" name="clientKey" value={clientKey} />
      <input type="hidden" name="indicatorId" value={indicatorId} />
      {field(t.year, 'year', <input type="number" name="year" min={2021} max={2035} step={1} defaultValue={defaultYear} required />)}
      {field(`${t.value} (${unit})`, 'value', <input type="text" name="value" inputMode="decimal" required autoComplete="off" />)}
      {field(t.source, 'source', <input type="text" name="source" required minLength={2} maxLength={500} />)}
      {field(t.method, 'method', <textarea name="method" required minLength={2} maxLength={1000} />)}
      {field(t.measuredOn, 'measuredOn', <input type="date" name="measuredOn" max={today} required />)}
      {field(t.changeReason, 'changeReason', <textarea name="changeReason" maxLength={2000} />)}
      <button type="submit" className="primary" disabled={pending}>
        {t.submit}
      </button>
      <Outcome state={state} saved={t.saved} />
    </form>
  );
}

/** 审核: a reviewer other than the one who reported approves (and so publishes) or returns with a reason. */
export function DecideForms({ submissionId, t }: { submissionId: number; t: T }) {
  const [approved, approve, approving] = useAction(approveIndicatorReportAction);
  const [returned, giveBack, returning] = useAction(returnIndicatorReportAction);
  return (
    <div className="stack">
      <form action={approve} className="inline-form" data-testid={`approve-${submissionId}`}>
        <input type="hidden" name="submissionId" value={submissionId} />
        <button type="submit" className="secondary" disabled={approving}>
          {t.approve}
        </button>
        <Outcome state={approved} saved={t.saved} />
      </form>
      <form action={giveBack} className="inline-form" data-testid={`return-${submissionId}`}>
        <input type="hidden" name="submissionId" value={submissionId} />
        <label>
          {t.returnReason}
          <input type="text" name="reason" required minLength={4} maxLength={2000} />
        </label>
        <button type="submit" className="secondary" disabled={returning}>
          {t.return}
        </button>
        <Outcome state={returned} saved={t.saved} />
      </form>
    </div>
  );
}
