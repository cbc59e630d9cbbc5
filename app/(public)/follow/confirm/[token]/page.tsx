import type { Metadata } from 'next';
import { LinkButton } from '@/components/participation/link-button';
import { confirmFollowAction } from '@/lib/actions/participation-follow';
import { confirmLinkOf } from '@/lib/dal/participation/follows';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** The link's secret is in the address: never sent on as a referrer, never indexed. */
export const metadata: Metadata = { referrer: 'no-referrer', robots: { index: false, follow: false } };

export default async function ConfirmFollowPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ m }, link] = await Promise.all([getI18n(), confirmLinkOf(token)]);
  const f = m.follow;
  const name = link.subject?.name ?? '';
  const said = { confirmed: f.confirmed.replace('{name}', name), already_confirmed: f.alreadyConfirmed, expired: f.expired, invalid: f.invalid };
  return (
    <>
      <h1>{f.confirmTitle}</h1>
      {link.outcome === 'confirmed' ? (
        <>
          <p>{f.confirmLead.replace('{name}', name)}</p>
          <LinkButton token={token} label={f.confirmButton} action={confirmFollowAction} messages={said} />
        </>
      ) : (
        <p className={link.outcome === 'already_confirmed' ? 'ok' : 'error'} role="status" data-testid="link-outcome">
          {said[link.outcome as keyof typeof said] ?? f.invalid}
        </p>
      )}
    </>
  );
}
