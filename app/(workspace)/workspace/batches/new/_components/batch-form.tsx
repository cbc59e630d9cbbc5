'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { AmountField, type AmountLabels } from '@/components/forms/amount-field';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { useClientKey } from '@/components/forms/use-client-key';
import { NamedOption, typedLang } from '@/components/ui/local-name';
import { createBatchAction } from '@/lib/actions/formulas';
import { formatExact } from '@/lib/domain/money';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { batchSchema, type BatchFormInput } from '@/lib/schemas/formulas';

export interface BatchFormProps {
  programmes: { id: number; code: string; name: string; nameEn: string | null; balanceFen: string }[];
  versions: { id: number; programmeId: number; version: number; description: string }[];
  f: Messages['formula'];
  messages: Record<string, string>;
  labels: AmountLabels & { submitting: string; docNumber: string; choose: string };
  locale: Locale;
}

export function BatchForm({ programmes, versions, f, messages, labels, locale }: BatchFormProps) {
  const router = useRouter();
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const { register, handleSubmit, control, formState, getValues, setError, watch } = useForm<BatchFormInput>({
    resolver: zodResolver(batchSchema),
    defaultValues: { clientKey, programmeId: programmes[0]?.id, recipientKind: 'government', unit: 'wan', title: '', docNumber: '' },
  });
  const programmeId = Number(useWatch({ control, name: 'programmeId' }));
  const own = versions.filter((v) => v.programmeId === programmeId);
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);

  async function onSubmit() {
    setStatus(null);
    const res = await createBatchAction({ ...getValues(), clientKey });
    if (res.ok) {
      renewKey();
      router.push(`/workspace/items/${res.data.itemId}`);
      return;
    }
    for (const [field, text] of Object.entries(res.fieldErrors ?? {})) setError(field as keyof BatchFormInput, { message: text });
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="batch-form">
      <label>
        {f.batches}
        <select {...register('programmeId')}>
          {/* An <option> holds text only: the balance is the one formatter's exact text. */}
          {programmes.map((p) => (
            <NamedOption key={p.id} option={{ ...p, value: String(p.id) }} locale={locale} extra={` · ${formatExact(BigInt(p.balanceFen), locale)}`} />
          ))}
        </select>
      </label>
      <label>
        {f.version}
        <select {...register('formulaVersionId')}>
          <option value="">{labels.choose}</option>
          {own.map((v) => (
            <option key={v.id} value={v.id} lang={typedLang(v.description)}>
              {f.versionN.replace('{version}', String(v.version))} · {v.description.slice(0, 40)}
            </option>
          ))}
        </select>
        {formState.errors.formulaVersionId && <span className="field-error">{t(formState.errors.formulaVersionId.message)}</span>}
      </label>
      <label>
        {f.recipientKind}
        <select {...register('recipientKind')}>
          <option value="government">{f.recipientKinds.government}</option>
          <option value="project">{f.recipientKinds.project}</option>
        </select>
      </label>
      <label>
        {f.title}
        <input {...register('title')} />
        {formState.errors.title && <span className="field-error">{t(formState.errors.title.message)}</span>}
      </label>
      <AmountField register={register} watch={watch} labels={labels} error={t(formState.errors.amount?.message)} />
      <label>
        {labels.docNumber}
        <input {...register('docNumber')} placeholder="阳财建〔2026〕30号" />
        {formState.errors.docNumber && <span className="field-error">{t(formState.errors.docNumber.message)}</span>}
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={f.newBatch} submitting={labels.submitting} />
    </form>
  );
}
