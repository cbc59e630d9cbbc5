import { z } from 'zod';
import { attachmentDisposition } from '@/lib/api/content-disposition';
import { NO_STORE } from '@/lib/api/cache-control';
import { defineRoute } from '@/lib/api/route';
import { findingEvidence } from '@/lib/dal/audit/findings';
import { id } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

/** An evidence file of a finding's answer, for auditors and the organisation the finding is addressed to; never cached. */
export const GET = defineRoute({ permission: 'workspace.enter', params: z.object({ id, documentId: id }) }, async (ctx, { params }) => {
  const doc = await findingEvidence(ctx, params.id, params.documentId);
  return new Response(Buffer.from(doc.content), {
    headers: {
      'content-type': doc.mimeType,
      'content-disposition': attachmentDisposition(doc.filename),
      'x-content-sha256': doc.sha256,
      'cache-control': `private, ${NO_STORE}`,
    },
  });
});
