import { CompletenessTable } from '@/components/disclosure/completeness-table';
import { getCompleteness } from '@/lib/dal/public/disclosure';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function CompletenessPage() {
  const [{ m, locale }, c] = await Promise.all([getI18n(), getCompleteness()]);
  const d = m.disclosure;
  return (
    <>
      <h1>{d.completenessTitle}</h1>
      <p className="lead">{d.completenessLead}</p>
      <h2>{d.byProgramme}</h2>
      <CompletenessTable rows={c.byProgramme} m={m} locale={locale} testId="completeness-programmes" />
      <h2>{d.byOrganisation}</h2>
      <CompletenessTable rows={c.byOrganisation} m={m} locale={locale} testId="completeness-organisations" />
      {c.byProject.length > 0 && (
        <>
          <h2>{d.byProject}</h2>
          <CompletenessTable rows={c.byProject} m={m} locale={locale} testId="completeness-projects" />
        </>
      )}
    </>
  );
}
