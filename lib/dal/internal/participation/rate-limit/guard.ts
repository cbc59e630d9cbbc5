import 'server-only';
import type { Queryable } from '@/db/client';
import { ChallengeRequiredError, RateLimitedError } from '@/lib/errors/submission';
import { networkOf } from '@/lib/domain/participation/network';
import { issueChallenge, solveChallenge } from '../challenge';
import { counterStore, type CounterStore } from './store';

/** What a citizen may submit without signing in; each has its own counters. */
export type SubmissionKind = 'feedback' | 'follow' | 'rating' | 'link';

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

/**
 * Mail forms (follow, rate, confirm or leave by link) ask no challenge: they have no question to
 * show, and each request may send mail, so past the limit the client simply waits.
 */
export const MAIL_FORM_LIMITS = {
  windowS: 3600,
  address: { free: 10, max: 10 },
  network: { free: 40, max: 40 },
} as const;

const limitsOf = (kind: SubmissionKind) => (kind === 'feedback' ? SUBMISSION_LIMITS : MAIL_FORM_LIMITS);

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
  const limits = limitsOf(input.kind);
  const { windowS } = limits;
  const [byAddress, byNetwork] = await Promise.all([
    store.hit(`${input.kind}:a:${input.clientAddress}`, windowS, input.now),
    store.hit(`${input.kind}:n:${networkOf(input.clientAddress)}`, windowS, input.now),
  ]);
  const over = (count: number, limit: number) => count > limit;
  if (over(byAddress.count, limits.address.max) || over(byNetwork.count, limits.network.max)) {
    const resetAt = Math.max(
      over(byAddress.count, limits.address.max) ? byAddress.resetAt.getTime() : 0,
      over(byNetwork.count, limits.network.max) ? byNetwork.resetAt.getTime() : 0,
    );
    throw new RateLimitedError(Math.max(1, Math.ceil((resetAt - input.now.getTime()) / 1000)));
  }
  if (!over(byAddress.count, limits.address.free) && !over(byNetwork.count, limits.network.free)) return;
  if (input.challenge && (await solveChallenge(db, input.challenge.token, input.challenge.answer, input.now))) return;
  throw new ChallengeRequiredError(await issueChallenge(db, input.now), input.challenge ? 'errors.challengeWrong' : 'errors.challengeRequired');
}
