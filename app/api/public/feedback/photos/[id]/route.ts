import { z } from 'zod';
import { PUBLIC_REVALIDATE } from '@/lib/api/cache-control';
import { definePublicRoute } from '@/lib/api/route';
import { publicFeedbackPhoto } from '@/lib/dal/public/feedback';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** A published item's photo, as re-encoded on upload (no metadata); gone as soon as the item is not public. */
export const GET = definePublicRoute({ params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }) }, async ({ params }) => {
  const photo = await publicFeedbackPhoto(params.id);
  if (!photo) throw new AppError('not_found');
  return new Response(Buffer.from(photo.content), {
    headers: {
      'content-type': photo.mime_type,
      'cache-control': PUBLIC_REVALIDATE,
      etag: `"${photo.sha256}"`,
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="${photo.tracking_code}-${photo.id}.${photo.mime_type === 'image/png' ? 'png' : 'jpg'}"`,
    },
  });
});
