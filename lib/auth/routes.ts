import type { Role } from '@/lib/domain/vocabulary';
import { can, type Permission } from './permissions';

/**
 * Every workspace page a link may point to, with the permission its page requires (the same one
 * its `requirePage` call names; tests/unit/routes.test.ts holds them together). Links, menus and
 * landing pages are drawn from this list, so no role is shown a page that would refuse it.
 */
export const ROUTES = {
  inbox: { path: '/workspace/inbox', permission: 'workspace.enter' },
  notifications: { path: '/workspace/notifications', permission: 'workspace.enter' },
  applications: { path: '/workspace/applications', permission: 'project.read' },
  newApplication: { path: '/workspace/applications/new', permission: 'project.apply' },
  batches: { path: '/workspace/batches', permission: 'programme.read' },
  newBatch: { path: '/workspace/batches/new', permission: 'formula.write' },
  newFormula: { path: '/workspace/formulas/new', permission: 'formula.write' },
  programmes: { path: '/workspace/programmes', permission: 'programme.read' },
  newProgramme: { path: '/workspace/programmes/new', permission: 'programme.write' },
  programmeDocuments: { path: '/workspace/programmes/documents', permission: 'programme.write' },
  transfers: { path: '/workspace/transfers', permission: 'transfer.read' },
  newTransfer: { path: '/workspace/transfers/new', permission: 'transfer.record' },
  reverseTransfer: { path: '/workspace/transfers/reverse', permission: 'transfer.record' },
  newExpenditure: { path: '/workspace/expenditures/new', permission: 'transfer.record' },
  import: { path: '/workspace/import', permission: 'import.run' },
  chain: { path: '/workspace/chain', permission: 'transfer.read' },
  matching: { path: '/workspace/matching', permission: 'programme.read' },
  disclosure: { path: '/workspace/disclosure', permission: 'workspace.enter' },
  corrections: { path: '/workspace/disclosure/corrections', permission: 'publication.correct' },
  users: { path: '/workspace/admin', permission: 'user.manage' },
  organisations: { path: '/workspace/admin/organisations', permission: 'organisation.manage' },
  workflows: { path: '/workspace/admin/workflows', permission: 'settings.manage' },
  securityLog: { path: '/workspace/security', permission: 'security.read' },
  evaluations: { path: '/workspace/evaluations', permission: 'workspace.enter' },
  indicators: { path: '/workspace/indicators', permission: 'indicator.read' },
  trace: { path: '/workspace/auditor/trace', permission: 'audit.read' },
  reconciliationFlags: { path: '/workspace/auditor/flags', permission: 'audit.read' },
  reconciliationOverview: { path: '/workspace/auditor/overview', permission: 'audit.read' },
  findings: { path: '/workspace/findings', permission: 'workspace.enter' },
  newFinding: { path: '/workspace/findings/new', permission: 'finding.record' },
  feedback: { path: '/workspace/feedback', permission: 'workspace.enter' },
} as const satisfies Record<string, { path: string; permission: Permission }>;
export type RouteKey = keyof typeof ROUTES;

/** Whether the actor's role may open a route: the test behind every workspace link. */
export function mayOpen(who: Role | { role: Role }, route: RouteKey): boolean {
  return can(who, ROUTES[route].permission);
}

/** The routes among `keys` the actor may open, with their paths. */
export function openable(who: Role | { role: Role }, keys: readonly RouteKey[]): { key: RouteKey; path: string }[] {
  return keys.filter((k) => mayOpen(who, k)).map((key) => ({ key, path: ROUTES[key].path }));
}

/**
 * What each role comes to do, offered first on its landing page. Drawn through `openable`, so
 * an entry a role may not use is never shown even if this list and the registry disagree.
 */
export const MAIN_ACTIONS: Record<Role, readonly RouteKey[]> = {
  admin: ['organisations', 'workflows', 'securityLog', 'disclosure'],
  finance_officer: ['newTransfer', 'programmes', 'newProgramme', 'programmeDocuments', 'newBatch', 'import', 'corrections', 'disclosure', 'chain', 'indicators', 'findings', 'feedback'],
  reviewer: ['inbox', 'evaluations', 'batches', 'applications', 'disclosure', 'transfers', 'indicators', 'findings', 'feedback'],
  implementing_unit: ['newApplication', 'applications', 'evaluations', 'newExpenditure', 'newTransfer', 'transfers', 'findings', 'feedback'],
  evaluator: ['evaluations', 'applications', 'batches'],
  auditor: ['reconciliationOverview', 'reconciliationFlags', 'findings', 'newFinding', 'trace', 'chain', 'transfers', 'programmes', 'matching', 'batches', 'securityLog', 'disclosure', 'indicators', 'feedback'],
  moderator: ['feedback'],
};
