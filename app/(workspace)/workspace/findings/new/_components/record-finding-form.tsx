'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { useClientKey } from '@/components/forms/use-client-key';
import { NamedOption } from '@/components/ui/local-name';
import { recordFindingAction } from '@/lib/actions/findings';
import { FINDING_SEVERITIES, type FindingSubjectType } from '@/lib/domain/vocabulary';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { recordFindingSchema } from '@/lib/schemas/findings';

type Input = z.input<typeof recordFindingSchema>;
type Option = { value: string; code: string; name: string; nameEn: string };

/** 记录审计发现: severity, text, required action, due date and, where the subject allows several, the organisation that must answer. */
export function RecordFindingForm({ subjectType, subjectRef, organisations, chooseRequired, today, locale, t, messages }: {
  subjectType: FindingSubjectType;
  subjectRef: string;
  organisations: Option[];
  chooseRequired: boolean;
  today: string;
  locale: Locale;
  t: Messages['findings'];
  messages: Record<string, string>;
}) {
  const [clientKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const { register, handleSubmit, getValues, setError, formState } = useForm<Input>({
    resolver: zodResolver(recordFindingSchema),
    defaultValues: { clientKey, subjectType, subjectRef, responsibleOrgId: chooseRequired ? '' : (organisations[0]?.value ?? ''), dueDate: '' } as unknown as Input,
  });
  const text = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const err = (name: keyof Input) =>
    formState.errors[name] && (
      <span className="field-error" data-testid={`error-${name}`}>
        {text(formState.errors[name]?.message as string)}
      </span>
    );

  async function onSubmit() {
    setStatus(null);
    const data = new FormData();
    for (const [k, v] of Object.entries(getValues())) data.set(k, String(v ?? ''));
    data.set('clientKey', clientKey);
    const res = await recordFindingAction(data);
    // Success redirects to the finding's page.
    if (!res || res.ok) return;
    for (const [field, message] of Object.entries(res.fieldErrors ?? {})) setError(field as keyof Input, { message });
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="record-finding-form">
      <input type="hidden" {...register('subjectType')} />
      <input type="hidden" {...register('subjectRef')} />
      <label>
        {t.responsible}
        <select {...register('responsibleOrgId')}>
          {chooseRequired && <option value="">—</option>}
          {organisations.map((o) => (
            <NamedOption key={o.value} option={o} locale={locale} />
          ))}
        </select>
        {err('responsibleOrgId')}
      </label>
      <label>
        {t.severity}
        <select {...register('severity')} defaultValue="">
          <option value="">—</option>
          {FINDING_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t.severities[s]}
            </option>
          ))}
        </select>
        {err('severity')}
      </label>
      <label>
        {t.findingTitle}
        <input {...register('title')} maxLength={200} />
        {err('title')}
      </label>
      <label>
        {t.body}
        <textarea {...register('body')} maxLength={4000} rows={5} />
        {err('body')}
      </label>
      <label>
        {t.requiredAction}
        <textarea {...register('requiredAction')} maxLength={2000} rows={3} />
        {err('requiredAction')}
      </label>
      <label>
        {t.dueDate}
        <input type="date" min={today} {...register('dueDate')} />
        {err('dueDate')}
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={t.record} submitting={t.submitting} />
    </form>
  );
}
