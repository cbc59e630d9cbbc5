import 'server-only';
import type { Db } from '@/db/client';
import type { HeldCheckpoint, IntegrityReport } from '@/lib/audit/report';
import { checkAuditLog, storedCheckpoints } from '../internal/audit-chain';

/**
 * The operator's full recomputation (`npm run audit:verify`), run on the database itself rather than
 * for a signed-in person: every entry from the genesis, every checkpoint the database holds (its rows
 * and its publications) and any an outsider kept. Reads only.
 */
export async function auditIntegrityReport(db: Db, outsiderCheckpoints: Omit<HeldCheckpoint, 'source'>[] = []): Promise<IntegrityReport> {
  const checkpoints = [...(await storedCheckpoints(db)), ...outsiderCheckpoints.map((c) => ({ ...c, source: 'outsider' as const }))];
  return checkAuditLog(db, { checkpoints });
}
