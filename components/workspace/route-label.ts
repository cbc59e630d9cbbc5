import type { RouteKey } from '@/lib/auth/routes';
import type { Messages } from '@/lib/i18n/zh';

/** The label a link to a workspace route carries, in the reader's language. */
export function routeLabel(m: Messages, key: RouteKey): string {
  const u = m.ledgerUi.nav;
  const labels: Record<RouteKey, string> = {
    inbox: m.workflow.inbox,
    notifications: m.workflow.notifications,
    applications: m.workflow.applications,
    newApplication: m.workflow.newApplication,
    batches: m.formula.batches,
    newBatch: m.formula.newBatch,
    newFormula: m.formula.newVersion,
    programmes: u.programmes,
    newProgramme: u.newProgramme,
    programmeDocuments: m.ledger.publishDocument,
    transfers: u.transfers,
    newTransfer: u.newTransfer,
    reverseTransfer: m.ledgerUi.reverse,
    newExpenditure: u.expenditure,
    import: u.import,
    chain: u.chain,
    matching: u.matching,
    disclosure: m.disclosure.title,
    corrections: m.disclosure.correction,
    users: m.admin.users,
    organisations: m.admin.organisations,
    workflows: m.workflow.definitions,
    securityLog: m.auth.securityLog,
    findings: m.findings.title,
    newFinding: m.findings.newFinding,
    feedback: m.participation.title,
    evaluations: m.evaluation.listTitle,
    indicators: m.indicators.title,
    trace: m.trace.title,
    reconciliationFlags: m.flags.toFlags,
    reconciliationOverview: m.flags.toOverview,
  };
  return labels[key];
}
