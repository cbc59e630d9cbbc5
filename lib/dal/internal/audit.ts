import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '@/db/client';
import { auditHead, auditLog } from '@/db/schema';
import { auditHashV2, toJsonSafe } from '@/lib/audit/chain';
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
 * serialises appenders and numbers the entry (seq: the head's last plus one, so a rolled-back
 * transaction leaves no gap, since it rolls the head back too); call it last in a transaction to
 * hold the lock briefly.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const [head] = rowsOf<{ last_hash: string; last_seq: number }>(await tx.execute(sql`select last_hash, last_seq from audit_head where id = 1 for update`));
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
  const seq = Number(head.last_seq) + 1;
  const hash = auditHashV2(head.last_hash, seq, fields);
  const [row] = await tx
    .insert(auditLog)
    .values({ ...fields, at: new Date(fields.at), seq, hashVersion: 2, prevHash: head.last_hash, hash })
    .returning({ id: auditLog.id });
  await tx.update(auditHead).set({ lastId: row!.id, lastSeq: seq, lastHash: hash }).where(eq(auditHead.id, 1));
}

/** The published chain head: anyone may compare it with what auditors verify. */
export async function auditChainHead(db: Queryable): Promise<{ lastId: number | null; lastSeq: number; lastHash: string }> {
  const [head] = await db.select({ lastId: auditHead.lastId, lastSeq: auditHead.lastSeq, lastHash: auditHead.lastHash }).from(auditHead).where(eq(auditHead.id, 1));
  return head!;
}
