import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/api/respond';
import { renderFeed } from '@/lib/dal/public/feed';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  try {
    const { body, contentType } = await renderFeed('json', new URL(request.url));
    return new NextResponse(body, { headers: { 'content-type': contentType, 'cache-control': 'public, max-age=300' } });
  } catch (e) {
    return errorResponse(e);
  }
}
