import { z } from 'zod';
import { json } from '@/lib/api/respond';
import { defineRoute } from '@/lib/api/route';
import { previewImport, runImport } from '@/lib/dal/import/imports';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

const formSchema = z.object({
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

/**
 * Preview answers JSON; a dry run or a commit streams NDJSON progress lines and ends with a
 * result or an error line, so long imports can show a progress bar while staying one transaction.
 * The error line carries what the error mapper says of the failure, as any other answer would.
 */
export const POST = defineRoute({ permission: 'import.run', form: formSchema }, async (ctx, { form, formData, describe }) => {
  const file = formData?.get('file');
  if (!(file instanceof File)) throw new AppError('validation', 'errors.validation', { file: 'form.fileEmpty' });
  const input = { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  if (form.mode === 'preview') return json(await previewImport(ctx, input, form.target, form.mapping));
  const mapping = form.mapping;
  if (!mapping) throw new AppError('validation', 'errors.validation', { mapping: 'errors.validation' });
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (obj: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(obj)}\n`));
      try {
        const outcome = await runImport(ctx, input, form.target, mapping, {
          dryRun: form.mode === 'dry-run',
          onProgress: (done, total) => send({ type: 'progress', done, total }),
        });
        send({ type: 'result', ...outcome });
      } catch (e) {
        send({ type: 'error', error: describe(e) });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
});
