'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { returnEvaluationAction } from '@/lib/actions/evaluation';
import type { Messages } from '@/lib/i18n/zh';

/** Sends the evaluation back one step, always with its reason. */
export function ReturnForm({ evaluationId, revision, label, e, messages }: { evaluationId: number; revision: number; label: string; e: Messages['evaluation']; messages: Record<string, string> }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function send() {
    setPending(true);
    const res = await returnEvaluationAction({ evaluationId, expectedRevision: revision, reason });
    setPending(false);
    if (res.ok) {
      setError(null);
      router.refresh();
      return;
    }
    setError(res.fieldErrors?.reason ?? messages[res.message] ?? res.message);
  }
  return (
    <div className="stack">
      <label>
        {e.reason}
        <textarea rows={2} value={reason} onChange={(ev) => setReason(ev.target.value)} data-testid="return-reason" />
        {error && <span className="field-error">{error}</span>}
      </label>
      <button type="button" disabled={pending} onClick={send}>
        {label}
      </button>
    </div>
  );
}
