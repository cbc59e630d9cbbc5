import { AuditChainStatus } from './_components/audit-chain-status';
import { DriftTable } from './_components/drift-table';
import { TransfersList } from '@/components/ledger/transfers-list';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { LANDINGS } from '@/lib/auth/landing';
import { verifyAuditChain } from '@/lib/dal/audit/verify';
import { driftCheck } from '@/lib/dal/formulas/drift';
import { recentTransfers } from '@/lib/dal/ledger/holdings';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function AuditorPage() {
  const ctx = await requirePage(LANDINGS.auditor.permission, LANDINGS.auditor.path);
  const [{ m, locale }, chain, transfers, drift] = await Promise.all([getI18n(), verifyAuditChain(ctx), recentTransfers(ctx), driftCheck(ctx)]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.auditorTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      <AuditChainStatus chain={chain} m={m} />
      <DriftTable batches={drift.batches} lines={drift.lines} m={m} locale={locale} />
      <h2>{m.workspace.recentTransfers}</h2>
      <TransfersList rows={transfers} m={m} locale={locale} />
    </>
  );
}
