import type { Actor } from '@/lib/dal/actor';
import type { Messages } from '@/lib/i18n/zh';

export function WorkspaceHeader({ title, actor, m }: { title: string; actor: Actor; m: Messages }) {
  return (
    <>
      <h1 data-testid="workspace-title">{title}</h1>
      <p className="muted">
        {m.workspace.signedInAs}: {actor.displayName} · {m.workspace.organisation}: {actor.organisationName} · {m.workspace.role}: {m.roles[actor.role]}
      </p>
    </>
  );
}
