'use client';

import { useState } from 'react';
import { followAction } from '@/lib/actions/workflow';

/** Follow or stop following an item's subject; followers are notified of every stage change. */
export function FollowButton({ itemId, following, labels }: { itemId: number; following: boolean; labels: { follow: string; unfollow: string } }) {
  const [on, setOn] = useState(following);
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      aria-pressed={on}
      disabled={pending}
      data-testid="follow"
      onClick={async () => {
        setPending(true);
        const res = await followAction(itemId, !on);
        if (res.ok) setOn(res.data.following);
        setPending(false);
      }}
    >
      {on ? labels.unfollow : labels.follow}
    </button>
  );
}
