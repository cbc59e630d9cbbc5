import 'server-only';
import type { IntegrityReport } from '@/lib/audit/report';
import { checkAuditLogSinceCheckpoint } from '../internal/audit-chain';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

export type AuditChainStatus = IntegrityReport & { since: { day: string; seq: number } | null };

/**
 * Auditors check the chain incrementally: the entries after the last verified checkpoint are
 * re-hashed, the verified part is checked to be whole and unchanged at its end, and every problem
 * is named. The full recomputation is `npm run audit:verify` (also run in CI).
 */
export async function verifyAuditChain({ db, actor }: Ctx): Promise<AuditChainStatus> {
  assertCan(actor, 'audit.verify');
  return checkAuditLogSinceCheckpoint(db);
}
