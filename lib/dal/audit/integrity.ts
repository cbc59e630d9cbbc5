import 'server-only';
import type { Db } from '@/db/client';
import type { HeldCheckpoint, IntegrityReport } from '@/lib/audit/report';
import { checkAuditLog, storedCheckpoints } from '../internal/audit-chain';
import { ensureDailyCheckpoint } from '../internal/audit-checkpoint';

/**
 * The operator's full recomputation (`npm run audit:verify`), run on the database itself rather than
 * for a signed-in person: every entry from the genesis, every checkpoint the database holds (its rows
 * and its publications) and any an outsider kept. Reads only.
 */
export async function auditIntegrityReport(db: Db, outsiderCheckpoints: Omit<HeldCheckpoint, 'source'>[] = []): Promise<IntegrityReport> {
  const checkpoints = [...(await storedCheckpoints(db)), ...outsiderCheckpoints.map((c) => ({ ...c, source: 'outsider' as const }))];
  return checkAuditLog(db, { checkpoints });
}

/**
 * Today's checkpoint at server start (the outbox worker keeps it daily), published for no signed-in
 * person: it states what the chain head is, and the day's uniqueness in the database makes it once a day.
 */
export async function publishTodaysCheckpoint(db: Db): Promise<void> {
  await ensureDailyCheckpoint(db);
}
