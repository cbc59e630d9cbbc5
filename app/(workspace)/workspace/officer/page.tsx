import { HoldingsTable } from './_components/holdings-table';
import { TransfersList } from '@/components/ledger/transfers-list';
import { WorkItemsTable } from '@/components/workflow/work-items-table';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { LANDINGS } from '@/lib/auth/landing';
import { listHoldings, recentTransfers } from '@/lib/dal/ledger/holdings';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { myInbox } from '@/lib/dal/workflow/queries';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function OfficerPage() {
  const ctx = await requirePage(LANDINGS.finance_officer.permission, LANDINGS.finance_officer.path);
  const [{ m, locale }, holdings, transfers, inbox] = await Promise.all([getI18n(), listHoldings(ctx), recentTransfers(ctx), myInbox(ctx)]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.officerTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      <h2>{m.workflow.inbox}</h2>
      <WorkItemsTable items={inbox} m={m} locale={locale} empty={m.workflow.inboxEmpty} testId="inbox" />
      <h2>{m.workspace.holdings}</h2>
      <HoldingsTable rows={holdings} m={m} locale={locale} />
      <h2>{m.workspace.recentTransfers}</h2>
      <TransfersList rows={transfers} m={m} locale={locale} />
    </>
  );
}
