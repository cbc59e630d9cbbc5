import { errorResponse } from '@/lib/api/respond';
import { requireCtx } from '@/lib/dal/session';
import { applicationAttachment } from '@/lib/dal/workflow/applications';
import { AppError } from '@/lib/errors';
import { idParam } from '@/lib/schemas/common';
import { attachmentDisposition } from '@/lib/api/content-disposition';

export const dynamic = 'force-dynamic';

/** An application's attachment for signed-in users who may see the application; never cached. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  try {
    const p = await params;
    const itemId = idParam(p.id);
    const documentId = idParam(p.documentId);
    if (!itemId || !documentId) throw new AppError('not_found');
    const doc = await applicationAttachment(await requireCtx('workspace.enter'), itemId, documentId);
    return new Response(Buffer.from(doc.content), {
      headers: {
        'content-type': doc.mimeType,
        'content-disposition': attachmentDisposition(doc.filename),
        'x-content-sha256': doc.sha256,
        'cache-control': 'private, no-store',
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
