import 'server-only';
import type { Queryable } from '@/db/client';
import { AppError } from '@/lib/errors';
import { networkOf } from '@/lib/domain/participation/network';
import { issueChallenge, solveChallenge, type IssuedChallenge } from '../challenge';
import { counterStore, type CounterStore } from './store';

/** What a citizen may submit without signing in; each has its own counters. */
export type SubmissionKind = 'feedback' | 'follow' | 'rating';

/**
 * Per hour: the first `free` submissions need nothing, up to `max` need an answered challenge, past
 * `max` the client waits for the window to end. A network (IPv4 /24, IPv6 /48) gets more room than
 * one address, since a school or an office shares one.
 */
export const SUBMISSION_LIMITS = {
  windowS: 3600,
  address: { free: 3, max: 20 },
  network: { free: 10, max: 60 },
} as const;

export class ChallengeRequiredError extends AppError {
  constructor(
    readonly challenge: IssuedChallenge,
    messageKey: string,
  ) {
    super('challenge_required', messageKey);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterS: number) {
    super('rate_limited', 'errors.tooManySubmissions');
  }
}

export interface GuardInput {
  kind: SubmissionKind;
  clientAddress: string;
  challenge?: { token: string; answer: string } | null;
  now: Date;
  store?: CounterStore;
}

/**
 * Counts a submission against its address and network and decides: go on, answer a challenge
 * first (ChallengeRequiredError, HTTP 428, carrying a new challenge), or wait (RateLimitedError,
 * HTTP 429). Call it after the input validated and before anything is written, outside the write
 * transaction (a refused submission still counts).
 */
export async function guardSubmission(db: Queryable, input: GuardInput): Promise<void> {
  const store = input.store ?? counterStore(db);
  const { windowS } = SUBMISSION_LIMITS;
  const [byAddress, byNetwork] = await Promise.all([
    store.hit(`${input.kind}:a:${input.clientAddress}`, windowS, input.now),
    store.hit(`${input.kind}:n:${networkOf(input.clientAddress)}`, windowS, input.now),
  ]);
  const over = (count: number, limit: number) => count > limit;
  if (over(byAddress.count, SUBMISSION_LIMITS.address.max) || over(byNetwork.count, SUBMISSION_LIMITS.network.max)) {
    const resetAt = Math.max(
      over(byAddress.count, SUBMISSION_LIMITS.address.max) ? byAddress.resetAt.getTime() : 0,
      over(byNetwork.count, SUBMISSION_LIMITS.network.max) ? byNetwork.resetAt.getTime() : 0,
    );
    throw new RateLimitedError(Math.max(1, Math.ceil((resetAt - input.now.getTime()) / 1000)));
  }
  if (!over(byAddress.count, SUBMISSION_LIMITS.address.free) && !over(byNetwork.count, SUBMISSION_LIMITS.network.free)) return;
  if (input.challenge && (await solveChallenge(db, input.challenge.token, input.challenge.answer, input.now))) return;
  throw new ChallengeRequiredError(await issueChallenge(db, input.now), input.challenge ? 'errors.challengeWrong' : 'errors.challengeRequired');
}
