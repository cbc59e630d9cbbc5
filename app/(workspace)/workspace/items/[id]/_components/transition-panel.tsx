'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { transitionAction } from '@/lib/actions/workflow';
import type { AvailableAction } from '@/lib/dal/workflow/queries';
import type { FundOptionDto } from '@/lib/dal/workflow/applications';
import { NamedOption } from '@/components/ui/local-name';
import { formatExact } from '@/lib/domain/money';
import type { Messages } from '@/lib/i18n/zh';

type Sources = 'central' | 'provincial' | 'municipal';

export interface TransitionPanelProps {
  itemId: number;
  revision: number;
  /** Only the actions the actor may take; refused ones are not shown (the server refuses them anyway). */
  actions: AvailableAction[];
  locale: 'zh' | 'en';
  w: Messages['workflow'];
  /** For funding a project: the sources it asks for and the programmes that can pay each. */
  fund?: { needed: Sources[]; options: Record<Sources, FundOptionDto[]>; today: string };
}

export function TransitionPanel({ itemId, revision, actions, locale, w, fund }: TransitionPanelProps) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  // The outcome shows once the page has re-read the item, so the next step uses its new revision.
  const [refreshing, startRefresh] = useTransition();
  const [status, setStatus] = useState<{ ok: boolean; text: string; fields?: Record<string, string> } | null>(null);
  const [fundValues, setFundValues] = useState(() => ({
    central: String(fund?.options.central[0]?.id ?? ''),
    provincial: String(fund?.options.provincial[0]?.id ?? ''),
    municipal: String(fund?.options.municipal[0]?.id ?? ''),
    docNumber: '',
    transferDate: fund?.today ?? '',
  }));
  const statusLine = status && !refreshing && (
    <p className={status.ok ? 'ok' : 'error'} role="status" data-testid="transition-status">
      {status.text}
    </p>
  );
  if (actions.length === 0) {
    return (
      <div className="stack" data-testid="transition-panel" data-revision={revision}>
        <p className="muted">{w.noActions}</p>
        {statusLine}
      </div>
    );
  }
  const needsFund = actions.some((a) => a.effects.includes('fund_project'));

  async function take(a: AvailableAction) {
    setPending(a.action);
    setStatus(null);
    const res = await transitionAction({
      itemId,
      action: a.action,
      expectedRevision: revision,
      reason: a.reason === 'none' ? '' : reason,
      fund: a.effects.includes('fund_project') ? fundValues : undefined,
    });
    if (res.ok) {
      setReason('');
      startRefresh(() => {
        router.refresh();
        setStatus({ ok: true, text: w.moved.replace('{stage}', locale === 'en' ? res.data.stageNameEn : res.data.stageName) });
        setPending(null);
      });
    } else {
      setPending(null);
      setStatus({ ok: false, text: res.message, fields: res.fieldErrors });
    }
  }

  return (
    <div className="stack" data-testid="transition-panel" data-revision={revision}>
      {actions.some((a) => a.reason !== 'none') && (
        <label>
          {w.reasonLabel}
          <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} aria-invalid={!!status?.fields?.reason} />
          {status?.fields?.reason && <span className="field-error">{status.fields.reason}</span>}
        </label>
      )}
      {needsFund && fund && (
        <fieldset className="stack">
          {fund.needed.map((s) => (
            <label key={s}>
              {w.fundProgramme.replace('{source}', w.sources[s])}
              <select value={fundValues[s]} onChange={(e) => setFundValues({ ...fundValues, [s]: e.target.value })} name={`fund-${s}`}>
                {/* An <option> holds text only: the balance is the one formatter's exact text. */}
                {fund.options[s].map((o) => (
                  <NamedOption key={o.id} option={{ ...o, value: String(o.id) }} locale={locale} extra={` · ${formatExact(BigInt(o.balanceFen), locale)}`} />
                ))}
              </select>
              {status?.fields?.[s] && <span className="field-error">{status.fields[s]}</span>}
            </label>
          ))}
          <label>
            {w.fundDocNumber}
            <input name="fund-docNumber" value={fundValues.docNumber} onChange={(e) => setFundValues({ ...fundValues, docNumber: e.target.value })} placeholder="盂财建〔2026〕21号" />
            {status?.fields?.['fund.docNumber'] && <span className="field-error">{status.fields['fund.docNumber']}</span>}
          </label>
          <label>
            {w.fundDate}
            <input type="date" name="fund-date" value={fundValues.transferDate} onChange={(e) => setFundValues({ ...fundValues, transferDate: e.target.value })} />
          </label>
        </fieldset>
      )}
      <div className="inline-form">
        {actions.map((a) => (
          <button key={a.action} type="button" className={a.reason === 'required' ? undefined : 'primary'} disabled={pending !== null || refreshing} onClick={() => take(a)} data-action={a.action}>
            {locale === 'en' ? a.nameEn : a.name}
          </button>
        ))}
      </div>
      {statusLine}
    </div>
  );
}
