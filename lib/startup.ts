import 'server-only';
import { openDatabase, provideDatabase } from '@/db';
import { describeUrl, type Database } from '@/db/client';
import { listenForPublicChanges } from '@/lib/cache/public-change-listener';
import { publishTodaysCheckpoint } from '@/lib/dal/audit/integrity';
import { startOutboxWorker } from '@/lib/dal/workflow/outbox';
import { seedIfEmpty } from '@/lib/seed';

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Opens and migrates the database; the configured one unless a test hands in its own. */
  open?: (env: NodeJS.ProcessEnv) => Promise<Database>;
}

/**
 * The composition root, run once at server start by instrumentation.ts: opens the database,
 * applies the migrations, loads the seed into an empty database, publishes today's audit checkpoint
 * when missing, listens for public changes (the
 * response cache) and starts the outbox worker
 * (unless OUTBOX_WORKER=off). Pages and the data layer then use that handle through getDb().
 */
export function startServer({ env = process.env, open = openDatabase }: StartOptions = {}): Promise<Database> {
  return provideDatabase(async () => {
    const database = await open(env);
    try {
      await seedIfEmpty(database, { demo: env.SEED_DEMO !== 'false' });
      // Today's audit checkpoint, if no instance has published it yet (the worker keeps it daily).
      await publishTodaysCheckpoint(database.db);
    } catch (e) {
      await database.close().catch(() => {});
      throw e;
    }
    await listenForPublicChanges(database);
    if (env.OUTBOX_WORKER !== 'off') startOutboxWorker(database.db);
    return database;
  });
}

/** Start-up as the server runs it: a database it cannot use ends the process with one line. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (e) {
    console.error(failureLine('start-up failed', e));
    process.exit(1);
  }
}

/** One line naming why start-up failed, with the database password masked wherever it appears. */
export function failureLine(prefix: string, e: unknown, env: NodeJS.ProcessEnv = process.env): string {
  let message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
  const url = env.DATABASE_URL?.trim();
  if (url) {
    message = message.replaceAll(url, describeUrl(url));
    const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
    if (password) message = message.replaceAll(password, '***');
  }
  return `${prefix}: ${message}`;
}
