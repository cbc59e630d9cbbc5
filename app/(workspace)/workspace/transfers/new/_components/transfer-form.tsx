'use client';

import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { AmountField, type AmountLabels } from '@/components/forms/amount-field';
import { useClientKey } from '@/components/forms/use-client-key';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { NamedOption } from '@/components/ui/local-name';
import { recordTransferAction } from '@/lib/actions/ledger';
import { formatExact } from '@/lib/domain/money';
import type { Locale } from '@/lib/i18n';
import { transferSchema, type TransferFormInput } from '@/lib/schemas/ledger';
import type { FundOption, Option } from '@/lib/dal/ledger/transfer-options';

export interface TransferFormProps {
  options: { sources: Option[]; funds: FundOption[]; organisations: Option[]; projects: Option[]; payees: Option[] };
  labels: AmountLabels & Record<'programme' | 'from' | 'to' | 'date' | 'docNumber' | 'kind' | 'note' | 'choose' | 'submit' | 'submitting' | 'recorded' | 'replayed' | 'held' | 'allocation' | 'payment' | 'disbursement', string>;
  /** Message keys → text, for errors found in the browser before anything is sent. */
  messages: Record<string, string>;
  today: string;
  locale: Locale;
}

export function TransferForm({ options, labels, messages, today, locale }: TransferFormProps) {
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const { register, handleSubmit, watch, getValues, setError, formState, reset, control } = useForm<TransferFormInput>({
    resolver: zodResolver(transferSchema),
    defaultValues: { clientKey, unit: 'yuan', kind: 'allocation', transferDate: today, fromRef: options.sources[0]?.value ?? '', note: '' },
  });
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const fromRef = useWatch({ control, name: 'fromRef' });
  const kind = useWatch({ control, name: 'kind' });
  const funds = options.funds.filter((f) => f.sourceRef === fromRef);
  const targets = kind === 'allocation' ? options.organisations : kind === 'payment' ? options.projects : options.payees;

  async function onSubmit() {
    setStatus(null);
    const raw = { ...getValues(), clientKey };
    const res = await recordTransferAction(raw);
    if (res.ok) {
      setStatus({ ok: true, text: res.data.replayed ? labels.replayed : labels.recorded.replace('{id}', String(res.data.id)) });
      renewKey();
      reset({ ...raw, clientKey: '', amount: '', docNumber: '', note: '' });
      return;
    }
    for (const [field, text] of Object.entries(res.fieldErrors ?? {})) setError(field as keyof TransferFormInput, { message: text });
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="transfer-form">
      <input type="hidden" {...register('clientKey')} value={clientKey} />
      <label>
        {labels.from}
        <select {...register('fromRef')}>
          {options.sources.map((o) => (
            <NamedOption key={o.value} option={o} locale={locale} />
          ))}
        </select>
      </label>
      <label>
        {labels.kind}
        <select {...register('kind')}>
          <option value="allocation">{labels.allocation}</option>
          <option value="payment">{labels.payment}</option>
          <option value="disbursement">{labels.disbursement}</option>
        </select>
      </label>
      <label>
        {labels.programme}
        <select {...register('programmeId')} aria-invalid={!!formState.errors.programmeId}>
          <option value="">{labels.choose}</option>
          {/* An <option> holds text only, so the balance is the one formatter's exact text rather than <Money>. */}
          {funds.map((f) => (
            <NamedOption key={`${f.sourceRef}-${f.programmeId}`} option={f} locale={locale} extra={` · ${labels.held.replace('{amount}', formatExact(BigInt(f.balanceFen), locale))}`} />
          ))}
        </select>
        {formState.errors.programmeId && <span className="field-error">{t(formState.errors.programmeId.message)}</span>}
      </label>
      <label>
        {labels.to}
        <select {...register('toRef')} aria-invalid={!!formState.errors.toRef}>
          <option value="">{labels.choose}</option>
          {targets.map((o) => (
            <NamedOption key={o.value} option={o} locale={locale} />
          ))}
        </select>
        {formState.errors.toRef && <span className="field-error">{t(formState.errors.toRef.message)}</span>}
      </label>
      <AmountField register={register} watch={watch} labels={labels} error={t(formState.errors.amount?.message)} />
      <label>
        {labels.date}
        <input type="date" {...register('transferDate')} aria-invalid={!!formState.errors.transferDate} />
        {formState.errors.transferDate && <span className="field-error">{t(formState.errors.transferDate.message)}</span>}
      </label>
      <label>
        {labels.docNumber}
        <input {...register('docNumber')} placeholder="晋财资环〔2026〕12号" aria-invalid={!!formState.errors.docNumber} />
        {formState.errors.docNumber && <span className="field-error">{t(formState.errors.docNumber.message)}</span>}
      </label>
      <label>
        {labels.note}
        <input {...register('note')} />
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={labels.submit!} submitting={labels.submitting!} />
    </form>
  );
}
