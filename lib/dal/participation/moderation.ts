import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import { feedback } from '@/db/schema';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

export async function moderationQueue({ db, actor }: Ctx) {
  assertCan(actor, 'feedback.moderate');
  return db
    .select({ trackingCode: feedback.trackingCode, kind: feedback.kind, status: feedback.status, createdAt: feedback.createdAt })
    .from(feedback)
    .where(inArray(feedback.status, ['received']))
    .orderBy(asc(feedback.createdAt))
    .limit(100);
}
