'use client';

import { useState, useTransition } from 'react';
import { openEvaluationAction } from '@/lib/actions/evaluation';

/** Starts the self-evaluation of an accepted application; the action goes on to its form. */
export function OpenEvaluationButton({ applicationId, label }: { applicationId: number; label: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        data-testid={`open-evaluation-${applicationId}`}
        onClick={() =>
          start(async () => {
            const res = await openEvaluationAction({ applicationId });
            if (res && !res.ok) setError(res.message);
          })
        }
      >
        {label}
      </button>
      {error && (
        <span className="error" role="status">
          {error}
        </span>
      )}
    </>
  );
}
