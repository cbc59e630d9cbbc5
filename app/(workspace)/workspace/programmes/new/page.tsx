import { ProgrammeForm } from './_components/programme-form';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function NewProgrammePage() {
  await requirePage('programme.write', '/workspace/programmes/new');
  const { m, locale } = await getI18n();
  const u = m.ledgerUi;
  return (
    <>
      <h1>{u.nav.newProgramme}</h1>
      <ProgrammeForm
        today={new Date().toISOString().slice(0, 10)}
        messages={formMessages(locale)}
        labels={{
          amount: u.total,
          unitYuan: u.unitYuan,
          unitWan: u.unitWan,
          echo: u.amountEcho,
          code: u.code,
          name: u.name,
          year: u.year,
          purpose: u.purpose,
          openedOn: u.openedOn,
          docNumber: u.docNumber,
          matchingLevel: u.matchingLevel,
          matchingPercent: u.matchingPercent,
          none: u.none,
          provincial: m.level.provincial,
          municipal: m.level.municipal,
          county: m.level.county,
          rules: u.rules,
          guideline: u.guideline,
          submit: u.submit,
          submitting: u.submitting,
          recorded: u.recorded,
          replayed: m.form.replayed,
        }}
      />
    </>
  );
}
