import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { canonicalJson } from '@/lib/audit/chain';
import { AppError } from '@/lib/errors';
import { sha256Hex } from '@/lib/domain/sha256';

export const requestHash = (body: unknown) => sha256Hex(canonicalJson(body));

/**
 * Runs `write` once per client key. A replay of the same body returns the first result and
 * writes nothing; the same key with another body is refused. The key row is claimed first, so
 * concurrent replays wait for the first to commit (or roll back) rather than both writing.
 */
export async function once<T>(tx: Tx, key: { clientKey: string; userId: number; body: unknown }, write: () => Promise<T>): Promise<{ replayed: boolean; result: T }> {
  const hash = requestHash(key.body);
  const scoped = `${key.userId}:${key.clientKey}`;
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ key: scoped, userId: key.userId, requestHash: hash, response: sql`'null'::jsonb` })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [existing] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, scoped));
    if (!existing || existing.requestHash !== hash) throw new AppError('idempotency_mismatch');
    return { replayed: true, result: existing.response as T };
  }
  const result = await write();
  await tx.update(idempotencyKeys).set({ response: JSON.parse(canonicalJson(result)) }).where(eq(idempotencyKeys.key, scoped));
  return { replayed: false, result };
}
