import Link from 'next/link';
import { LocalName, Official } from '@/components/ui/local-name';
import type { Locale } from '@/lib/i18n';

export interface PartyRef {
  code: string;
  kind: string;
  name: string;
  nameEn: string;
}

/** Where a party of a published line has its own public page: a county, a project, a payee. */
export function partyHref(party: Pick<PartyRef, 'code' | 'kind'>, countyCodes: ReadonlySet<string>): string | null {
  if (party.kind === 'project') return `/projects/${encodeURIComponent(party.code)}`;
  if (party.kind === 'payee') return `/payees/${encodeURIComponent(party.code)}`;
  if (countyCodes.has(party.code)) return `/counties/${encodeURIComponent(party.code)}`;
  return null;
}

/**
 * A party of a published line in the reader's language, linked to its page where it has one. A
 * project has only its official Chinese name (the plan names projects in Chinese only).
 */
export function PartyName({ party, locale, countyCodes }: { party: PartyRef; locale: Locale; countyCodes: ReadonlySet<string> }) {
  const name = party.kind === 'project' ? <Official>{party.name}</Official> : <LocalName zh={party.name} en={party.nameEn} locale={locale} />;
  const href = partyHref(party, countyCodes);
  return href ? <Link href={href}>{name}</Link> : name;
}
