import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditCheckpoints, organisations } from '@/db/schema';
import { chinaToday } from '@/lib/domain/china-date';
import { appendAudit, auditChainHead } from './audit';
import { checkAuditLogSinceCheckpoint } from './audit-chain';
import { systemClock, type Clock } from './clock';
import { publishSnapshot } from './publish';

/** The portal's operator, who publishes the checkpoints: the city's finance bureau (also the IATI reporter). */
export const CHECKPOINT_ISSUER_CODE = '140300-CZJ';

export interface CheckpointContent {
  day: string;
  seq: number;
  hash: string;
  at: string;
}

export type CheckpointOutcome = { created: true; checkpoint: CheckpointContent; publicationId: number; verified: boolean } | { created: false; day: string };

const isUniqueViolation = (e: unknown): boolean => {
  for (let x = e as { code?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) if (x.code === '23505') return true;
  return false;
};

/**
 * Publishes today's (China calendar day) checkpoint of the audit chain unless one exists: the head's
 * seq, hash and time as an immutable publication, so anyone who keeps it can later prove the history
 * up to it unchanged and a deleted tail visible. Safe with several instances and callers at once: the
 * day is unique in the database, and a caller that loses the race rolls back and reports it.
 * The entries since the last verified checkpoint are re-hashed first; `verified` records the outcome.
 */
export async function ensureDailyCheckpoint(db: Db, clock: Clock = systemClock): Promise<CheckpointOutcome> {
  const now = clock();
  const day = chinaToday(now);
  const [existing] = await db.select({ id: auditCheckpoints.id }).from(auditCheckpoints).where(eq(auditCheckpoints.day, day));
  if (existing) return { created: false, day };
  try {
    return await db.transaction(async (tx) => {
      const head = await auditChainHead(tx);
      const check = await checkAuditLogSinceCheckpoint(tx);
      // A checkpoint states the head as the database holds it, broken or not; only a clean one anchors later checks.
      const verified = check.ok && check.last.seq === head.lastSeq;
      const checkpoint: CheckpointContent = { day, seq: head.lastSeq, hash: head.lastHash, at: now.toISOString() };
      const [row] = await tx
        .insert(auditCheckpoints)
        .values({ day, seq: checkpoint.seq, hash: checkpoint.hash, at: now, verified })
        .onConflictDoNothing({ target: auditCheckpoints.day })
        .returning({ id: auditCheckpoints.id });
      if (!row) return { created: false as const, day };
      const [issuer] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, CHECKPOINT_ISSUER_CODE));
      if (!issuer) throw new Error(`the checkpoint issuer ${CHECKPOINT_ISSUER_CODE} is not in the reference data`);
      const publication = await publishSnapshot(tx, {
        kind: 'audit_checkpoint',
        subjectType: 'audit_checkpoint',
        subjectId: row.id,
        title: `审计日志检查点 ${day}`,
        content: checkpoint,
        notice: `截至 ${checkpoint.at}，审计日志共 ${checkpoint.seq} 条，链头哈希 ${checkpoint.hash}。保存本检查点，即可日后核验此前的审计日志未被改写或删除。`,
        issuerOrgId: issuer.id,
        dataAsOf: day,
        eventAt: now,
        publishedAt: now,
      });
      await appendAudit(tx, { actor: null, action: 'audit.checkpoint_published', entityType: 'publication', entityId: publication.id, after: { checkpointId: row.id, ...checkpoint, verified }, at: now });
      return { created: true as const, checkpoint, publicationId: publication.id, verified };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { created: false, day };
    throw e;
  }
}
