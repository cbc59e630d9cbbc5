import { openPglite, openPostgres, StartupError, type Database, type Db } from './client';
import { migrate } from './migrate';

export { StartupError };

declare global {
  var __yqDatabase: Promise<Database> | undefined;
}

export function databaseConfig(env: NodeJS.ProcessEnv = process.env) {
  const url = env.DATABASE_URL?.trim();
  return url ? ({ driver: 'postgres', url } as const) : ({ driver: 'pglite', dataDir: env.DATA_DIR?.trim() || './data' } as const);
}

/** Opens the configured database and applies the committed migrations. */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const cfg = databaseConfig(env);
  const database = cfg.driver === 'postgres' ? await openPostgres(cfg.url) : await openPglite(cfg.dataDir);
  try {
    await migrate(database);
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  return database;
}

/**
 * Makes `start()`'s database the process's one handle, unless one is already there: the handle
 * lives on globalThis, shared by every bundle of the server, so hot reload or a second call never
 * opens a second PGlite on the same folder. A failed start leaves no handle behind.
 */
export function provideDatabase(start: () => Promise<Database>): Promise<Database> {
  globalThis.__yqDatabase ??= start().catch((e: unknown) => {
    globalThis.__yqDatabase = undefined;
    throw e;
  });
  return globalThis.__yqDatabase;
}

/** The handle the server opened at start (instrumentation.ts); this module never opens one itself. */
export function getDatabase(): Promise<Database> {
  return globalThis.__yqDatabase ?? Promise.reject(new Error('no database is open in this process: the server opens it at start (instrumentation.ts)'));
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
