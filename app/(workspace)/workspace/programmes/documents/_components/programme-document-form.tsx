'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useClientKey } from '@/components/forms/use-client-key';
import { FormFooter, type FormStatus } from '@/components/forms/form-footer';
import { NamedOption } from '@/components/ui/local-name';
import { addProgrammeDocumentAction } from '@/lib/actions/ledger';
import type { Locale } from '@/lib/i18n';

export interface ProgrammeDocumentFormProps {
  programmes: { id: number; code: string; name: string; nameEn: string | null; versions: Partial<Record<'management_rules' | 'application_guideline', number>> }[];
  labels: Record<'programme' | 'rules' | 'guideline' | 'docNumber' | 'changeReason' | 'file' | 'submit' | 'submitting' | 'published', string>;
  locale: Locale;
}

/** Publishes a programme's rules or guideline after it was opened; replacing one asks why. */
export function ProgrammeDocumentForm({ programmes, labels, locale }: ProgrammeDocumentFormProps) {
  const router = useRouter();
  const [clientKey, renewKey] = useClientKey();
  const [status, setStatus] = useState<FormStatus>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  return (
    <form
      className="stack"
      data-testid="programme-document-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const fd = new FormData(e.currentTarget);
        fd.set('clientKey', clientKey);
        const res = await addProgrammeDocumentAction(fd);
        setPending(false);
        if (res.ok) {
          renewKey();
          setErrors({});
          setStatus({ ok: true, text: labels.published });
          router.refresh();
        } else {
          setErrors(res.fieldErrors ?? {});
          setStatus({ ok: false, text: res.message });
        }
      }}
    >
      <label>
        {labels.programme}
        <select name="programmeId">
          {programmes.map((p) => (
            <NamedOption
              key={p.id}
              option={{ ...p, value: String(p.id) }}
              locale={locale}
              extra={` · ${labels.rules} v${p.versions.management_rules ?? 0} · ${labels.guideline} v${p.versions.application_guideline ?? 0}`}
            />
          ))}
        </select>
      </label>
      <label>
        <select name="kind" aria-label={labels.rules}>
          <option value="management_rules">{labels.rules}</option>
          <option value="application_guideline">{labels.guideline}</option>
        </select>
      </label>
      <label>
        {labels.docNumber}
        <input name="docNumber" placeholder="阳财建〔2026〕12号" />
        {errors.docNumber && <span className="field-error">{errors.docNumber}</span>}
      </label>
      <label>
        {labels.changeReason}
        <input name="changeReason" />
        {errors.changeReason && <span className="field-error">{errors.changeReason}</span>}
      </label>
      <label>
        {labels.file}
        <input type="file" name="file" accept=".pdf,.doc,.docx,.xls,.xlsx" />
        {errors.file && <span className="field-error">{errors.file}</span>}
      </label>
      <FormFooter status={status} pending={pending} submit={labels.submit} submitting={labels.submitting} />
    </form>
  );
}
