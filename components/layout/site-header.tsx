import Link from 'next/link';
import type { Actor } from '@/lib/dal/auth/actor';
import { getI18n } from '@/lib/i18n/server';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { LocaleSwitch } from './locale-switch';

/** The signed-in person, as the layout read them: a name and a role, nothing that reaches the database. */
export type SignedIn = Pick<Actor, 'displayName' | 'role'>;

export async function SiteHeader({ actor }: { actor: SignedIn | null }) {
  const { locale, m } = await getI18n();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        {m.app.name}
      </Link>
      <nav aria-label={m.nav.label}>
        <Link href="/">{m.nav.home}</Link>
        <Link href="/projects">{m.citizen.nav.projects}</Link>
        <Link href="/catalogue">{m.nav.catalogue}</Link>
        <Link href="/allocations">{m.nav.allocations}</Link>
        <Link href="/targets">{m.nav.targets}</Link>
        <Link href="/disclosure">{m.disclosure.title}</Link>
        {actor ? (
          <>
            <Link href="/workspace">{m.nav.workspace}</Link>
            <span className="who" data-testid="who">
              {actor.displayName} · {m.roles[actor.role]}
            </span>
            <SignOutButton label={m.nav.signOut} />
          </>
        ) : (
          <Link href="/signin">{m.nav.signIn}</Link>
        )}
        <LocaleSwitch locale={locale} label={m.app.switchLanguage} />
      </nav>
    </header>
  );
}
