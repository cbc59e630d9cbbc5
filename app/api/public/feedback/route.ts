import { PUBLIC_BRIEF, NO_STORE } from '@/lib/api/cache-control';
import { readFeedbackSubmission } from '@/lib/api/participation/submission';
import { publicFeedbackJson } from '@/lib/api/participation/json';
import { feedbackCreatedSchema, feedbackListSchema } from '@/lib/api/participation/schemas';
import { json, jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { parseStrictQuery } from '@/lib/api/strict-query';
import { latestPublicFeedback } from '@/lib/dal/public/feedback';
import { submitFeedback } from '@/lib/dal/participation/submit';
import { ChallengeRequiredError, RateLimitedError } from '@/lib/errors/submission';
import { clientAddress } from '@/lib/auth/client-ip';
import { FEEDBACK_KINDS } from '@/lib/domain/vocabulary';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

const listQuery = z.strictObject({ kind: z.enum(FEEDBACK_KINDS).optional(), limit: z.coerce.number().int().min(1).max(100).optional(), offset: z.coerce.number().int().min(0).max(100_000).optional() });

/** Published items with their answers, newest first. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const q = parseStrictQuery(listQuery, new URL(request.url).searchParams);
  const rows = await latestPublicFeedback(q);
  return jsonOf(feedbackListSchema, { items: rows.map((r) => publicFeedbackJson(r)) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});

/**
 * A citizen's submission from any client: 201 with the tracking code; 428 with a challenge past
 * the gentle rate; 429 with Retry-After past the limit; 422 for bad input. Nothing is stored
 * unless every check passed.
 */
export const POST = definePublicRoute({}, async ({ request, describe }) => {
  const body = await readFeedbackSubmission(request);
  try {
    const { trackingCode } = await submitFeedback({ ...body, clientAddress: clientAddress(request.headers) });
    return jsonOf(feedbackCreatedSchema, { trackingCode, statusUrl: `/feedback/${trackingCode}` }, { status: 201, headers: { 'cache-control': NO_STORE, location: `/feedback/${trackingCode}` } });
  } catch (e) {
    if (e instanceof ChallengeRequiredError) return json({ error: { ...describe(e), challenge: e.challenge } }, { status: 428, headers: { 'cache-control': NO_STORE } });
    if (e instanceof RateLimitedError) return json({ error: describe(e) }, { status: 429, headers: { 'cache-control': NO_STORE, 'retry-after': String(e.retryAfterS) } });
    throw e;
  }
});
