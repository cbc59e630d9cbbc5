'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { useClientKey } from '@/components/forms/use-client-key';
import { createFormulaVersionAction } from '@/lib/actions/formulas';
import type { Messages } from '@/lib/i18n/zh';
import { formulaVersionSchema, type FormulaVersionInput } from '@/lib/schemas/formulas';

export interface FormulaVersionFormProps {
  /** Each programme's code and name in the reader's language (`optionText`), `lang` when the name is quoted Chinese. */
  programmes: { id: number; text: string; lang?: string }[];
  initialProgrammeId?: number;
  f: Messages['formula'];
  messages: Record<string, string>;
  labels: { unitYuan: string; unitWan: string; submitting: string };
}

/** Factors, weights (which must add up to exactly 100 %), floor, cap and set-aside of a new formula version. */
export function FormulaVersionForm({ programmes, initialProgrammeId, f, messages, labels }: FormulaVersionFormProps) {
  const router = useRouter();
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const { register, handleSubmit, control, formState, getValues, setError } = useForm<FormulaVersionInput>({
    resolver: zodResolver(formulaVersionSchema),
    defaultValues: {
      clientKey,
      programmeId: initialProgrammeId ?? programmes[0]?.id,
      description: '',
      changeReason: '',
      unit: 'wan',
      floor: '',
      cap: '',
      setAsidePercent: '0',
      defaultPerformanceValue: '',
      factors: [{ code: 'AREA', name: '', unit: '', source: '', direction: 'more_is_more', weightPercent: '100', isPerformance: false }],
    },
  });
  const factors = useFieldArray({ control, name: 'factors' });
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const errorOf = (path: string) => {
    const e = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], formState.errors) as { message?: string; root?: { message?: string } } | undefined;
    const msg = e?.message ?? e?.root?.message;
    return msg ? <span className="field-error">{t(msg)}</span> : null;
  };

  async function onSubmit() {
    setStatus(null);
    const res = await createFormulaVersionAction({ ...getValues(), clientKey });
    if (res.ok) {
      renewKey();
      setStatus({ ok: true, text: f.versionN.replace('{version}', String(res.data.version)) });
      router.push('/workspace/batches/new');
      return;
    }
    for (const [field, text] of Object.entries(res.fieldErrors ?? {})) setError(field as keyof FormulaVersionInput, { message: text });
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="formula-version-form">
      <label>
        {f.batches}
        <select {...register('programmeId')}>
          {programmes.map((p) => (
            <option key={p.id} value={p.id} lang={p.lang}>
              {p.text}
            </option>
          ))}
        </select>
      </label>
      <label>
        {f.description}
        <textarea rows={3} {...register('description')} />
        {errorOf('description')}
      </label>
      <label>
        {f.changeReasonLabel} <span className="muted">{f.changeReasonHint}</span>
        <input {...register('changeReason')} />
        {errorOf('changeReason')}
      </label>
      <fieldset className="stack">
        <legend>{f.factors}</legend>
        {errorOf('factors')}
        {factors.fields.map((field, i) => (
          <div key={field.id} className="amount-row" data-testid="factor-row">
            <input aria-label={f.factorCodeLabel} placeholder={f.factorCodeLabel} size={8} {...register(`factors.${i}.code`)} />
            <input aria-label={f.factorName} placeholder={f.factorName} {...register(`factors.${i}.name`)} />
            <input aria-label={f.factorUnit} placeholder={f.factorUnit} size={6} {...register(`factors.${i}.unit`)} />
            <input aria-label={f.factorSource} placeholder={f.factorSource} {...register(`factors.${i}.source`)} />
            <select aria-label={f.direction} {...register(`factors.${i}.direction`)}>
              <option value="more_is_more">{f.directions.more_is_more}</option>
              <option value="less_is_more">{f.directions.less_is_more}</option>
            </select>
            <input aria-label={f.weight} placeholder={f.weight} size={6} inputMode="decimal" {...register(`factors.${i}.weightPercent`)} />
            <label>
              <input type="checkbox" {...register(`factors.${i}.isPerformance`)} /> {f.isPerformance}
            </label>
            {factors.fields.length > 1 && (
              <button type="button" onClick={() => factors.remove(i)}>
                ✕
              </button>
            )}
            {errorOf(`factors.${i}.code`)}
            {errorOf(`factors.${i}.name`)}
            {errorOf(`factors.${i}.source`)}
            {errorOf(`factors.${i}.weightPercent`)}
          </div>
        ))}
        <button type="button" onClick={() => factors.append({ code: '', name: '', unit: '', source: '', direction: 'more_is_more', weightPercent: '', isPerformance: false })}>
          {f.addFactor}
        </button>
      </fieldset>
      <div className="amount-row">
        <label>
          {f.floor}
          <input inputMode="decimal" {...register('floor')} />
          {errorOf('floor')}
        </label>
        <label>
          {f.cap}
          <input inputMode="decimal" {...register('cap')} />
          {errorOf('cap')}
        </label>
        <select aria-label={labels.unitWan} {...register('unit')}>
          <option value="wan">{labels.unitWan}</option>
          <option value="yuan">{labels.unitYuan}</option>
        </select>
      </div>
      <label>
        {f.setAsideLabel}
        <input inputMode="decimal" {...register('setAsidePercent')} />
        {errorOf('setAsidePercent')}
      </label>
      <label>
        {f.defaultPerformance}
        <input inputMode="decimal" {...register('defaultPerformanceValue')} />
        {errorOf('defaultPerformanceValue')}
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={f.newVersion} submitting={labels.submitting} />
    </form>
  );
}
