import { z } from 'zod';
import { getPublishedDocument } from '@/lib/dal/public/catalogue';
import { id } from '@/lib/schemas/common';
import { attachmentDisposition } from '@/lib/api/content-disposition';
import { PUBLIC_REVALIDATE } from '@/lib/api/cache-control';
import { definePublicRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** Whether the client's cached copy (If-None-Match) is this very file. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * A published file. Its address stays the same if it is withheld later, so caches must ask again
 * on every use (no-cache with the checksum as ETag: an unchanged file costs a 304, a withheld one
 * is a 404 at once, never stored). Never `immutable`, never a long max-age.
 */
export const GET = definePublicRoute({ params: z.object({ id }) }, async ({ request, params }) => {
  const doc = await getPublishedDocument(params.id);
  if (!doc) throw new AppError('not_found');
  const etag = `"${doc.sha256}"`;
  const headers = {
    etag,
    'cache-control': PUBLIC_REVALIDATE,
    // The published checksum travels with the file so anyone can compare.
    'x-content-sha256': doc.sha256,
  };
  if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(doc.content), {
    headers: { ...headers, 'content-type': doc.mime_type, 'content-disposition': attachmentDisposition(doc.filename) },
  });
});
