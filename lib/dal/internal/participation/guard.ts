import 'server-only';
import type { Queryable } from '@/db/client';
import { guardSubmission } from './rate-limit/guard';

export type CitizenSubmission = 'follow' | 'rating' | 'link';

/**
 * The shared, cross-instance rate limiter in front of every citizen write that sends or confirms
 * mail, by the client's address and network. These forms carry no challenge: past their limit the
 * client waits (429), which also keeps the portal from being used to flood someone's mailbox.
 */
export async function awaitSubmissionGuard(db: Queryable, clientAddress: string, kind: CitizenSubmission, now: Date): Promise<void> {
  await guardSubmission(db, { kind, clientAddress, now });
}
