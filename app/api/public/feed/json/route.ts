import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/api/respond';
import { renderFeed } from '@/lib/dal/public/feed';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  try {
    const { body, contentType } = await renderFeed('json', new URL(request.url));
    return new NextResponse(body, { headers: { 'content-type': contentType, 'cache-control': PUBLIC_BRIEF } });
  } catch (e) {
    return errorResponse(e);
  }
}
