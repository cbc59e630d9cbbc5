import 'server-only';
import { asc } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { verifyChain, type ChainCheck } from '@/lib/audit/chain';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

/** Auditors re-hash the whole chain and compare it with the stored hashes and the head. */
export async function verifyAuditChain({ db, actor }: Ctx): Promise<ChainCheck> {
  assertCan(actor, 'audit.verify');
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  return verifyChain(
    rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorRole: r.actorRole,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      prevHash: r.prevHash,
      hash: r.hash,
    })),
  );
}
