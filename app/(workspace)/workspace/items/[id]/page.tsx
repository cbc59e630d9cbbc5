import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BatchDetail } from './_components/batch-detail';
import { ApplicationDetail } from './_components/application-detail';
import { FollowButton } from './_components/follow-button';
import { Timeline } from './_components/timeline';
import { TransitionPanel } from './_components/transition-panel';
import { AsTyped, LocalName, Official } from '@/components/ui/local-name';
import { Template } from '@/components/ui/template';
import { can } from '@/lib/auth/permissions';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { batchDetail } from '@/lib/dal/formulas/batches';
import { applicationDetail, fundOptions } from '@/lib/dal/workflow/applications';
import { isFollowing } from '@/lib/dal/workflow/follows';
import { publicTimeline } from '@/lib/dal/public/timeline';
import { workItem } from '@/lib/dal/workflow/queries';
import { evaluationOfApplication } from '@/lib/dal/evaluation/evaluations';
import { AppError } from '@/lib/errors';
import { chinaToday } from '@/lib/domain/china-date';
import { stageDef } from '@/lib/domain/workflow';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

export default async function WorkItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const itemId = idParam(id) ?? 0;
  const ctx = await requirePage('workspace.enter', `/workspace/items/${id}`);
  if (!itemId) notFound();
  const found = await workItem(ctx, itemId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') return null;
    throw e;
  });
  if (!found) notFound();
  const { item, def, timeline } = found;
  const { m, locale } = await getI18n();
  const w = m.workflow;
  // The approval of an evaluation is taken on the evaluation's own page, where the approver sees what they approve.
  const actions = found.actions.filter((a) => a.refusal === null && !a.effects.includes('publish_evaluation'));
  const evaluates = found.actions.some((a) => a.effects.includes('publish_evaluation')) || ['accepted', 'evaluated'].includes(item.stage);
  const application = item.kind === 'project_application' ? await applicationDetail(ctx, item.subjectId) : null;
  const batch = item.kind === 'allocation_batch' ? await batchDetail(ctx, item.subjectId) : null;
  const funding = actions.some((a) => a.effects.includes('fund_project')) && application && can(ctx.actor.role, 'transfer.record');
  const editable = (stageDef(def, item.stage)?.editable ?? false) && application && can(ctx.actor.role, 'project.apply') && application.applicantOrgId === ctx.actor.organisationId;
  const publicView = await publicTimeline(itemId);
  const evaluationId = evaluates && application ? await evaluationOfApplication(ctx, item.subjectId).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'not_found') return null;
          throw e;
        })
      : null;
  return (
    <>
      <h1>
        {item.code} · <Official>{item.title}</Official>
      </h1>
      <p>
        {w.kinds[item.kind]} · {w.stage}
        {m.app.colon}
        <strong data-testid="item-stage">{locale === 'en' ? item.stageNameEn : item.stageName}</strong>
        {item.dueAt && (
          <>
            {' '}
            · {w.dueAt}
            {m.app.colon}
            {item.dueAt.toISOString().slice(0, 10)}
            {item.overdue && <strong className="error"> {w.overdue}</strong>}
          </>
        )}
      </p>
      <FollowButton itemId={itemId} following={await isFollowing(ctx, itemId)} labels={{ follow: w.follow, unfollow: w.unfollow }} />
      {item.returnReason && (
        <p className="notice">
          <Template text={w.returnedBecause} values={{ reason: <AsTyped text={item.returnReason} /> }} />
        </p>
      )}
      {application && <ApplicationDetail a={application} m={m} locale={locale} itemId={itemId} />}
      {editable && (
        <p>
          <Link className="link-button" href={`/workspace/items/${itemId}/edit`}>
            {w.editApplication}
          </Link>
        </p>
      )}
      {evaluates && application && (
        <p>
          <Link className="link-button" href={evaluationId ? `/workspace/evaluations/${evaluationId}` : '/workspace/evaluations'} data-testid="item-evaluation">
            {m.evaluation.title}
          </Link>
        </p>
      )}
      {batch && <BatchDetail b={batch} stage={item.stage} revision={item.revision} m={m} locale={locale} />}
      <h2>{w.actions}</h2>
      <TransitionPanel
        itemId={itemId}
        revision={item.revision}
        actions={actions}
        locale={locale}
        w={w}
        fund={
          funding && application
            ? {
                needed: (['central', 'provincial', 'municipal'] as const).filter((s) => application.requested[s] > 0n),
                options: await fundOptions(ctx),
                today: chinaToday(),
              }
            : undefined
        }
      />
      <h2>{w.timeline}</h2>
      <Timeline entries={timeline} m={m} locale={locale} />
      <details>
        <summary>{w.publicTimeline}</summary>
        <ol data-testid="public-timeline">
          {publicView.map((e, i) => (
            <li key={i}>
              {locale === 'en' ? e.stageNameEn : e.stageName} · {e.at.slice(0, 10)} · <LocalName zh={e.organisationName} en={e.organisationNameEn} locale={locale} />
              {e.officerName && (
                <>
                  {' · '}
                  <AsTyped text={e.officerName} />
                </>
              )}
            </li>
          ))}
        </ol>
      </details>
    </>
  );
}
