import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import Redis from 'ioredis';
import { openPostgres, type Database, type Queryable } from '@/db/client';
import { challenges } from '@/db/schema';
import { guardSubmission, SUBMISSION_LIMITS } from '@/lib/dal/internal/participation/rate-limit/guard';
import { ChallengeRequiredError, RateLimitedError } from '@/lib/errors/submission';
import { postgresCounters, redisCounters, type CounterStore } from '@/lib/dal/internal/participation/rate-limit/store';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

type Outcome = 'ok' | 'challenge' | 'limited';

/** Reads the answer the way only a test can: from the question's hash, trying the small sums the question may ask. */
async function answerOf(db: Queryable, token: string): Promise<string> {
  const hash = (x: string) => createHash('sha256').update(x).digest('hex');
  const [row] = await db.select().from(challenges).where(eq(challenges.tokenHash, hash(token)));
  for (let n = 2; n <= 21; n++) if (row!.answerHash === hash(`${token}:${n}`)) return String(n);
  throw new Error('no answer');
}

async function attempt(db: Queryable, store: CounterStore, address: string, now: Date, solve = true): Promise<Outcome> {
  try {
    await guardSubmission(db, { kind: 'feedback', clientAddress: address, now, store });
    return 'ok';
  } catch (e) {
    if (e instanceof RateLimitedError) return 'limited';
    if (!(e instanceof ChallengeRequiredError)) throw e;
    if (!solve) return 'challenge';
    // The same client answers and sends again: the repeat counts too.
    try {
      await guardSubmission(db, { kind: 'feedback', clientAddress: address, now, store, challenge: { token: e.challenge.token, answer: await answerOf(db, e.challenge.token) } });
      return 'ok';
    } catch (again) {
      if (again instanceof RateLimitedError) return 'limited';
      throw again;
    }
  }
}

describe.each(DRIVERS)('submission limits on %s', (driver) => {
  let t: TestDatabase;
  let second: Database | null = null;
  beforeAll(async () => {
    t = await createDatabase(driver, { seed: false });
    // A second instance: its own connection pool, nothing shared with the first but the database.
    if (t.url) second = await openPostgres(t.url, { max: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await t?.drop();
  });

  it('lets the first submissions through, asks a challenge past the gentle rate, refuses past the limit, per address', async () => {
    const now = new Date('2026-06-01T02:00:00Z');
    const instances = [t.db, second?.db ?? t.db];
    const outcomes: Outcome[] = [];
    for (let i = 0; i < SUBMISSION_LIMITS.address.max + 2; i++) {
      const db = instances[i % 2]!;
      outcomes.push(await attempt(db, postgresCounters(db), '203.0.113.9', now, false));
    }
    expect(outcomes.slice(0, SUBMISSION_LIMITS.address.free)).toEqual(Array(SUBMISSION_LIMITS.address.free).fill('ok'));
    expect(outcomes[SUBMISSION_LIMITS.address.free]).toBe('challenge');
    expect(outcomes.at(-1)).toBe('limited');
    // Another address in another network still gets through at once, on either instance.
    expect(await attempt(t.db, postgresCounters(t.db), '198.51.100.20', now, false)).toBe('ok');
    expect(await attempt(instances[1]!, postgresCounters(instances[1]!), '198.51.100.20', now, false)).toBe('ok');
    // The window ends and the address starts afresh.
    expect(await attempt(t.db, postgresCounters(t.db), '203.0.113.9', new Date(now.getTime() + 3_601_000), false)).toBe('ok');
  });

  it('accepts a right answer once, and a wrong or replayed answer never', async () => {
    const now = new Date('2026-06-02T02:00:00Z');
    const store = postgresCounters(t.db);
    for (let i = 0; i < SUBMISSION_LIMITS.address.free; i++) expect(await attempt(t.db, store, '192.0.2.44', now)).toBe('ok');
    const asked = await guardSubmission(t.db, { kind: 'feedback', clientAddress: '192.0.2.44', now, store }).catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(ChallengeRequiredError);
    const { token, question } = (asked as ChallengeRequiredError).challenge;
    expect(question.zh).toMatch(/等于多少/);
    expect(question.en).toMatch(/plus/);
    const right = await answerOf(t.db, token);
    const wrong = String(Number(right) + 1);
    await expect(guardSubmission(t.db, { kind: 'feedback', clientAddress: '192.0.2.44', now, store, challenge: { token, answer: wrong } })).rejects.toMatchObject({ messageKey: 'errors.challengeWrong' });
    // Spent by the wrong guess: the right answer no longer opens it.
    await expect(guardSubmission(t.db, { kind: 'feedback', clientAddress: '192.0.2.44', now, store, challenge: { token, answer: right } })).rejects.toBeInstanceOf(ChallengeRequiredError);
  });

  it('limits a network (/24) as a whole, more loosely than one address', async () => {
    const now = new Date('2026-06-03T02:00:00Z');
    const store = postgresCounters(t.db);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < SUBMISSION_LIMITS.network.free + 1; i++) outcomes.push(await attempt(t.db, store, `100.64.7.${i + 1}`, now, false));
    expect(outcomes.slice(0, SUBMISSION_LIMITS.network.free).every((o) => o === 'ok')).toBe(true);
    expect(outcomes.at(-1)).toBe('challenge');
    expect(await attempt(t.db, store, '100.64.8.1', now, false)).toBe('ok');
  });

  it('counts concurrent submissions from two instances exactly', async () => {
    const now = new Date('2026-06-04T02:00:00Z');
    const stores = [postgresCounters(t.db), postgresCounters(second?.db ?? t.db)];
    const counts = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 2]!.hit('feedback:a:race', 3600, now)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});

describe('submission limits in Redis (REDIS_URL)', () => {
  const url = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `yq:test:${process.pid}:${Date.now()}:`;
  let a: Redis;
  let b: Redis;
  let t: TestDatabase;
  beforeAll(async () => {
    a = new Redis(url, { maxRetriesPerRequest: 1 });
    b = new Redis(url, { maxRetriesPerRequest: 1 });
    t = await createDatabase(DRIVERS[0], { seed: false });
  });
  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length) await a.del(...keys);
    a.disconnect();
    b.disconnect();
    await t?.drop();
  });

  it('meets the limit for a flooding address across two clients while another address gets through', async () => {
    const now = new Date();
    const stores = [redisCounters(a, prefix), redisCounters(b, prefix)];
    const outcomes: Outcome[] = [];
    for (let i = 0; i < SUBMISSION_LIMITS.address.max + 1; i++) outcomes.push(await attempt(t.db, stores[i % 2]!, '203.0.113.77', now, false));
    expect(outcomes.slice(0, SUBMISSION_LIMITS.address.free)).toEqual(Array(SUBMISSION_LIMITS.address.free).fill('ok'));
    expect(outcomes[SUBMISSION_LIMITS.address.free]).toBe('challenge');
    expect(outcomes.at(-1)).toBe('limited');
    expect(await attempt(t.db, stores[1]!, '198.51.100.77', now, false)).toBe('ok');
    const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.hit('race', 60, now)));
    expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
