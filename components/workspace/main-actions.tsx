import Link from 'next/link';
import { MAIN_ACTIONS, openable } from '@/lib/auth/routes';
import type { Actor } from '@/lib/dal/auth/actor';
import type { Messages } from '@/lib/i18n/zh';
import { routeLabel } from './route-label';

/** A landing page's first offer: what this role comes to do, limited to what it may open. */
export function MainActions({ actor, m }: { actor: Actor; m: Messages }) {
  const actions = openable(actor, MAIN_ACTIONS[actor.role]);
  if (!actions.length) return null;
  return (
    <nav className="inline-form main-actions" aria-label={m.workspace.mainActions} data-testid="main-actions">
      {actions.map((a) => (
        <Link key={a.key} className="link-button" href={a.path}>
          {routeLabel(m, a.key)}
        </Link>
      ))}
    </nav>
  );
}
