import 'server-only';
import { sql } from 'drizzle-orm';
import Redis from 'ioredis';
import { rowsOf, type Queryable } from '@/db/client';

/**
 * Fixed-window counters shared by every instance of the portal: PostgreSQL by default, Redis when
 * REDIS_URL is set. `hit` counts one event and answers the window's count with it, atomically, so
 * two instances counting at once never both see the same number.
 */
export interface CounterStore {
  hit(key: string, windowS: number, now: Date): Promise<{ count: number; resetAt: Date }>;
}

export function postgresCounters(db: Queryable): CounterStore {
  return {
    async hit(key, windowS, now) {
      const ends = new Date(now.getTime() + windowS * 1000);
      const [row] = rowsOf<{ count: number; window_ends_at: string | Date }>(
        await db.execute(sql`
          insert into rate_limits (key, count, window_ends_at) values (${key}, 1, ${ends.toISOString()}::timestamptz)
          on conflict (key) do update set
            count = case when rate_limits.window_ends_at <= ${now.toISOString()}::timestamptz then 1 else rate_limits.count + 1 end,
            window_ends_at = case when rate_limits.window_ends_at <= ${now.toISOString()}::timestamptz then excluded.window_ends_at else rate_limits.window_ends_at end
          returning count, window_ends_at`),
      );
      return { count: Number(row!.count), resetAt: new Date(row!.window_ends_at) };
    },
  };
}

/** INCR and a first-hit expiry in one MULTI; the key's TTL is the window's remainder. */
export function redisCounters(client: Redis, prefix = 'yq:rl:'): CounterStore {
  return {
    async hit(key, windowS, now) {
      const k = prefix + key;
      const result = await client.multi().incr(k).expire(k, windowS, 'NX').pttl(k).exec();
      if (!result) throw new Error('redis transaction aborted');
      const [incr, , pttl] = result;
      if (incr![0] || pttl![0]) throw incr![0] ?? pttl![0];
      const ttl = Number(pttl![1]);
      return { count: Number(incr![1]), resetAt: new Date(now.getTime() + (ttl > 0 ? ttl : windowS * 1000)) };
    },
  };
}

declare global {
  var __yqRedis: Redis | undefined;
}

/** The store this instance uses: Redis when REDIS_URL is set (one client per process), else the database. */
export function counterStore(db: Queryable): CounterStore {
  const url = process.env.REDIS_URL;
  if (!url) return postgresCounters(db);
  globalThis.__yqRedis ??= new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return redisCounters(globalThis.__yqRedis);
}
