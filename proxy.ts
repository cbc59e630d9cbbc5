import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, HSTS, newNonce } from '@/lib/auth/csp';
import { isSameOriginRequest } from '@/lib/auth/same-origin';

/**
 * Response headers only: a per-request nonce Content-Security-Policy (it must be made per request,
 * so it cannot live in next.config.js), HSTS over https, and a 403 for a server action posted
 * from another site (Next itself would answer 500), and a 400/413 for a server action whose body
 * React could not decode (again a 500 otherwise). This is never an authorization guard: every
 * page, action and route checks the actor in the data layer.
 */
const TEXT_BODY_LIMIT = 1024 * 1024;
// Above this a multipart action is left to Next (its own limit is serverActions.bodySizeLimit).
const MULTIPART_CHECK_LIMIT = 8 * 1024 * 1024;

function plain(status: number, text: string) {
  return new NextResponse(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Reads at most `limit` bytes of a clone of the body; null when it is larger. */
async function boundedText(request: NextRequest, limit: number): Promise<string | null> {
  const stream = request.clone().body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

/**
 * A shape check of a server-action POST (header `Next-Action`) before React decodes it, which would
 * answer 500 and log a SyntaxError for a malformed body. React's encodeReply sends the argument list
 * either as a JSON array in a text/plain body or, when it holds FormData/files, as multipart with the
 * JSON root in field "0". Not an authorization check: the action itself checks the actor.
 */
async function malformedActionBody(request: NextRequest): Promise<NextResponse | null> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const declared = Number(request.headers.get('content-length') ?? '');
  if (type.startsWith('multipart/form-data')) {
    if (Number.isFinite(declared) && declared > MULTIPART_CHECK_LIMIT) return null;
    try {
      const form = await request.clone().formData();
      const root = form.get('0');
      if (typeof root === 'string' && Array.isArray(JSON.parse(root))) return null;
      return plain(400, 'Bad Request: malformed server action body');
    } catch {
      return plain(400, 'Bad Request: malformed server action body');
    }
  }
  // Next answers this exact type itself (404, it takes no URL-encoded actions); any other type is decoded as text.
  if (request.headers.get('content-type') === 'application/x-www-form-urlencoded') return null;
  if (Number.isFinite(declared) && declared > TEXT_BODY_LIMIT) return plain(413, 'Payload Too Large');
  let text: string | null;
  try {
    text = await boundedText(request, TEXT_BODY_LIMIT);
  } catch {
    return plain(400, 'Bad Request: malformed server action body');
  }
  if (text === null) return plain(413, 'Payload Too Large');
  try {
    if (Array.isArray(JSON.parse(text))) return null;
  } catch {
    // falls through to the 400
  }
  return plain(400, 'Bad Request: malformed server action body');
}

export async function proxy(request: NextRequest) {
  // Pages take POSTs only as server actions (with or without JavaScript); route handlers check their own.
  const isPagePost = request.method === 'POST' && !request.nextUrl.pathname.startsWith('/api/');
  if (isPagePost && !isSameOriginRequest(request.headers)) {
    return plain(403, 'Forbidden: cross-origin request');
  }
  if (isPagePost && request.headers.has('next-action')) {
    const refused = await malformedActionBody(request);
    if (refused) return refused;
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
