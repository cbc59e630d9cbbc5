import 'server-only';
import { and, asc, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { allocationBatches, emailDeliveries, follows, notifications, outbox, projectApplications, projects, workflowDefinitions, workflowItems } from '@/db/schema';
import { definitionSchema, stageDef } from '@/lib/domain/workflow';
import { ensureDailyCheckpoint } from '../internal/audit-checkpoint';
import { deliverParticipationTopic } from '../internal/participation/notify';
import { flagOverdueFeedback } from '../internal/participation/overdue';
import { mailsOwed, type OutgoingMail } from '../internal/participation/mail-events';
import { mailConfig, type MailConfig } from '@/lib/mail/config';
import { createMailTransport, type MailTransport } from '@/lib/mail/transport';
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
/** How long a worker holds a row while it mails; a worker that stopped mid-delivery leaves it to another after this. */
export const MAIL_LEASE_MS = 5 * 60_000;

export interface DeliveryOptions {
  /** Where mail goes; by default SMTP_URL or the file sink, opened on the first message. */
  mailer?: MailTransport;
  mail?: MailConfig;
}

type OutboxRow = typeof outbox.$inferSelect;

/**
 * Delivers pending outbox rows. Each row is claimed with SKIP LOCKED so that several instances share
 * the work. A row that mails no one is delivered in that one transaction: notifications written and
 * the row marked delivered together, so a notification is never lost and never doubled (the unique key
 * on user and outbox row backs this up).
 *
 * A row that owes e-mails cannot hold a transaction open while it talks to a mail server, so its
 * claim is a lease (the attempt count is its fencing token, the lease its availability): each mail
 * is sent outside any transaction and recorded in email_deliveries, in its own commit, as soon as
 * the server accepted it; every recipient is checked against that table first. A worker stopped
 * mid-delivery thus leaves its sent mails recorded, and whoever takes the row after the lease sends
 * only the rest: one mail per event and follower, bar a crash between the server's acceptance and
 * the record, which the deterministic Message-ID lets the receiving side drop. Once all mails are
 * out, the notifications and the delivered mark commit together. Returns how many rows were delivered.
 * The clock is the real time except when the demo seed delivers the notifications of its history.
 */
export async function deliverOutbox(db: Db, limit = 100, clock: Clock = systemClock, options: DeliveryOptions = {}): Promise<number> {
  const config = options.mail ?? mailConfig();
  let opened: MailTransport | undefined;
  const mailer = () => options.mailer ?? (opened ??= createMailTransport(config));
  let delivered = 0;
  try {
    for (let i = 0; i < limit; i++) {
      const now = clock();
      const claim = await db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(outbox)
          .where(and(isNull(outbox.deliveredAt), lte(outbox.availableAt, now), sql`${outbox.attempts} < ${MAX_ATTEMPTS}`))
          .orderBy(asc(outbox.id))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!row) return { outcome: 'empty' as const };
        try {
          const mails = await tx.transaction((sp) => mailsOwed(sp, row, config, now));
          if (mails.length) {
            await tx.update(outbox).set({ attempts: row.attempts + 1, availableAt: new Date(now.getTime() + MAIL_LEASE_MS) }).where(eq(outbox.id, row.id));
            return { outcome: 'mail' as const, row, attempt: row.attempts + 1, mails };
          }
          await tx.transaction((sp) => completeRow(sp, row, now, row.attempts + 1));
          return { outcome: 'delivered' as const };
        } catch (e) {
          await tx.update(outbox).set(retryLater(row.attempts + 1, e, now)).where(eq(outbox.id, row.id));
          return { outcome: 'failed' as const };
        }
      });
      if (claim.outcome === 'empty') break;
      if (claim.outcome === 'delivered') delivered++;
      if (claim.outcome !== 'mail') continue;
      if (await sendLeased(db, claim.row, claim.attempt, claim.mails, mailer, clock)) delivered++;
    }
  } finally {
    opened?.close();
  }
  return delivered;
}

const stillMine = (rowId: number, attempt: number) => and(eq(outbox.id, rowId), eq(outbox.attempts, attempt), isNull(outbox.deliveredAt));

function retryLater(attempts: number, e: unknown, now: Date) {
  // Kept for a later attempt, backing off.
  const delayMs = 2 ** (attempts - 1) * 30_000;
  return { attempts, lastError: String((e as Error).message ?? e).slice(0, 500), availableAt: new Date(now.getTime() + delayMs) };
}

/** Sends a leased row's mails, each recorded once accepted; true when the row was then completed. */
async function sendLeased(db: Db, row: OutboxRow, attempt: number, mails: OutgoingMail[], mailer: () => MailTransport, clock: Clock): Promise<boolean> {
  try {
    for (const mail of mails) {
      // The lease is renewed before each mail; a worker whose lease another took stops here.
      const renewed = await db.update(outbox).set({ availableAt: new Date(clock().getTime() + MAIL_LEASE_MS) }).where(stillMine(row.id, attempt)).returning({ id: outbox.id });
      if (!renewed.length) return false;
      const [sent] = await db.select({ id: emailDeliveries.contactId }).from(emailDeliveries).where(and(eq(emailDeliveries.outboxId, row.id), eq(emailDeliveries.contactId, mail.contactId)));
      if (sent) continue;
      await mailer().send(mail.message);
      await db.insert(emailDeliveries).values({ outboxId: row.id, contactId: mail.contactId, messageId: mail.message.messageId, sentAt: clock() }).onConflictDoNothing();
    }
    return await db.transaction(async (tx) => {
      const [mine] = await tx.select({ id: outbox.id }).from(outbox).where(stillMine(row.id, attempt)).for('update');
      if (!mine) return false;
      await completeRow(tx, row, clock(), attempt);
      return true;
    });
  } catch (e) {
    await db.update(outbox).set(retryLater(attempt, e, clock())).where(stillMine(row.id, attempt));
    return false;
  }
}

/** The in-app side of a row, and its delivered mark, in the caller's transaction. */
async function completeRow(tx: Tx, row: OutboxRow, now: Date, attempts: number): Promise<void> {
  if (row.topic === 'stage_changed') await notifyFollowers(tx, row.id, row.payload as StageChanged, now);
  else await deliverParticipationTopic(tx, row, now);
  await tx.update(outbox).set({ deliveredAt: now, attempts, lastError: null }).where(eq(outbox.id, row.id));
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
