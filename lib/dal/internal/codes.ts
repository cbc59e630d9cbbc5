import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/**
 * Serialises the numbering of one family of codes (e.g. "SB-2026") until the transaction ends,
 * so that two concurrent creations never count the same rows and take the same number.
 */
export async function lockCodeFamily(tx: Tx, family: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`code:${family}`}))`);
}
