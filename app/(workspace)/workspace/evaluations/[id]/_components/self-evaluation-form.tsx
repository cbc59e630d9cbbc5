'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, type BaseSyntheticEvent } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { saveSelfEvaluationAction } from '@/lib/actions/evaluation';
import { weightBpOf, weightPercent } from '@/lib/domain/evaluation';
import { INDICATOR_CATEGORIES, INDICATOR_DIRECTIONS, INDICATOR_SUBCATEGORIES, SCORING_RULES } from '@/lib/domain/vocabulary';
import type { Messages } from '@/lib/i18n/zh';
import { selfEvaluationSchema } from '@/lib/schemas/evaluation';

type FormValues = z.input<typeof selfEvaluationSchema>;

export interface SelfEvaluationFormProps {
  evaluationId: number;
  revision: number;
  values: Pick<FormValues, 'summary' | 'indicators'>;
  /** Evidence already kept, by indicator id. */
  evidence: Record<number, { filename: string; sha256: string }[]>;
  e: Messages['evaluation'];
  categories: Record<string, string>;
  subcategories: Record<string, string>;
  submitting: string;
  messages: Record<string, string>;
}

const safeBp = (w: string | undefined) => (w && /^\d{1,3}(\.\d{1,2})?$/.test(w.trim()) ? weightBpOf(w.trim()) : 0);

