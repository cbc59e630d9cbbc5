import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, HSTS, newNonce } from '@/lib/auth/csp';
import { isSameOriginRequest } from '@/lib/auth/same-origin';

/**
 * Response headers only: a per-request nonce Content-Security-Policy (it must be made per request,
 * so it cannot live in next.config.js), HSTS over https, and a 403 for a server action posted
 * from another site (Next itself would answer 500). This is never an authorization guard: every
 * page, action and route checks the actor in the data layer.
 */
export function proxy(request: NextRequest) {
  // Pages take POSTs only as server actions (with or without JavaScript); route handlers check their own.
  const isPagePost = request.method === 'POST' && !request.nextUrl.pathname.startsWith('/api/');
  if (isPagePost && !isSameOriginRequest(request.headers)) {
    return new NextResponse('Forbidden: cross-origin request', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const https = request.nextUrl.protocol === 'https:' || (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  if (https) response.headers.set('strict-transport-security', HSTS);
  return response;
}

export const config = {
  // Static build assets carry no HTML; everything else gets the headers.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
