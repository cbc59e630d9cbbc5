import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { challenges } from '@/db/schema';
import { sha256Hex } from '@/lib/domain/sha256';
import type { IssuedChallenge } from '@/lib/errors/submission';
import { newChallengeQuestion, normaliseChallengeAnswer } from '@/lib/domain/participation/challenge-question';

const TTL_MS = 10 * 60_000;
const hash = (s: string) => sha256Hex(s);


/** A new single-use challenge; the database keeps only hashes, so any instance can check the answer. */
export async function issueChallenge(db: Queryable, now: Date): Promise<IssuedChallenge> {
  const q = newChallengeQuestion();
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + TTL_MS);
  await db.insert(challenges).values({ tokenHash: hash(token), answerHash: hash(`${token}:${q.answer}`), expiresAt });
  return { token, question: { zh: q.zh, en: q.en }, expiresAt: expiresAt.toISOString() };
}

/**
 * Whether the answer is right; the challenge is spent either way (claimed by one UPDATE, so two
 * instances cannot both accept it, and a wrong guess cannot be retried on the same question).
 */
export async function solveChallenge(db: Queryable, token: string, answer: string, now: Date): Promise<boolean> {
  if (!token || token.length > 64) return false;
  const [row] = await db
    .update(challenges)
    .set({ usedAt: now })
    .where(and(eq(challenges.tokenHash, hash(token)), isNull(challenges.usedAt), gt(challenges.expiresAt, now)))
    .returning({ answerHash: challenges.answerHash });
  return !!row && row.answerHash === hash(`${token}:${normaliseChallengeAnswer(answer).slice(0, 8)}`);
}
