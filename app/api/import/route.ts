import { z } from 'zod';
import { json } from '@/lib/api/respond';
import { previewImport, runImport } from '@/lib/dal/imports';
import { isSameOriginRequest } from '@/lib/auth/same-origin';
import { requireCtx } from '@/lib/dal/session';
import { AppError } from '@/lib/errors';
import { describeError } from '@/lib/actions/result';
import { getLocale } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

const fieldsSchema = z.object({
  mode: z.enum(['preview', 'dry-run', 'commit']),
  target: z.enum(['transfers', 'expenditures']),
  mapping: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      try {
        return z.record(z.string(), z.number().int().min(0).max(200).nullable()).parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'errors.validation' });
        return z.NEVER;
      }
    }),
});

/** The multipart body, or a validation error for anything else (JSON, a broken or truncated multipart). */
async function formDataOf(req: Request): Promise<FormData> {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) throw new AppError('validation', 'errors.multipartRequired');
  try {
    return await req.formData();
  } catch {
    throw new AppError('validation', 'errors.multipartRequired');
  }
}

async function errorBody(caught: unknown) {
  const { status, code, message, fieldErrors } = describeError(caught, await getLocale(), 'import');
  return { status, body: { error: { code, message, fieldErrors } } };
}

/**
 * Preview answers JSON; a dry run or a commit streams NDJSON progress lines and ends with a
 * result or an error line, so long imports can show a progress bar while staying one transaction.
 */
export async function POST(req: Request) {
  try {
    // Same rule as server actions: a page of another site may not post here with the user's cookie.
    if (!isSameOriginRequest(req.headers)) throw new AppError('forbidden', 'errors.crossOrigin');
    const ctx = await requireCtx('import.run');
    const form = await formDataOf(req);
    const file = form.get('file');
    const fields = fieldsSchema.safeParse({ mode: form.get('mode'), target: form.get('target'), mapping: form.get('mapping') ?? undefined });
    if (!fields.success || !(file instanceof File)) throw new AppError('validation');
    const input = { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    if (fields.data.mode === 'preview') return json(await previewImport(ctx, input, fields.data.target, fields.data.mapping));
    if (!fields.data.mapping) throw new AppError('validation');
    const mapping = fields.data.mapping;
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      async start(controller) {
        const send = (obj: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(obj)}\n`));
        try {
          const outcome = await runImport(ctx, input, fields.data.target, mapping, {
            dryRun: fields.data.mode === 'dry-run',
            onProgress: (done, total) => send({ type: 'progress', done, total }),
          });
          send({ type: 'result', ...outcome });
        } catch (e) {
          send({ type: 'error', ...(await errorBody(e)).body });
        } finally {
          controller.close();
        }
      },
    });
    return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
  } catch (e) {
    const { status, body } = await errorBody(e);
    return json(body, { status });
  }
}
