import 'server-only';
import { eq, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { allocationBatches, formulaRecomputations, transfers } from '@/db/schema';
import { computeAllocation, inputsHash } from '@/lib/domain/formula';
import { loadBatchInputs, type BatchInputs } from './inputs';

export interface BatchRecomputation {
  batchId: number;
  batchCode: string;
  inputs: BatchInputs;
  /** Hash of the inputs as they are now. */
  inputsHash: string;
  /** Recipient code → the formula's amount for the inputs as they are now; empty when it refused them. */
  recomputed: Map<string, bigint>;
  refusal: string | null;
}

/**
 * Every issued batch (one with transfers) recomputed from its stored inputs, through the
 * recomputation cache: a batch's formula runs again only when the hash of its inputs differs from
 * the one its cached result was made from. `recomputedIds` names the batches that ran this call.
 */
export async function issuedBatchRecomputations(db: Queryable): Promise<{ batches: BatchRecomputation[]; recomputedIds: number[] }> {
  const issued = await db
    .selectDistinct({ id: allocationBatches.id, code: allocationBatches.code })
    .from(allocationBatches)
    .innerJoin(transfers, eq(transfers.batchId, allocationBatches.id))
    .where(isNotNull(allocationBatches.inputsHash))
    .orderBy(allocationBatches.id);
  if (!issued.length) return { batches: [], recomputedIds: [] };
  const cached = new Map(
    (await db.select().from(formulaRecomputations).where(inArray(formulaRecomputations.batchId, issued.map((b) => b.id)))).map((c) => [c.batchId, c]),
  );
  const batches: BatchRecomputation[] = [];
  const recomputedIds: number[] = [];
  for (const b of issued) {
    const inputs = await loadBatchInputs(db, b.id);
    if (!inputs) continue;
    const hash = inputsHash(inputs.input);
    const hit = cached.get(b.id);
    if (hit && hit.inputsHash === hash) {
      batches.push({ batchId: b.id, batchCode: b.code, inputs, inputsHash: hash, recomputed: new Map(Object.entries(hit.amounts).map(([k, v]) => [k, BigInt(v)])), refusal: hit.refusal });
      continue;
    }
    const outcome = computeAllocation(inputs.input);
    const recomputed = new Map(outcome.ok ? outcome.result.recipients.map((r) => [r.code, r.amountFen]) : []);
    const refusal = outcome.ok ? null : outcome.error.code;
    const row = { batchId: b.id, inputsHash: hash, amounts: Object.fromEntries([...recomputed].map(([k, v]) => [k, v.toString()])), refusal, computedAt: new Date() };
    await db.insert(formulaRecomputations).values(row).onConflictDoUpdate({ target: formulaRecomputations.batchId, set: { inputsHash: row.inputsHash, amounts: row.amounts, refusal, computedAt: row.computedAt } });
    recomputedIds.push(b.id);
    batches.push({ batchId: b.id, batchCode: b.code, inputs, inputsHash: hash, recomputed, refusal });
  }
  return { batches, recomputedIds };
}
