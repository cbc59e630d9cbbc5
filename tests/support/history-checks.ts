import { asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import * as s from '@/db/schema';
import { walkChain } from '@/lib/audit/chain';
import { describeProblem } from '@/lib/audit/report';
import { chinaToday } from '@/lib/domain/china-date';
import { definitionSchema, findTransition } from '@/lib/domain/workflow';

/**
 * The invariants any history in the database obeys, whoever wrote it (users through the data
 * layer, or the demo seed replaying its history the same way). Returns one line per problem;
 * an empty list means the history holds.
 */
export async function historyProblems(db: Db): Promise<string[]> {
  const problems: string[] = [];

  // The audit chain verifies from the genesis hash, numbered 1, 2, 3 … in the order it was written
  // (seq follows id: both are taken under the head's lock), and the published head is its last link.
  const entries = await db.select().from(s.auditLog).orderBy(asc(s.auditLog.seq));
  const chain = walkChain(entries.map((r) => ({ ...r, at: r.at.toISOString() })));
  for (const p of chain.problems) problems.push(`audit chain: ${describeProblem(p)}`);
  if (entries.some((e, i) => i > 0 && e.id < entries[i - 1]!.id)) problems.push('audit chain: seq order is not id order');
  const [head] = await db.select().from(s.auditHead);
  if (head!.lastHash !== chain.head.hash || head!.lastSeq !== chain.head.seq) problems.push('audit head is not the last entry of the chain');

  // Every transfer is named by an audit entry: its own, or the one of the command that wrote it
  // (a programme's opening, a batch's issue, a project's funding), or its spreadsheet import.
  const unaudited = rowsOf<{ id: number }>(
    await db.execute(sql`select t.id from transfers t where not exists (
        select 1 from audit_log a where (a.entity_type = 'transfer' and a.entity_id = t.id::text)
          or coalesce(a.after->'transferIds', '[]'::jsonb) @> to_jsonb(t.id))
      and not (t.import_line is not null and exists (
        select 1 from audit_log a where a.action = 'import.transfers_committed' and a.actor_id = t.recorded_by))
      order by t.id`),
  );
  for (const t of unaudited) problems.push(`transfer ${t.id} has no audit entry`);

  // Every transfer was recorded on or after the date it bears, by someone.
  const transfers = await db.select({ id: s.transfers.id, transferDate: s.transfers.transferDate, recordedAt: s.transfers.recordedAt }).from(s.transfers);
  for (const t of transfers) if (chinaToday(t.recordedAt) < t.transferDate) problems.push(`transfer ${t.id} recorded before its date`);

  // Every publication is named by the audit entry of the event that published it.
  const unpublished = rowsOf<{ id: number }>(
    await db.execute(sql`select p.id from publications p where not exists (
        select 1 from audit_log a where (a.entity_type = 'publication' and a.entity_id = p.id::text)
          or coalesce(a.after->'publicationIds', '[]'::jsonb) @> to_jsonb(p.id)
          or a.after->'publicationId' = to_jsonb(p.id))
      order by p.id`),
  );
  for (const p of unpublished) problems.push(`publication ${p.id} has no audit entry`);

  // Every workflow item got where it is by legal transitions from its definition's first stage,
  // each by a person of the role the definition names, each with its audit entry (same time,
  // same actor) and its outbox row.
  const items = await db.select().from(s.workflowItems).orderBy(asc(s.workflowItems.id));
  const definitions = new Map((await db.select().from(s.workflowDefinitions)).map((d) => [d.id, definitionSchema.parse(d.definition)]));
  const transitionAudits = new Map(
    entries.filter((e) => e.action.startsWith('workflow.') && (e.after as { transitionId?: unknown } | null)?.transitionId !== undefined).map((e) => [Number((e.after as { transitionId: number }).transitionId), e]),
  );
  const outboxKeys = new Set((await db.select({ key: s.outbox.dedupeKey }).from(s.outbox)).map((o) => o.key));
  for (const item of items) {
    const def = definitions.get(item.definitionId)!;
    const steps = await db.select().from(s.workflowTransitions).where(eq(s.workflowTransitions.itemId, item.id)).orderBy(asc(s.workflowTransitions.id));
    let stage = def.initial;
    let at = item.createdAt;
    for (const t of steps) {
      const legal = findTransition(def, stage, t.action);
      if (t.fromStage !== stage || !legal || legal.to !== t.toStage) problems.push(`item ${item.id}: ${t.action} from ${t.fromStage} to ${t.toStage} is not a legal move from ${stage}`);
      const audit = transitionAudits.get(t.id);
      if (!audit) problems.push(`item ${item.id}: transition ${t.id} has no audit entry`);
      else {
        if (audit.actorId !== t.actorId || audit.at.getTime() !== t.at.getTime()) problems.push(`item ${item.id}: transition ${t.id} and its audit entry differ in actor or time`);
        if (legal && audit.actorRole !== legal.role) problems.push(`item ${item.id}: ${t.action} taken by a ${audit.actorRole}, not a ${legal.role}`);
      }
      if (!outboxKeys.has(`workflow_transition:${t.id}`)) problems.push(`item ${item.id}: transition ${t.id} has no outbox row`);
      if (t.at < at) problems.push(`item ${item.id}: transition ${t.id} happened before what preceded it`);
      stage = t.toStage;
      at = t.at;
    }
    if (item.stage !== stage) problems.push(`item ${item.id} sits at ${item.stage} but its transitions lead to ${stage}`);
    if (item.revision < steps.length) problems.push(`item ${item.id} has revision ${item.revision} after ${steps.length} transitions`);
    if (steps.length && item.stageEnteredAt.getTime() !== steps.at(-1)!.at.getTime()) problems.push(`item ${item.id} entered its stage at another time than its last transition`);
  }
  return problems;
}
