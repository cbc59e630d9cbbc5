import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { WorkspaceFeedbackList } from '@/components/participation/workspace-feedback-list';
import { LANDINGS } from '@/lib/auth/landing';
import { moderationQueue } from '@/lib/dal/participation/moderation';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** The moderator's desk: new items first (oldest first), then what is still open. */
export default async function ModeratorPage() {
  const ctx = await requirePage(LANDINGS.moderator.permission, LANDINGS.moderator.path);
  const [{ m, locale }, items] = await Promise.all([getI18n(), moderationQueue(ctx)]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.moderatorTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      <h2>{m.workspace.feedbackQueue}</h2>
      <WorkspaceFeedbackList rows={items} p={m.participation} locale={locale} testId="moderation-queue" />
    </>
  );
}
