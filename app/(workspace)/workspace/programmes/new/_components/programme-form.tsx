'use client';

import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { AmountField, type AmountLabels } from '@/components/forms/amount-field';
import { useClientKey } from '@/components/forms/use-client-key';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { createProgrammeAction } from '@/lib/actions/ledger';
import { programmeSchema } from '@/lib/schemas/ledger';
import type { z } from 'zod';

type Input = z.input<typeof programmeSchema>;

export function ProgrammeForm({ labels, messages, today }: { labels: AmountLabels & Record<string, string>; messages: Record<string, string>; today: string }) {
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const [fileErrors, setFileErrors] = useState<Record<string, string>>({});
  const { register, handleSubmit, watch, setError, formState } = useForm<Input>({
    resolver: zodResolver(programmeSchema),
    defaultValues: { clientKey, unit: 'wan', fiscalYear: Number(today.slice(0, 4)), openedOn: today, matchingLevel: '', matchingPercent: '' },
  });
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const err = (name: keyof Input) => formState.errors[name] && <span className="field-error">{t(formState.errors[name]?.message as string)}</span>;

  async function onSubmit(_: unknown, event?: React.BaseSyntheticEvent) {
    setStatus(null);
    setFileErrors({});
    const form = event?.target as HTMLFormElement;
    const data = new FormData(form);
    data.set('clientKey', clientKey);
    const res = await createProgrammeAction(data);
    if (res.ok) {
      setStatus({ ok: true, text: res.data.replayed ? labels.replayed! : labels.recorded!.replace('{id}', String(res.data.id)) });
      renewKey();
      return;
    }
    const fe = res.fieldErrors ?? {};
    for (const [field, text] of Object.entries(fe)) {
      if (field === 'rules' || field === 'guideline') setFileErrors((prev) => ({ ...prev, [field]: text }));
      else setError(field as keyof Input, { message: text });
    }
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate encType="multipart/form-data" data-testid="programme-form">
      <input type="hidden" {...register('clientKey')} value={clientKey} />
      <label>
        {labels.code}
        <input {...register('code')} placeholder="SX-2026-01" />
        {err('code')}
      </label>
      <label>
        {labels.name}
        <input {...register('name')} />
        {err('name')}
      </label>
      <label>
        {labels.year}
        <input inputMode="numeric" {...register('fiscalYear')} />
        {err('fiscalYear')}
      </label>
      <AmountField register={register} watch={watch} labels={labels} error={t(formState.errors.amount?.message)} />
      <label>
        {labels.purpose}
        <textarea rows={3} {...register('purpose')} />
        {err('purpose')}
      </label>
      <label>
        {labels.openedOn}
        <input type="date" {...register('openedOn')} />
        {err('openedOn')}
      </label>
      <label>
        {labels.docNumber}
        <input {...register('docNumber')} placeholder="晋财资环〔2026〕12号" />
        {err('docNumber')}
      </label>
      <label>
        {labels.matchingLevel}
        <select {...register('matchingLevel')}>
          <option value="">{labels.none}</option>
          <option value="provincial">{labels.provincial}</option>
          <option value="municipal">{labels.municipal}</option>
          <option value="county">{labels.county}</option>
        </select>
      </label>
      <label>
        {labels.matchingPercent}
        <input inputMode="decimal" {...register('matchingPercent')} />
        {err('matchingPercent')}
      </label>
      <label>
        {labels.rules}
        <input type="file" name="rules" accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg" />
        {fileErrors.rules && <span className="field-error">{fileErrors.rules}</span>}
      </label>
      <label>
        {labels.guideline}
        <input type="file" name="guideline" accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg" />
        {fileErrors.guideline && <span className="field-error">{fileErrors.guideline}</span>}
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={labels.submit!} submitting={labels.submitting!} />
    </form>
  );
}
