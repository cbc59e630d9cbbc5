import type { Metadata } from 'next';
import { LinkButton } from '@/components/participation/link-button';
import { confirmRatingAction } from '@/lib/actions/participation-follow';
import { ratingLinkOf } from '@/lib/dal/participation/ratings';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { referrer: 'no-referrer', robots: { index: false, follow: false } };

export default async function ConfirmRatingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ m }, link] = await Promise.all([getI18n(), ratingLinkOf(token)]);
  const f = m.follow;
  const fill = (s: string) => s.replace('{name}', link.project?.name ?? '').replace('{score}', String(link.score ?? ''));
  const said = { confirmed: fill(f.ratingConfirmed), replaced: fill(f.ratingReplaced), already_confirmed: f.ratingAlready, expired: f.ratingExpired, invalid: f.ratingInvalid };
  const pending = link.outcome === 'confirmed' || link.outcome === 'replaced';
  return (
    <>
      <h1>{f.ratingConfirmTitle}</h1>
      {pending ? (
        <>
          <p>{fill(link.outcome === 'replaced' ? f.ratingReplaceLead : f.ratingConfirmLead)}</p>
          <LinkButton token={token} label={f.ratingConfirmButton} action={confirmRatingAction} messages={said} />
        </>
      ) : (
        <p className={link.outcome === 'already_confirmed' ? 'ok' : 'error'} role="status" data-testid="link-outcome">
          {said[link.outcome]}
        </p>
      )}
    </>
  );
}
