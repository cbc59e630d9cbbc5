import { getPublishedDocument } from '@/lib/dal/public/catalogue';
import { idParam } from '@/lib/schemas/common';
import { attachmentDisposition } from '@/lib/api/content-disposition';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const doc = id ? await getPublishedDocument(id) : null;
  if (!doc) return new Response('Not found', { status: 404 });
  return new Response(Buffer.from(doc.content), {
    headers: {
      'content-type': doc.mime_type,
      'content-disposition': attachmentDisposition(doc.filename),
      // The published checksum travels with the file so anyone can compare.
      'x-content-sha256': doc.sha256,
      'cache-control': 'public, max-age=86400, immutable',
    },
  });
}
