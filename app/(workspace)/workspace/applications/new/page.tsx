import { ApplicationForm } from '@/components/workflow/application-form';
import { PROJECT_TYPE_NAMES } from '@/lib/domain/vocabulary';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { applicationChoices } from '@/lib/dal/workflow/applications';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function NewApplicationPage() {
  const ctx = await requirePage('project.apply', '/workspace/applications/new');
  const [{ m, locale }, choices] = await Promise.all([getI18n(), applicationChoices(ctx)]);
  const projectTypes = Object.fromEntries(Object.entries(PROJECT_TYPE_NAMES).map(([k, [zh, en]]) => [k, locale === 'en' ? en : zh]));
  return (
    <>
      <h1>{m.workflow.newApplication}</h1>
      <ApplicationForm choices={choices} w={m.workflow} locale={locale} messages={formMessages(locale)} labels={{ unitYuan: m.ledgerUi.unitYuan, unitWan: m.ledgerUi.unitWan, submitting: m.ledgerUi.submitting, projectTypes }} />
    </>
  );
}
