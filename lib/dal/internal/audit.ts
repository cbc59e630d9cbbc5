import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '@/db/client';
import { auditHead, auditLog } from '@/db/schema';
import { auditHash, toJsonSafe } from '@/lib/audit/chain';
import type { Actor } from '../auth/actor';

export interface AuditInput {
  actor: Pick<Actor, 'id' | 'role'> | null;
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  /** When it happened: the command's clock; the real time when absent. */
  at?: Date;
}

/**
 * Appends one entry to the hash chain inside the caller's transaction. The head row lock
 * serialises appenders; call it last in a transaction to hold the lock briefly.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const [head] = rowsOf<{ last_hash: string }>(await tx.execute(sql`select last_hash from audit_head where id = 1 for update`));
  if (!head) throw new Error('audit head missing: migrations not applied');
  const fields = {
    at: (input.at ?? new Date()).toISOString(),
    actorId: input.actor?.id ?? null,
    actorRole: input.actor?.role ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: String(input.entityId),
    before: toJsonSafe(input.before ?? null),
    after: toJsonSafe(input.after ?? null),
  };
  const hash = auditHash(head.last_hash, fields);
  const [row] = await tx
    .insert(auditLog)
    .values({ ...fields, at: new Date(fields.at), prevHash: head.last_hash, hash })
    .returning({ id: auditLog.id });
  await tx.update(auditHead).set({ lastId: row!.id, lastHash: hash }).where(eq(auditHead.id, 1));
}

/** The published chain head: anyone may compare it with what auditors verify. */
export async function auditChainHead(db: Queryable): Promise<{ lastId: number | null; lastHash: string }> {
  const [head] = await db.select({ lastId: auditHead.lastId, lastHash: auditHead.lastHash }).from(auditHead).where(eq(auditHead.id, 1));
  return head!;
}
