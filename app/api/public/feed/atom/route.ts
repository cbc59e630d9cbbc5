import { NextResponse } from 'next/server';
import { definePublicRoute } from '@/lib/api/route';
import { renderFeed } from '@/lib/dal/public/feed';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';

export const dynamic = 'force-dynamic';

/** Filters (programme, county, project, since) are read by the feed itself; a malformed one filters nothing. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { body, contentType } = await renderFeed('atom', new URL(request.url));
  return new NextResponse(body, { headers: { 'content-type': contentType, 'cache-control': PUBLIC_BRIEF } });
});
