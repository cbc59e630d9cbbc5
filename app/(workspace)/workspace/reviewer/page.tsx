import { WorkItemsTable } from '@/components/workflow/work-items-table';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { LANDINGS } from '@/lib/auth/landing';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { myInbox, overdueInOrganisation } from '@/lib/dal/workflow/queries';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function ReviewerPage() {
  const ctx = await requirePage(LANDINGS.reviewer.permission, LANDINGS.reviewer.path);
  const [{ m, locale }, items, overdue] = await Promise.all([getI18n(), myInbox(ctx), overdueInOrganisation(ctx)]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.reviewerTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      <h2>{m.workflow.inbox}</h2>
      <WorkItemsTable items={items} m={m} locale={locale} empty={m.workflow.inboxEmpty} testId="inbox" />
      <h2>{m.workflow.overdueTitle}</h2>
      <WorkItemsTable items={overdue} m={m} locale={locale} empty={m.workflow.overdueEmpty} testId="overdue" />
    </>
  );
}
