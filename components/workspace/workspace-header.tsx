import { AsTyped, LocalName } from '@/components/ui/local-name';
import type { Actor } from '@/lib/dal/auth/actor';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export function WorkspaceHeader({ title, actor, m, locale }: { title: string; actor: Actor; m: Messages; locale: Locale }) {
  return (
    <>
      <h1 data-testid="workspace-title">{title}</h1>
      <p className="muted">
        {m.workspace.signedInAs}: <AsTyped text={actor.displayName} /> · {m.workspace.organisation}: <LocalName zh={actor.organisationName} en={actor.organisationNameEn} locale={locale} /> · {m.workspace.role}:{' '}
        {m.roles[actor.role]}
      </p>
    </>
  );
}
