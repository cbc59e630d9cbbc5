import { getPublishedDocument } from '@/lib/dal/public/catalogue';
import { idParam } from '@/lib/schemas/common';
import { attachmentDisposition } from '@/lib/api/content-disposition';
import { NO_STORE, PUBLIC_REVALIDATE } from '@/lib/api/cache-control';

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
 * is a 404 at once). Never `immutable`, never a long max-age.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const doc = id ? await getPublishedDocument(id) : null;
  if (!doc) return new Response('Not found', { status: 404, headers: { 'cache-control': NO_STORE } });
  const etag = `"${doc.sha256}"`;
  const headers = {
    etag,
    'cache-control': PUBLIC_REVALIDATE,
    // The published checksum travels with the file so anyone can compare.
    'x-content-sha256': doc.sha256,
  };
  if (matches(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(doc.content), {
    headers: { ...headers, 'content-type': doc.mime_type, 'content-disposition': attachmentDisposition(doc.filename) },
  });
}
