import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/lib/dal/auth/actor';
import type { Ctx } from '@/lib/dal/auth/session';
import { chinaToday } from '@/lib/domain/china-date';
import { deliverOutbox } from '@/lib/dal/workflow/outbox';

interface Scheduled {
  date: string;
  order: number;
  command: () => Promise<unknown>;
}

const MINUTE_MS = 60_000;

/**
 * Replays the demo's history through the data layer and the workflow engine, as the people who
 * did it: each command runs with its actor's context, on the demo's day (the context's clock),
 * labelled as demo data, in the seed's transaction. Commands run in date order, those of one
 * day in the order they were scheduled, one minute apart from 08:00 in China (00:00 UTC): the
 * audit chain and every timestamp then read as the history happened, not as the day it was loaded.
 */
export class Replay {
  private readonly queue: Scheduled[] = [];
  private instant = new Date(0);
  private keys = 0;

  constructor(
    private readonly tx: Tx,
    private readonly actors: ReadonlyMap<string, Actor>,
  ) {}

  /** Schedules a command for a day of the demo (YYYY-MM-DD, the date in China). */
  on(date: string, command: () => Promise<unknown>): void {
    this.queue.push({ date, order: this.queue.length, command });
  }

  /** The context a demo account acts in for the command now running. */
  as(username: string): Ctx {
    const actor = this.actors.get(username);
    if (!actor) throw new Error(`no demo account ${username}`);
    const at = this.instant;
    return { db: this.tx, actor, clock: () => at, demo: true };
  }

  /** A form's idempotency key, the same on every run (the demo is deterministic to the byte). */
  clientKey(): string {
    return `00000000-0000-4000-8000-${(++this.keys).toString(16).padStart(12, '0')}`;
  }

  /** The outbox worker's pass just after the command, so followers hear of it when it happened. */
  async deliverNotifications(): Promise<void> {
    const at = this.instant;
    await deliverOutbox(this.tx as unknown as Db, 100, () => at);
  }

  /** Runs every scheduled command in order; the caller's transaction makes the whole history atomic. */
  async run(): Promise<number> {
    const ordered = [...this.queue].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
    this.queue.length = 0;
    for (const { date, command } of ordered) {
      const start = Date.parse(`${date}T00:00:00Z`);
      this.instant = new Date(Math.max(start, this.instant.getTime() + MINUTE_MS));
      if (chinaToday(this.instant) !== date) throw new Error(`demo history: too many commands on ${date}`);
      await command();
    }
    // What the commands published is announced through the outbox too: nothing of the history stays pending.
    const at = this.instant;
    while ((await deliverOutbox(this.tx as unknown as Db, 100, () => at)) > 0);
    return ordered.length;
  }
}