/** 项目单位自评: the indicator set with its weights and actual values, and evidence per indicator. */
export function SelfEvaluationForm({ evaluationId, revision, values, evidence, e, categories, subcategories, submitting, messages }: SelfEvaluationFormProps) {
  const router = useRouter();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, setError, setValue, formState, control, getValues } = useForm<FormValues>({
    resolver: zodResolver(selfEvaluationSchema),
    defaultValues: { evaluationId, expectedRevision: revision, intent: 'save', ...values },
  });
  const rows = useFieldArray({ control, name: 'indicators' });
  const watched = useWatch({ control, name: 'indicators' });
  const sumBp = (watched ?? []).reduce((s, i) => s + safeBp(i?.weight), 0);
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const err = (name: string) => {
    const found = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], formState.errors) as { message?: string; root?: { message?: string } } | undefined;
    const message = found?.message ?? found?.root?.message;
    return message ? <span className="field-error">{t(message)}</span> : null;
  };

  async function onSubmit(_values: unknown, event?: BaseSyntheticEvent) {
    const form = (event?.target as HTMLFormElement | undefined) ?? null;
    setStatus(null);
    const v = getValues();
    const fd = new FormData();
    fd.set('evaluationId', String(evaluationId));
    fd.set('expectedRevision', String(revision));
    fd.set('intent', String(v.intent));
    fd.set('summary', v.summary ?? '');
    fd.set('indicators', JSON.stringify(v.indicators));
    const files = new FormData(form ?? undefined);
    v.indicators.forEach((_, i) => {
      for (const f of files.getAll(`evidence.${i}`)) if (f instanceof File && f.size > 0) fd.append(`evidence.${i}`, f);
    });
    const res = await saveSelfEvaluationAction(fd);
    if (res.ok) {
      // New indicators now have ids, and the files sent are kept: the next save must not add them again.
      res.data.indicatorIds.forEach((id, i) => setValue(`indicators.${i}.id`, id));
      form?.querySelectorAll<HTMLInputElement>('input[type=file]').forEach((input) => (input.value = ''));
      setStatus({ ok: true, text: e.saved });
      router.refresh();
      return;
    }
    for (const [field, text] of Object.entries(res.fieldErrors ?? {})) setError(field as 'summary', { message: text });
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="self-evaluation-form">
      <label>
        {e.summary}
        <textarea rows={4} {...register('summary')} data-testid="self-summary" />
        {err('summary')}
      </label>
      <fieldset className="stack">
        <legend>{e.indicators}</legend>
        <p data-testid="weight-sum" className={sumBp === 10_000 ? 'muted' : 'error'}>
          {e.weightSum.replace('{sum}', weightPercent(sumBp))}
        </p>
        {err('indicators')}
        {rows.fields.map((f, i) => {
          const id = watched?.[i]?.id;
          const kept = typeof id === 'number' ? (evidence[id] ?? []) : [];
          return (
            <fieldset key={f.id} className="stack indicator-row" data-testid="indicator-row">
              <legend>{watched?.[i]?.name || `#${i + 1}`}</legend>
              <div className="indicator-fields">
                <label>
                  {e.category}
                  <select {...register(`indicators.${i}.category`)}>
                    {INDICATOR_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {categories[c] ?? c}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {e.subcategory}
                  <select {...register(`indicators.${i}.subcategory`)}>
                    {INDICATOR_SUBCATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {subcategories[c] ?? c}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <label>
                {e.name}
                <input {...register(`indicators.${i}.name`)} />
                {err(`indicators.${i}.name`)}
              </label>
              <div className="indicator-fields">
                <label>
                  {e.unit}
                  <input size={8} {...register(`indicators.${i}.unit`)} />
                  {err(`indicators.${i}.unit`)}
                </label>
                <label>
                  {e.weight}
                  <input size={6} inputMode="decimal" {...register(`indicators.${i}.weight`)} data-testid={`weight-${i}`} />
                  {err(`indicators.${i}.weight`)}
                </label>
                <label>
                  {e.target}
                  <input size={10} inputMode="decimal" {...register(`indicators.${i}.target`)} />
                  {err(`indicators.${i}.target`)}
                </label>
                <label>
                  {e.selfValue}
                  <input size={10} inputMode="decimal" {...register(`indicators.${i}.selfValue`)} data-testid={`self-value-${i}`} />
                  {err(`indicators.${i}.selfValue`)}
                </label>
              </div>
              <div className="indicator-fields">
                <label>
                  {e.direction}
                  <select {...register(`indicators.${i}.direction`)}>
                    {INDICATOR_DIRECTIONS.map((d) => (
                      <option key={d} value={d}>
                        {e.directions[d]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {e.rule}
                  <select {...register(`indicators.${i}.rule`)}>
                    {SCORING_RULES.map((r) => (
                      <option key={r} value={r}>
                        {e.rules[r]}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <label>
                {e.source}
                <input {...register(`indicators.${i}.source`)} data-testid={`source-${i}`} />
                {err(`indicators.${i}.source`)}
              </label>
              <label className="inline">
                <input type="checkbox" {...register(`indicators.${i}.evidenceRequired`)} /> {e.evidenceRequiredLabel}
              </label>
              {kept.length > 0 && (
                <ul className="muted">
                  {kept.map((d) => (
                    <li key={d.sha256}>
                      {d.filename} · <code className="hash">{d.sha256.slice(0, 16)}…</code>
                    </li>
                  ))}
                </ul>
              )}
              <label>
                {e.evidenceUpload}
                <input type="file" name={`evidence.${i}`} multiple data-testid={`evidence-${i}`} />
                {err(`indicators.${i}.evidence`)}
              </label>
              {rows.fields.length > 1 && (
                <button type="button" onClick={() => rows.remove(i)}>
                  {e.remove}
                </button>
              )}
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => rows.append({ id: '', category: 'effect', subcategory: 'ecological', name: '', unit: '', weight: '', direction: 'higher_better', rule: 'proportional', target: '', selfValue: '', evidenceRequired: true, source: '', note: '' })}
        >
          {e.addIndicator}
        </button>
      </fieldset>
      {status && (
        <p className={status.ok ? 'ok' : 'error'} role="status" data-testid="form-status">
          {status.text}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" disabled={formState.isSubmitting} onClick={() => setValue('intent', 'save')}>
          {formState.isSubmitting ? submitting : e.save}
        </button>
        <button className="primary" type="submit" disabled={formState.isSubmitting} onClick={() => setValue('intent', 'submit')} data-testid="submit-self-evaluation">
          {formState.isSubmitting ? submitting : e.submit}
        </button>
      </div>
    </form>
  );
}
