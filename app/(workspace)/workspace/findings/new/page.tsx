import { RecordFindingForm } from './_components/record-finding-form';
import { ROUTES } from '@/lib/auth/routes';
import { findingSubject } from '@/lib/dal/audit/findings';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { chinaToday } from '@/lib/domain/china-date';
import { FINDING_SUBJECT_TYPES, type FindingSubjectType } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** An auditor records a finding: first the subject (from an item's page, or typed here), then the form. */
export default async function NewFindingPage({ searchParams }: { searchParams: Promise<{ type?: string; ref?: string }> }) {
  const ctx = await requirePage('finding.record', '/workspace/findings/new');
  const { type: rawType, ref } = await searchParams;
  const type = (FINDING_SUBJECT_TYPES as readonly string[]).includes(rawType ?? '') ? (rawType as FindingSubjectType) : null;
  const [{ m, locale }, subject] = await Promise.all([
    getI18n(),
    type && ref
      ? findingSubject(ctx, type, ref).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'not_found') return null;
          throw e;
        })
      : Promise.resolve(null),
  ]);
  const f = m.findings;
  return (
    <>
      <h1>{f.newFinding}</h1>
      <form method="get" action={ROUTES.newFinding.path} className="filters" data-testid="finding-subject-form">
        <label>
          {f.subjectType}
          <select name="type" defaultValue={type ?? 'transfer'}>
            {FINDING_SUBJECT_TYPES.map((t) => (
              <option key={t} value={t}>
                {f.subjectTypes[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {f.subjectRef}
          <input name="ref" defaultValue={ref ?? ''} maxLength={200} aria-describedby="subject-ref-hint" />
        </label>
        <button type="submit" className="secondary">
          {f.show}
        </button>
      </form>
      <p className="muted" id="subject-ref-hint">
        {f.subjectRefHint}
      </p>
      {type && ref && !subject && (
        <p className="error" role="alert" data-testid="finding-subject-unknown">
          {f.unknownSubject}
        </p>
      )}
      {type && ref && subject && (
        <section>
          <h2>
            {f.subject}
            {m.app.colon}
            <span lang="zh-CN" data-testid="finding-subject">
              {subject.label}
            </span>
          </h2>
          <RecordFindingForm
            subjectType={type}
            subjectRef={ref}
            organisations={subject.allowed.map((o) => ({ value: String(o.id), code: o.code, name: o.name, nameEn: o.nameEn }))}
            chooseRequired={type === 'flag'}
            today={chinaToday()}
            locale={locale}
            t={f}
            messages={formMessages(locale)}
          />
        </section>
      )}
    </>
  );
}
