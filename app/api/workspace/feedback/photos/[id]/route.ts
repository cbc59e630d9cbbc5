import { z } from 'zod';
import { NO_STORE } from '@/lib/api/cache-control';
import { defineRoute } from '@/lib/api/route';
import { feedbackPhotoForWorkspace } from '@/lib/dal/participation/items';

export const dynamic = 'force-dynamic';

/** A photo of an item the caller may open in the workspace (moderators, auditors, the answering organisation). */
export const GET = defineRoute({ permission: 'workspace.enter', params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }) }, async (ctx, { params }) => {
  const photo = await feedbackPhotoForWorkspace(ctx, params.id);
  return new Response(Buffer.from(photo.content), { headers: { 'content-type': photo.mimeType, 'cache-control': NO_STORE, 'x-content-type-options': 'nosniff' } });
});
