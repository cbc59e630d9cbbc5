import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { batchResults, transfers } from '@/db/schema';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { issuedBatchRecomputations } from '../internal/formulas/recompute-cache';

export type DriftKind = 'adjustment' | 'input_changed' | 'issued_differs';

export interface DriftLine {
  batchId: number;
  batchCode: string;
  recipient: string;
  kind: DriftKind;
  computedFen: bigint | null;
  recomputedFen: bigint | null;
  finalFen: bigint | null;
  issuedFen: bigint | null;
  reason: string | null;
}

/**
 * 分配结果核对: recomputes every issued batch from its stored inputs (through the recomputation
 * cache: only batches whose inputs changed run the formula again) and lists each difference
 * from the stored table (an input edited after computation), each manual adjustment, and each
 * issued amount that is not the final amount.
 */
export async function driftCheck({ db, actor }: Ctx): Promise<{ batches: number; lines: DriftLine[] }> {
  assertCan(actor, 'audit.read');
  const { batches } = await issuedBatchRecomputations(db);
  const lines: DriftLine[] = [];
  for (const { batchId, batchCode, inputs, inputsHash: hash, recomputed } of batches) {
    const changed = hash !== inputs.batch.inputsHash;
    const results = await db.select().from(batchResults).where(eq(batchResults.batchId, batchId));
    const sent = await db
      .select({ to: transfers.toHolderId, fen: sql<string>`sum(${transfers.amountFen})::text` })
      .from(transfers)
      .where(and(eq(transfers.batchId, batchId), inArray(transfers.kind, ['allocation', 'payment'])))
      .groupBy(transfers.toHolderId);
    const sentTo = new Map(sent.map((s) => [s.to, BigInt(s.fen)]));
    const codeOf = new Map(inputs.recipients.map((r) => [r.holderId, r.code]));
    for (const r of results) {
      const code = codeOf.get(r.recipientHolderId) ?? String(r.recipientHolderId);
      const finalFen = r.adjustedFen ?? r.computedFen;
      const issuedFen = sentTo.get(r.recipientHolderId) ?? 0n;
      const base = { batchId, batchCode, recipient: code, computedFen: r.computedFen, recomputedFen: recomputed.get(code) ?? null, finalFen, issuedFen };
      if (changed && recomputed.get(code) !== r.computedFen) lines.push({ ...base, kind: 'input_changed', reason: null });
      if (r.adjustedFen !== null) lines.push({ ...base, kind: 'adjustment', reason: r.adjustmentReason });
      if (issuedFen !== finalFen) lines.push({ ...base, kind: 'issued_differs', reason: null });
    }
    if (changed && !lines.some((l) => l.batchId === batchId && l.kind === 'input_changed')) {
      lines.push({ batchId, batchCode, recipient: '—', kind: 'input_changed', computedFen: null, recomputedFen: null, finalFen: null, issuedFen: null, reason: null });
    }
  }
  return { batches: batches.length, lines };
}
