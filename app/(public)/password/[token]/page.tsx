import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SetPasswordForm } from '@/components/auth/set-password-form';
import { accountOfPasswordLink } from '@/lib/dal/auth/password-setup';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** The link's secret is in the address: never sent on as a referrer, never indexed. */
export const metadata: Metadata = { referrer: 'no-referrer', robots: { index: false, follow: false } };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ m }, account] = await Promise.all([getI18n(), accountOfPasswordLink(token)]);
  // An unknown, used or expired link answers 404 (./not-found.tsx says why).
  if (!account) notFound();
  const a = m.account;
  return (
    <>
      <h1>{a.setPasswordTitle}</h1>
      <p>{a.setPasswordFor.replace('{username}', account.username).replace('{name}', account.displayName)}</p>
      <SetPasswordForm token={token} a={a} />
    </>
  );
}
