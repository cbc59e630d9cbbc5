import { notFound } from 'next/navigation';
import { ApplicationForm } from '@/components/workflow/application-form';
import { PROJECT_TYPE_NAMES } from '@/lib/domain/vocabulary';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { applicationChoices, applicationDetail } from '@/lib/dal/workflow/applications';
import { workItem } from '@/lib/dal/workflow/queries';
import { amountInput } from '@/lib/domain/money';
import { stageDef } from '@/lib/domain/workflow';
import { AppError } from '@/lib/errors';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

/** The requested amounts as typed in 万元 (the form's unit), exactly. */
const wan = (fen: bigint) => amountInput(fen, 'wan');

export default async function EditApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePage('project.apply', `/workspace/items/${id}/edit`);
  const itemId = idParam(id);
  const found = itemId ? await workItem(ctx, itemId).catch((e: unknown) => (e instanceof AppError ? null : Promise.reject(e))) : null;
  if (!found || found.item.kind !== 'project_application') notFound();
  const a = await applicationDetail(ctx, found.item.subjectId);
  if (!a || a.applicantOrgId !== ctx.actor.organisationId || !stageDef(found.def, found.item.stage)?.editable) notFound();
  const [{ m, locale }, choices] = await Promise.all([getI18n(), applicationChoices(ctx)]);
  const projectTypes = Object.fromEntries(Object.entries(PROJECT_TYPE_NAMES).map(([k, [zh, en]]) => [k, locale === 'en' ? en : zh]));
  return (
    <>
      <h1>
        {m.workflow.editApplication} · {a.code}
      </h1>
      <ApplicationForm
        choices={choices}
        w={m.workflow}
        locale={locale}
        messages={formMessages(locale)}
        labels={{ unitYuan: m.ledgerUi.unitYuan, unitWan: m.ledgerUi.unitWan, submitting: m.ledgerUi.submitting, projectTypes }}
        edit={{
          applicationId: a.id,
          itemId: found.item.id,
          revision: found.item.revision,
          values: {
            projectId: a.projectId,
            newProjectName: '',
            projectType: '',
            fiscalYear: a.fiscalYear,
            countyId: a.countyId,
            town: a.town ?? '',
            plannedStart: a.plannedStart,
            plannedEnd: a.plannedEnd,
            description: a.description,
            unit: 'wan',
            central: wan(a.requested.central),
            provincial: wan(a.requested.provincial),
            municipal: wan(a.requested.municipal),
            own: wan(a.requested.own),
            targets: a.targets.map((t) => ({ ...t, targetValue: t.targetValue.replace(/\.?0+$/, '') })) as never,
          },
        }}
      />
    </>
  );
}
