import { CompletenessGaps } from '@/components/disclosure/completeness-gaps';
import { CompletenessTable } from '@/components/disclosure/completeness-table';
import { getCompleteness } from '@/lib/dal/public/disclosure';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function CompletenessPage() {
  const [{ m, locale }, c] = await Promise.all([getI18n(), getCompleteness()]);
  const d = m.disclosure;
  // Every obligation has exactly one responsible organisation: its rows list each gap once.
  const gaps = c.byOrganisation.flatMap((r) => r.gaps).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <>
      <h1>{d.completenessTitle}</h1>
      <p className="lead">{d.completenessLead}</p>
      <h2>{d.gapsTitle}</h2>
      <CompletenessGaps gaps={gaps} m={m} locale={locale} />
      <h2>{d.byProgramme}</h2>
      <CompletenessTable rows={c.byProgramme} m={m} locale={locale} testId="completeness-programmes" />
      <h2>{d.byCounty}</h2>
      <CompletenessTable rows={c.byCounty} m={m} locale={locale} testId="completeness-counties" />
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
