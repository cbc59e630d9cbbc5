import { attachmentDisposition } from '@/lib/api/content-disposition';
import { NO_STORE } from '@/lib/api/cache-control';
import { defineRoute } from '@/lib/api/route';
import { evidenceZip } from '@/lib/audit/evidence/bundle';
import { traceEvidence } from '@/lib/dal/audit/evidence';
import { traceQuery, traceSubjectOf } from '@/lib/schemas/trace';

export const dynamic = 'force-dynamic';

/** An auditor's trace as an evidence bundle (ZIP) that can be checked offline; never cached. */
export const GET = defineRoute({ permission: 'audit.read', query: traceQuery }, async (ctx, { query }) => {
  const subject = traceSubjectOf(query);
  const { evidence } = await traceEvidence(ctx, subject);
  const body = evidenceZip(evidence);
  const name = `evidence-${subject.type}-${subject.id}-${evidence.generatedAt.toISOString().slice(0, 10)}.zip`;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': attachmentDisposition(name),
      'cache-control': `private, ${NO_STORE}`,
    },
  });
});
