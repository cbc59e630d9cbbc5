'use client';

import { useActionState } from 'react';
import { setPoorGradeRuleAction } from '@/lib/actions/admin';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type Result = ActionResult<null> | null;

/** The administrator's rule for a 差 grade: no adjustment, a reduction by a percentage, or a stop. */
export function PoorGradeRuleForm({ mode, percent, e, saved }: { mode: 'none' | 'reduce' | 'stop'; percent: string; e: Messages['evaluation']; saved: string }) {
  const [state, action, pending] = useActionState<Result, FormData>(setPoorGradeRuleAction, null);
  return (
    <form action={action} className="stack" data-testid="poor-grade-rule">
      <label>
        {e.ruleMode}
        <select name="mode" defaultValue={mode}>
          {(['none', 'reduce', 'stop'] as const).map((m) => (
            <option key={m} value={m}>
              {e.ruleModes[m]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {e.rulePercentLabel}
        <input name="percent" inputMode="decimal" defaultValue={percent} size={6} />
        {state && !state.ok && state.fieldErrors?.percent && <span className="field-error">{state.fieldErrors.percent}</span>}
      </label>
      <div className="inline-form">
        <button className="secondary" type="submit" disabled={pending}>
          {e.ruleSave}
        </button>
        {state?.ok && <span className="ok">{saved}</span>}
        {state && !state.ok && !state.fieldErrors?.percent && (
          <span className="error" role="alert">
            {state.message}
          </span>
        )}
      </div>
    </form>
  );
}
