'use client';

import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { z } from 'zod';
import { AmountField, type AmountLabels } from '@/components/forms/amount-field';
import { useClientKey } from '@/components/forms/use-client-key';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { reverseTransferAction } from '@/lib/actions/ledger';
import { reversalSchema } from '@/lib/schemas/ledger';

type Input = z.input<typeof reversalSchema>;

/** A correction never edits: it records a reversing entry that points at the original. */
export function ReversalForm({ reversesId, labels, messages, today }: { reversesId: number; labels: AmountLabels & Record<string, string>; messages: Record<string, string>; today: string }) {
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const { register, handleSubmit, watch, getValues, setError, formState } = useForm<Input>({
    resolver: zodResolver(reversalSchema),
    defaultValues: { clientKey, unit: 'yuan', transferDate: today, reversesId },
  });
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const err = (name: keyof Input) => formState.errors[name] && <span className="field-error">{t(formState.errors[name]?.message as string)}</span>;

  async function onSubmit() {
    setStatus(null);
    const res = await reverseTransferAction({ ...getValues(), clientKey });
    if (res.ok) {
      setStatus({ ok: true, text: res.data.replayed ? labels.replayed! : labels.recorded!.replace('{id}', String(res.data.id)) });
      renewKey();
      return;
    }
    for (const [field, text] of Object.entries(res.fieldErrors ?? {})) setError(field as keyof Input, { message: text });
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="reversal-form">
      <label>
        {labels.reversesId}
        <input inputMode="numeric" {...register('reversesId')} />
        {err('reversesId')}
      </label>
      <AmountField register={register} watch={watch} labels={labels} error={t(formState.errors.amount?.message)} />
      <label>
        {labels.date}
        <input type="date" {...register('transferDate')} />
        {err('transferDate')}
      </label>
      <label>
        {labels.docNumber}
        <input {...register('docNumber')} />
        {err('docNumber')}
      </label>
      <label>
        {labels.reason}
        <input {...register('note')} />
        {err('note')}
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={labels.submit!} submitting={labels.submitting!} />
    </form>
  );
}
