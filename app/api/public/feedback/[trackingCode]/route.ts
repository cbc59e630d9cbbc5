import { z } from 'zod';
import { NO_STORE } from '@/lib/api/cache-control';
import { feedbackStatusJson } from '@/lib/api/participation/json';
import { feedbackStatusSchema } from '@/lib/api/participation/schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { feedbackByTrackingCode } from '@/lib/dal/public/feedback';
import { AppError } from '@/lib/errors';
import { trackingCodeSchema } from '@/lib/schemas/participation';

export const dynamic = 'force-dynamic';

/** The status of one item by its tracking code; its text and answers only when published. Not cached: the code is its holder's. */
export const GET = definePublicRoute({ params: z.object({ trackingCode: trackingCodeSchema }) }, async ({ params }) => {
  const found = await feedbackByTrackingCode(params.trackingCode);
  if (!found) throw new AppError('not_found');
  return jsonOf(feedbackStatusSchema, feedbackStatusJson(found), { headers: { 'cache-control': NO_STORE } });
});
