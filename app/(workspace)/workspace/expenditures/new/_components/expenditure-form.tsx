'use client';

import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { z } from 'zod';
import { AmountField, type AmountLabels } from '@/components/forms/amount-field';
import { useClientKey } from '@/components/forms/use-client-key';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { NamedOption } from '@/components/ui/local-name';
import { recordExpenditureAction } from '@/lib/actions/ledger';
import type { Locale } from '@/lib/i18n';
import type { NamedOption as Opt } from '@/lib/dal/ledger/named';
import { expenditureSchema } from '@/lib/schemas/ledger';

type Input = z.input<typeof expenditureSchema>;
export function ExpenditureForm({ options, labels, messages, today, locale }: { options: { programmes: Opt[]; pairs: (Opt & { programmeId: string })[] }; labels: AmountLabels & Record<string, string>; messages: Record<string, string>; today: string; locale: Locale }) {
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const [evidenceError, setEvidenceError] = useState<string | null>(null);
  const { register, handleSubmit, watch, getValues, setError, formState, control } = useForm<Input>({
    resolver: zodResolver(expenditureSchema),
    defaultValues: { clientKey, unit: 'yuan', spentOn: today },
  });
  const programmeId = useWatch({ control, name: 'programmeId' });
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const err = (name: keyof Input) => formState.errors[name] && <span className="field-error">{t(formState.errors[name]?.message as string)}</span>;

  async function onSubmit(_: unknown, event?: React.BaseSyntheticEvent) {
    setStatus(null);
    setEvidenceError(null);
    const data = new FormData();
    for (const [k, v] of Object.entries(getValues())) data.set(k, String(v ?? ''));
    data.set('clientKey', clientKey);
    const file = (event?.target as HTMLFormElement | undefined)?.querySelector<HTMLInputElement>('input[name="evidence"]')?.files?.[0];
    if (file) data.set('evidence', file);
    const res = await recordExpenditureAction(data);
    if (res.ok) {
      setStatus({ ok: true, text: res.data.replayed ? labels.replayed! : labels.recorded!.replace('{id}', String(res.data.id)) });
      renewKey();
      return;
    }
    for (const [field, text] of Object.entries(res.fieldErrors ?? {})) {
      if (field === 'evidence') setEvidenceError(text);
      else setError(field as keyof Input, { message: text });
    }
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="expenditure-form">
      <label>
        {labels.programme}
        <select {...register('programmeId')}>
          <option value="">{labels.choose}</option>
          {options.programmes.map((o) => (
            <NamedOption key={o.value} option={o} locale={locale} />
          ))}
        </select>
        {err('programmeId')}
      </label>
      <label>
        {labels.payee}
        <select {...register('payeeRef')}>
          <option value="">{labels.choose}</option>
          {options.pairs
            .filter((p) => p.programmeId === String(programmeId ?? ''))
            .map((o) => (
              <NamedOption key={o.value} option={o} locale={locale} />
            ))}
        </select>
        {err('payeeRef')}
      </label>
      <AmountField register={register} watch={watch} labels={labels} error={t(formState.errors.amount?.message)} />
      <label>
        {labels.spentOn}
        <input type="date" {...register('spentOn')} />
        {err('spentOn')}
      </label>
      <label>
        {labels.voucherNo}
        <input {...register('voucherNo')} />
        {err('voucherNo')}
      </label>
      <label>
        {labels.description}
        <input {...register('description')} />
        {err('description')}
      </label>
      <label>
        {labels.evidence}
        <input type="file" name="evidence" accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg" />
        {evidenceError && <span className="field-error">{evidenceError}</span>}
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={labels.submit!} submitting={labels.submitting!} />
    </form>
  );
}
