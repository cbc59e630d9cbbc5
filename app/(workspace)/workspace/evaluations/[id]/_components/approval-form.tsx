'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { approveEvaluationAction } from '@/lib/actions/evaluation';
import type { Messages } from '@/lib/i18n/zh';
import { ReturnForm } from './return-form';

/** The second person's decision: approve (and so publish) or send back to review. */
export function ApprovalForm({ evaluationId, revision, e, messages }: { evaluationId: number; revision: number; e: Messages['evaluation']; messages: Record<string, string> }) {
  const router = useRouter();
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function approve() {
    setPending(true);
    setStatus(null);
    const res = await approveEvaluationAction({ evaluationId, expectedRevision: revision, reason: note });
    setPending(false);
    if (res.ok) {
      setStatus({ ok: true, text: e.approved });
      router.refresh();
      return;
    }
    setStatus({ ok: false, text: res.message });
  }
  return (
    <div className="stack" data-testid="approval-form">
      <label>
        {e.approvalNote}
        <textarea rows={2} value={note} onChange={(ev) => setNote(ev.target.value)} />
      </label>
      {status && (
        <p className={status.ok ? 'ok' : 'error'} role="status" data-testid="form-status">
          {status.text}
        </p>
      )}
      <button type="button" className="primary" disabled={pending} onClick={approve} data-testid="approve-evaluation">
        {e.approve}
      </button>
      <ReturnForm evaluationId={evaluationId} revision={revision} label={e.returnToEvaluator} e={e} messages={messages} />
    </div>
  );
}
