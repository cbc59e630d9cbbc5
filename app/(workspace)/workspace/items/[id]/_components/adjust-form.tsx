'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { adjustResultAction } from '@/lib/actions/formulas';
import type { Messages } from '@/lib/i18n/zh';

/** A manual change to one computed amount; it needs a reason, and clearing it restores the formula's amount. */
export function AdjustForm({ batchId, revision, recipient, f }: { batchId: number; revision: number; recipient: string; f: Messages['formula']; locale: string }) {
  const router = useRouter();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(clear: boolean) {
    const res = await adjustResultAction({ batchId, expectedRevision: revision, recipient, unit: 'yuan', amount: clear ? '' : amount, reason: clear ? '' : reason });
    if (res.ok) {
      setError(null);
      router.refresh();
    } else setError(Object.values(res.fieldErrors ?? {})[0] ?? res.message);
  }

  return (
    <details>
      <summary>{f.adjust}</summary>
      <div className="stack">
        <input aria-label={f.adjusted} placeholder={f.adjusted} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        <input aria-label={f.adjustmentReasonLabel} placeholder={f.adjustmentReasonLabel} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="inline-form">
          <button type="button" onClick={() => submit(false)}>
            {f.adjust}
          </button>
          <button type="button" onClick={() => submit(true)}>
            {f.clearAdjustment}
          </button>
        </div>
        {error && <span className="field-error">{error}</span>}
      </div>
    </details>
  );
}
