import type { Metadata } from 'next';
import { LinkButton } from '@/components/participation/link-button';
import { leaveFollowAction } from '@/lib/actions/participation-follow';
import { leaveLinkOf } from '@/lib/dal/participation/follows';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { referrer: 'no-referrer', robots: { index: false, follow: false } };

/** Opening the page (as a mail scanner does) ends nothing; its one button does. Mail programs POST to /api/public/follow/leave/<token>. */
export default async function LeaveFollowPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ m }, link] = await Promise.all([getI18n(), leaveLinkOf(token)]);
  const f = m.follow;
  const said = { left: f.left, already_left: f.alreadyLeft, invalid: f.invalid };
  return (
    <>
      <h1>{f.leaveTitle}</h1>
      {link.outcome === 'left' ? (
        <>
          <p>{link.subject ? f.leaveLead.replace('{name}', link.subject.name) : f.leaveLeadUnnamed}</p>
          <LinkButton token={token} label={f.leaveButton} action={leaveFollowAction} messages={said} />
        </>
      ) : (
        <p className={link.outcome === 'already_left' ? 'ok' : 'error'} role="status" data-testid="link-outcome">
          {said[link.outcome as keyof typeof said] ?? f.invalid}
        </p>
      )}
    </>
  );
}
