import Link from 'next/link';
import { LANDINGS } from '@/lib/auth/landing';
import { can } from '@/lib/auth/permissions';
import { mayOpen, ROUTES, type RouteKey } from '@/lib/auth/routes';
import type { Actor } from '@/lib/dal/auth/actor';
import type { Messages } from '@/lib/i18n/zh';
import { routeLabel } from './route-label';

const NAV: RouteKey[] = [
  'inbox', 'notifications', 'applications', 'batches', 'programmes', 'newProgramme', 'programmeDocuments', 'transfers', 'newTransfer',
  'newExpenditure', 'import', 'chain', 'matching', 'disclosure', 'evaluations', 'findings', 'organisations', 'workflows', 'securityLog',
];

/** Roles with work in performance evaluation (the page opens for everyone and lists what each may reach). */
const EVALUATION_ROLES: readonly Actor['role'][] = ['implementing_unit', 'evaluator', 'reviewer', 'auditor'];

/** Links the actor's role may open, from the route registry; each page still checks for itself. */
export function WorkspaceNav({ actor, m }: { actor: Actor; m: Messages }) {
  // The disclosure page opens for everyone but holds work only for roles that read the chain of funds.
  const shown = NAV.filter((k) => mayOpen(actor, k) && (k !== 'disclosure' || can(actor, 'programme.read')) && (k !== 'evaluations' || EVALUATION_ROLES.includes(actor.role)) && (k !== 'findings' || can(actor, 'finding.record') || can(actor, 'finding.answer')));
  return (
    <nav className="workspace-nav" aria-label={m.nav.workspace}>
      <Link href={LANDINGS[actor.role].path}>{m.workspace.title}</Link>
      {shown.map((k) => (
        <Link key={k} href={ROUTES[k].path}>
          {routeLabel(m, k)}
        </Link>
      ))}
    </nav>
  );
}
