import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { WorkspaceFeedbackList } from '@/components/participation/workspace-feedback-list';
import { can } from '@/lib/auth/permissions';
import { assignedToMyOrganisation } from '@/lib/dal/participation/answers';
import { reportsForAuditors } from '@/lib/dal/participation/items';
import { moderationQueue } from '@/lib/dal/participation/moderation';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** 公众留言 in the workspace: each role sees its part — the queue, its organisation's items to answer, the reports. */
export default async function WorkspaceFeedbackPage() {
  const ctx = await requirePage('workspace.enter', '/workspace/feedback');
  const { m, locale } = await getI18n();
  const p = m.participation;
  const [queue, mine, reports] = await Promise.all([
    can(ctx.actor, 'feedback.moderate') ? moderationQueue(ctx) : null,
    can(ctx.actor, 'feedback.answer') ? assignedToMyOrganisation(ctx) : null,
    can(ctx.actor, 'feedback.audit') ? reportsForAuditors(ctx) : null,
  ]);
  return (
    <>
      <WorkspaceHeader title={p.title} actor={ctx.actor} m={m} locale={locale} />
      {queue && (
        <section>
          <h2>{p.ws.queue}</h2>
          <WorkspaceFeedbackList rows={queue} p={p} locale={locale} testId="moderation-queue" />
        </section>
      )}
      {mine && (
        <section>
          <h2>{p.ws.assigned}</h2>
          <WorkspaceFeedbackList rows={mine} p={p} locale={locale} testId="assigned-feedback" />
        </section>
      )}
      {reports && (
        <section>
          <h2>{p.ws.reports}</h2>
          <WorkspaceFeedbackList rows={reports} p={p} locale={locale} testId="feedback-reports" />
        </section>
      )}
      {!queue && !mine && !reports && <p className="muted">{p.none}</p>}
    </>
  );
}
