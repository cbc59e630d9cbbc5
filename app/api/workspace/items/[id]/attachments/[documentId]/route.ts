import { z } from 'zod';
import { attachmentDisposition } from '@/lib/api/content-disposition';
import { NO_STORE } from '@/lib/api/cache-control';
import { defineRoute } from '@/lib/api/route';
import { applicationAttachment } from '@/lib/dal/workflow/applications';
import { id } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

/** An application's attachment for signed-in users who may see the application; never cached. */
export const GET = defineRoute({ permission: 'workspace.enter', params: z.object({ id, documentId: id }) }, async (ctx, { params }) => {
  const doc = await applicationAttachment(ctx, params.id, params.documentId);
  return new Response(Buffer.from(doc.content), {
    headers: {
      'content-type': doc.mimeType,
      'content-disposition': attachmentDisposition(doc.filename),
      'x-content-sha256': doc.sha256,
      'cache-control': `private, ${NO_STORE}`,
    },
  });
});
