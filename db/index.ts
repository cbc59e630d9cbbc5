import { openPglite, openPostgres, StartupError, type Database, type Db } from './client';
import { migrate } from './migrate';
import { seedIfEmpty } from '@/lib/seed';
import { startOutboxWorker } from '@/lib/dal/workflow/outbox';

export { StartupError };

declare global {
  var __yqDatabase: Promise<Database> | undefined;
}

export function databaseConfig() {
  const url = process.env.DATABASE_URL?.trim();
  return url ? ({ driver: 'postgres', url } as const) : ({ driver: 'pglite', dataDir: process.env.DATA_DIR?.trim() || './data' } as const);
}

async function open(): Promise<Database> {
  const cfg = databaseConfig();
  const database = cfg.driver === 'postgres' ? await openPostgres(cfg.url) : await openPglite(cfg.dataDir);
  await migrate(database);
  await seedIfEmpty(database, { demo: process.env.SEED_DEMO !== 'false' });
  if (process.env.OUTBOX_WORKER !== 'off') startOutboxWorker(database.db);
  return database;
}

/**
 * The process's one database handle, opened, migrated and seeded on first use. Cached on
 * globalThis so hot reload never opens a second PGlite on the same folder.
 */
export function getDatabase(): Promise<Database> {
  globalThis.__yqDatabase ??= open().catch((e) => {
    globalThis.__yqDatabase = undefined;
    throw e;
  });
  return globalThis.__yqDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
