import Link from 'next/link';
import { LANDINGS } from '@/lib/auth/landing';
import { can, type Permission } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/dal/actor';
import type { Messages } from '@/lib/i18n/zh';

/** Links the actor's role may use; each page still checks for itself. */
export function WorkspaceNav({ actor, m }: { actor: Actor; m: Messages }) {
  const items: [string, string, Permission][] = [
    [LANDINGS[actor.role].path, m.workspace.title, 'workspace.enter'],
    ['/workspace/inbox', m.workflow.inbox, 'workspace.enter'],
    ['/workspace/notifications', m.workflow.notifications, 'workspace.enter'],
    ['/workspace/applications', m.workflow.applications, 'project.read'],
    ['/workspace/batches', m.formula.batches, 'programme.read'],
    ['/workspace/programmes', m.ledgerUi.nav.programmes, 'programme.read'],
    ['/workspace/programmes/new', m.ledgerUi.nav.newProgramme, 'programme.write'],
    ['/workspace/programmes/documents', m.ledger.publishDocument, 'programme.write'],
    ['/workspace/transfers', m.ledgerUi.nav.transfers, 'transfer.read'],
    ['/workspace/transfers/new', m.ledgerUi.nav.newTransfer, 'transfer.record'],
    ['/workspace/expenditures/new', m.ledgerUi.nav.expenditure, 'transfer.record'],
    ['/workspace/import', m.ledgerUi.nav.import, 'import.run'],
    ['/workspace/chain', m.ledgerUi.nav.chain, 'transfer.read'],
    ['/workspace/matching', m.ledgerUi.nav.matching, 'programme.read'],
    ['/workspace/disclosure', m.disclosure.title, 'programme.read'],
    ['/workspace/admin/workflows', m.workflow.definitions, 'settings.manage'],
    ['/workspace/security', m.auth.securityLog, 'security.read'],
  ];
  return (
    <nav className="workspace-nav" aria-label="workspace">
      {items
        .filter(([, , p]) => can(actor.role, p))
        .map(([href, label]) => (
          <Link key={href} href={href}>
            {label}
          </Link>
        ))}
    </nav>
  );
}
