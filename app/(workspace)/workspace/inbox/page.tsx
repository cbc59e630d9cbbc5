import { OverdueObligations } from '@/components/disclosure/overdue-obligations';
import { WorkItemsTable } from '@/components/workflow/work-items-table';
import { can } from '@/lib/auth/permissions';
import { listOverdueObligations } from '@/lib/dal/disclosure/deadlines';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { myInbox, overdueInOrganisation } from '@/lib/dal/workflow/queries';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function InboxPage() {
  const ctx = await requirePage('workspace.enter', '/workspace/inbox');
  const supervises = can(ctx.actor.role, 'workflow.supervise');
  // What the organisation owes the public past its deadline is work for whoever publishes for it.
  const publishes = can(ctx.actor.role, 'publication.correct');
  const [{ m, locale }, mine, overdue, owed] = await Promise.all([
    getI18n(),
    myInbox(ctx),
    supervises ? overdueInOrganisation(ctx) : Promise.resolve(null),
    publishes ? listOverdueObligations(ctx) : Promise.resolve(null),
  ]);
  return (
    <>
      <h1>{m.workflow.inbox}</h1>
      <WorkItemsTable items={mine} m={m} locale={locale} empty={m.workflow.inboxEmpty} testId="inbox" />
      {owed && (
        <>
          <h2>{m.disclosure.myOverdue}</h2>
          <OverdueObligations rows={owed} m={m} locale={locale} testId="inbox-overdue-obligations" />
        </>
      )}
      {overdue && (
        <>
          <h2>{m.workflow.overdueTitle}</h2>
          <WorkItemsTable items={overdue} m={m} locale={locale} empty={m.workflow.overdueEmpty} testId="overdue" />
        </>
      )}
    </>
  );
}
