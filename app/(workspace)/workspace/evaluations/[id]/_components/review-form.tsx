'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { reviewEvaluationAction } from '@/lib/actions/evaluation';
import type { Messages } from '@/lib/i18n/zh';
import { reviewSchema } from '@/lib/schemas/evaluation';
import { ReturnForm } from './return-form';

export interface ReviewFormProps {
  evaluationId: number;
  revision: number;
  indicators: { id: number; name: string; unit: string; target: string | null; selfValue: string | null; actual: string | null }[];
  findings: string;
  corrections: string;
  e: Messages['evaluation'];
  messages: Record<string, string>;
}

/** 复核: the evaluator accepts or corrects each actual value, and writes findings and corrections; points follow from the rules. */
export function ReviewForm({ evaluationId, revision, indicators, findings: initialFindings, corrections: initialCorrections, e, messages }: ReviewFormProps) {
  const router = useRouter();
  const [actuals, setActuals] = useState<Record<number, string>>(() => Object.fromEntries(indicators.map((i) => [i.id, i.actual ?? i.selfValue ?? ''])));
  const [findings, setFindings] = useState(initialFindings);
  const [corrections, setCorrections] = useState(initialCorrections);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const t = (key: string) => messages[key] ?? key;

  async function send(intent: 'save' | 'complete') {
    setStatus(null);
    const value = { evaluationId, expectedRevision: revision, intent, actuals: indicators.map((i) => ({ indicatorId: i.id, actual: actuals[i.id] ?? '' })), findings, corrections };
    const checked = reviewSchema.safeParse(value);
    if (!checked.success) {
      setErrors(Object.fromEntries(checked.error.issues.map((i) => [i.path.join('.'), t(i.message)])));
      return;
    }
    setErrors({});
    setPending(true);
    const res = await reviewEvaluationAction(value);
    setPending(false);
    if (res.ok) {
      setStatus({ ok: true, text: `${e.saved} ${res.data.totalScore ? `${e.total} ${res.data.totalScore} · ${e.grade} ${res.data.grade ? e.grades[res.data.grade as keyof typeof e.grades] : ''}` : ''}` });
      router.refresh();
      return;
    }
    setErrors(res.fieldErrors ?? {});
    setStatus({ ok: false, text: res.message });
  }

  return (
    <div className="stack" data-testid="review-form">
      {indicators.map((i, n) => (
        <label key={i.id}>
          {i.name}（{e.target} {i.target ?? '—'} {i.unit} · {e.selfValue} {i.selfValue ?? '—'}）
          <input inputMode="decimal" value={actuals[i.id] ?? ''} onChange={(ev) => setActuals({ ...actuals, [i.id]: ev.target.value })} data-testid={`actual-${n}`} aria-label={`${e.actual} · ${i.name}`} />
          {errors[`actuals.${n}.actual`] && <span className="field-error">{errors[`actuals.${n}.actual`]}</span>}
        </label>
      ))}
      <label>
        {e.findings}
        <textarea rows={4} value={findings} onChange={(ev) => setFindings(ev.target.value)} data-testid="findings" />
        {errors.findings && <span className="field-error">{errors.findings}</span>}
      </label>
      <label>
        {e.corrections}
        <textarea rows={3} value={corrections} onChange={(ev) => setCorrections(ev.target.value)} data-testid="corrections" />
      </label>
      {status && (
        <p className={status.ok ? 'ok' : 'error'} role="status" data-testid="form-status">
          {status.text}
        </p>
      )}
      <div className="inline-form">
        <button type="button" disabled={pending} onClick={() => send('save')}>
          {e.saveReview}
        </button>
        <button type="button" className="primary" disabled={pending} onClick={() => send('complete')} data-testid="complete-review">
          {e.completeReview}
        </button>
      </div>
      <ReturnForm evaluationId={evaluationId} revision={revision} label={e.returnToUnit} e={e} messages={messages} />
    </div>
  );
}
