import { z } from 'zod';
import { definePublicRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/auth/client-ip';
import { leaveFollowByLink } from '@/lib/dal/participation/follows';

export const dynamic = 'force-dynamic';

/**
 * RFC 8058 one-click unsubscribe: the target of every follower mail's List-Unsubscribe header. A mail
 * provider POSTs here (body `List-Unsubscribe=One-Click`) and the follow ends, without a page. It is
 * a route, not the page /follow/leave/<token>: pages take POSTs only as same-site server actions.
 */
export const POST = definePublicRoute({ params: z.object({ token: z.string().min(1).max(200) }) }, async ({ request, params }) => {
  const result = await leaveFollowByLink(params.token, clientAddress(request.headers));
  const left = result.outcome === 'left' || result.outcome === 'already_left';
  return Response.json({ left }, { status: left ? 200 : 404, headers: { 'cache-control': 'no-store' } });
});
