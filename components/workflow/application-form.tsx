'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { useClientKey } from '@/components/forms/use-client-key';
import { NamedOption } from '@/components/ui/local-name';
import { INDICATOR_CATEGORIES, INDICATOR_SUBCATEGORIES, PROJECT_TYPES } from '@/lib/domain/vocabulary';
import { createApplicationAction, updateApplicationAction } from '@/lib/actions/workflow';
import type { ApplicationChoices } from '@/lib/dal/workflow/applications';
import { formatExact, parseAmount } from '@/lib/domain/money';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { applicationSchema, type ApplicationFormInput } from '@/lib/schemas/workflow';

export interface ApplicationFormProps {
  choices: ApplicationChoices;
  w: Messages['workflow'];
  labels: { unitYuan: string; unitWan: string; submitting: string; projectTypes: Record<string, string> };
  locale: Locale;
  /** Message keys → text, for errors found in the browser. */
  messages: Record<string, string>;
  /** Editing a returned or draft application. */
  edit?: { applicationId: number; itemId: number; revision: number; values: Omit<ApplicationFormInput, 'clientKey'> };
}

const SOURCES = ['central', 'provincial', 'municipal', 'own'] as const;

export function ApplicationForm({ choices, w, labels, locale, messages, edit }: ApplicationFormProps) {
  const router = useRouter();
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const [files, setFiles] = useState<FileList | null>(null);
  const year = new Date().getFullYear();
  const { register, handleSubmit, setError, formState, control, getValues } = useForm<ApplicationFormInput>({
    resolver: zodResolver(applicationSchema),
    defaultValues: edit ? { ...edit.values, clientKey } : {
      clientKey,
      projectId: choices.projects[0]?.id ?? '',
      newProjectName: '',
      projectType: '',
      fiscalYear: year,
      countyId: choices.counties[0]?.id,
      town: '',
      unit: 'wan',
      central: '',
      provincial: '',
      municipal: '',
      own: '',
      targets: [{ category: 'output', subcategory: 'quantity', name: '', unit: '', targetValue: '' }],
    },
  });
  const targets = useFieldArray({ control, name: 'targets' });
  const projectId = useWatch({ control, name: 'projectId' });
  const unit = useWatch({ control, name: 'unit' });
  const amounts = useWatch({ control, name: [...SOURCES] });
  const t = (key?: string) => (key ? (messages[key] ?? key) : undefined);
  const err = (name: string) => {
    const e = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], formState.errors) as { message?: string } | undefined;
    return e?.message ? <span className="field-error">{t(e.message)}</span> : null;
  };

  async function onSubmit() {
    setStatus(null);
    const values = getValues();
    const fd = new FormData();
    for (const [k, v] of Object.entries({ ...values, clientKey })) if (k !== 'targets' && v !== undefined) fd.set(k, String(v));
    fd.set('targets', JSON.stringify(values.targets));
    if (edit) {
      fd.set('applicationId', String(edit.applicationId));
      fd.set('expectedRevision', String(edit.revision));
    }
    for (const f of Array.from(files ?? [])) fd.append('attachments', f);
    const res = edit ? await updateApplicationAction(fd) : await createApplicationAction(fd);
    if (res.ok) {
      renewKey();
      setStatus({ ok: true, text: w.saved });
      router.push(`/workspace/items/${edit ? edit.itemId : 'itemId' in res.data ? res.data.itemId : ''}`);
      router.refresh();
      return;
    }
    for (const [field, text] of Object.entries(res.fieldErrors ?? {})) setError(field as keyof ApplicationFormInput, { message: text });
    setStatus({ ok: false, text: res.message });
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate data-testid="application-form">
      <input type="hidden" {...register('clientKey')} value={clientKey} />
      {!edit && (
        <label>
          {w.project}
          <select {...register('projectId')}>
            {choices.projects.map((p) => (
              <NamedOption key={p.id} option={{ value: String(p.id), code: p.code, name: p.name, nameEn: null }} locale={locale} />
            ))}
            <option value="">{w.newProject}</option>
          </select>
          {err('projectId')}
        </label>
      )}
      {!edit && String(projectId) === '' && (
        <>
          <label>
            {w.newProjectName}
            <input {...register('newProjectName')} />
            {err('newProjectName')}
          </label>
          <label>
            {w.projectType}
            <select {...register('projectType')}>
              <option value="">—</option>
              {PROJECT_TYPES.map((p) => (
                <option key={p} value={p}>
                  {labels.projectTypes[p] ?? p}
                </option>
              ))}
            </select>
            {err('projectType')}
          </label>
        </>
      )}
      <label>
        {w.fiscalYear}
        <input type="number" inputMode="numeric" {...register('fiscalYear')} />
        {err('fiscalYear')}
      </label>
      <label>
        {w.county}
        <select {...register('countyId')}>
          {choices.counties.map((c) => (
            <NamedOption key={c.id} option={{ value: String(c.id), name: c.name, nameEn: c.nameEn }} locale={locale} />
          ))}
        </select>
        {err('countyId')}
      </label>
      <label>
        {w.town}
        <input list="towns" {...register('town')} />
        <datalist id="towns">
          {choices.towns.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
      </label>
      <div className="amount-row">
        <label>
          {w.plannedStart}
          <input type="date" {...register('plannedStart')} />
          {err('plannedStart')}
        </label>
        <label>
          {w.plannedEnd}
          <input type="date" {...register('plannedEnd')} />
          {err('plannedEnd')}
        </label>
      </div>
      <label>
        {w.description}
        <textarea rows={4} {...register('description')} />
        {err('description')}
      </label>
      <fieldset className="stack">
        <legend>
          {w.requested}{' '}
          <select aria-label={labels.unitWan} {...register('unit')}>
            <option value="wan">{labels.unitWan}</option>
            <option value="yuan">{labels.unitYuan}</option>
          </select>
        </legend>
        {SOURCES.map((s, i) => {
          const parsed = amounts[i] ? parseAmount(String(amounts[i]), unit === 'yuan' ? 'yuan' : 'wan') : null;
          return (
            <label key={s}>
              {w.sources[s]}
              <input inputMode="decimal" autoComplete="off" {...register(s)} name={s} />
              <span className="muted">{parsed?.ok ? formatExact(parsed.fen, locale) : ''}</span>
              {err(s)}
            </label>
          );
        })}
      </fieldset>
      <fieldset className="stack">
        <legend>{w.targets}</legend>
        {err('targets')}
        {targets.fields.map((f, i) => (
          <div key={f.id} className="amount-row" data-testid="target-row">
            <select aria-label={w.category} {...register(`targets.${i}.category`)}>
              {INDICATOR_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {w.categories[c]}
                </option>
              ))}
            </select>
            <select aria-label={w.category} {...register(`targets.${i}.subcategory`)}>
              {INDICATOR_SUBCATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {w.subcategories[c]}
                </option>
              ))}
            </select>
            <input aria-label={w.targetName} placeholder={w.targetName} {...register(`targets.${i}.name`)} />
            <input aria-label={w.targetUnit} placeholder={w.targetUnit} {...register(`targets.${i}.unit`)} size={6} />
            <input aria-label={w.targetValueLabel} placeholder={w.targetValueLabel} inputMode="decimal" {...register(`targets.${i}.targetValue`)} size={8} />
            {targets.fields.length > 1 && (
              <button type="button" onClick={() => targets.remove(i)}>
                {w.remove}
              </button>
            )}
            {err(`targets.${i}.name`)}
            {err(`targets.${i}.unit`)}
            {err(`targets.${i}.targetValue`)}
          </div>
        ))}
        <button type="button" onClick={() => targets.append({ category: 'output', subcategory: 'quality', name: '', unit: '', targetValue: '' })}>
          {w.addTarget}
        </button>
      </fieldset>
      <label>
        {w.attachments}
        <input type="file" multiple name="attachments" onChange={(e) => setFiles(e.target.files)} />
      </label>
      <FormFooter status={status} pending={formState.isSubmitting} submit={edit ? w.editApplication : w.saveDraft} submitting={labels.submitting} />
    </form>
  );
}
