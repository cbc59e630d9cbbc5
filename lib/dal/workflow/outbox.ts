import 'server-only';
import { and, asc, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { allocationBatches, follows, notifications, outbox, projectApplications, projects, workflowDefinitions, workflowItems } from '@/db/schema';
import { definitionSchema, stageDef } from '@/lib/domain/workflow';
import { ensureDailyCheckpoint } from '../internal/audit-checkpoint';
import { deliverParticipationTopic } from '../participation/notify';
import { flagOverdueFeedback } from '../participation/overdue';
import { systemClock, type Clock } from '../internal/clock';

export interface StageChanged {
  itemId: number;
  kind: 'project_application' | 'allocation_batch';
  subjectId: number;
  from: string;
  to: string;
  action: string;
  actorId: number;
}

const MAX_ATTEMPTS = 8;

/**
 * Delivers pending outbox rows, one transaction per row: the row is claimed with SKIP LOCKED so
 * that several instances share the work, the notifications are written, and the row is marked
 * delivered in the same transaction. A notification is therefore never lost and never doubled
 * (the unique key on user and outbox row backs this up). Returns how many rows were delivered.
 * The clock is the real time except when the demo seed delivers the notifications of its history.
 */
export async function deliverOutbox(db: Db, limit = 100, clock: Clock = systemClock): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < limit; i++) {
    const now = clock();
    const outcome = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.deliveredAt), lte(outbox.availableAt, now), sql`${outbox.attempts} < ${MAX_ATTEMPTS}`))
        .orderBy(asc(outbox.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return 'empty' as const;
      try {
        await tx.transaction(async (sp) => {
          if (row.topic === 'stage_changed') await notifyFollowers(sp, row.id, row.payload as StageChanged, now);
          else await deliverParticipationTopic(sp, row, now);
          await sp.update(outbox).set({ deliveredAt: now, attempts: row.attempts + 1, lastError: null }).where(eq(outbox.id, row.id));
        });
        return 'delivered' as const;
      } catch (e) {
        // Kept for a later attempt, backing off; the claim is released when this transaction ends.
        const delayMs = 2 ** row.attempts * 30_000;
        await tx.update(outbox).set({ attempts: row.attempts + 1, lastError: String((e as Error).message ?? e).slice(0, 500), availableAt: new Date(now.getTime() + delayMs) }).where(eq(outbox.id, row.id));
        return 'failed' as const;
      }
    });
    if (outcome === 'empty') break;
    if (outcome === 'delivered') delivered++;
  }
  return delivered;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function notifyFollowers(tx: Tx, outboxId: number, e: StageChanged, now: Date): Promise<void> {
  const [item] = await tx
    .select({ definition: workflowDefinitions.definition })
    .from(workflowItems)
    .innerJoin(workflowDefinitions, eq(workflowDefinitions.id, workflowItems.definitionId))
    .where(eq(workflowItems.id, e.itemId));
  if (!item) return;
  const def = definitionSchema.parse(item.definition);
  const subject = e.kind === 'allocation_batch'
    ? { type: 'batch' as const, id: e.subjectId, label: (await tx.select({ t: allocationBatches.title }).from(allocationBatches).where(eq(allocationBatches.id, e.subjectId)))[0]?.t ?? '' }
    : await (async () => {
        const [a] = await tx.select({ projectId: projectApplications.projectId, name: projects.name, code: projectApplications.code }).from(projectApplications).innerJoin(projects, eq(projects.id, projectApplications.projectId)).where(eq(projectApplications.id, e.subjectId));
        return { type: 'project' as const, id: a!.projectId, label: `${a!.code} ${a!.name}` };
      })();
  const followers = await tx
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.subjectType, subject.type), eq(follows.subjectId, subject.id), sql`${follows.userId} is not null`, ne(follows.userId, e.actorId)));
  if (!followers.length) return;
  const from = stageDef(def, e.from)?.name ?? e.from;
  const to = stageDef(def, e.to)?.name ?? e.to;
  await tx
    .insert(notifications)
    .values(followers.map((f) => ({ userId: f.userId!, outboxId, title: `${subject.label}：${to}`, body: `${subject.label} 由「${from}」进入「${to}」。`, createdAt: now })))
    .onConflictDoNothing();
}

declare global {
  var __yqOutboxTimer: NodeJS.Timeout | undefined;
}

/**
 * Polls the outbox in this process; every instance may run one, SKIP LOCKED shares the rows. Each
 * tick also publishes the day's audit checkpoint when it is missing (the day is unique in the
 * database, so only one instance's attempt publishes it).
 */
export function startOutboxWorker(db: Db, everyMs = 5_000): void {
  if (globalThis.__yqOutboxTimer) return;
  const tick = () =>
    deliverOutbox(db)
      .catch((e) => console.error('outbox delivery failed', e))
      .then(() => ensureDailyCheckpoint(db))
      .catch((e) => console.error('audit checkpoint failed', e))
      .then(() => flagOverdueFeedback(db))
      .catch((e) => console.error('overdue feedback flagging failed', e));
  globalThis.__yqOutboxTimer = setInterval(tick, everyMs);
  globalThis.__yqOutboxTimer.unref();
}
