import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { claimDataDir, DataDirInUse } from './data-dir-owner';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  driver: 'postgres' | 'pglite';
  /** Runs `fn` while holding a cluster-wide lock (no-op lock on PGlite, which has one owner). */
  withExclusiveLock<T>(key: number, fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Calls `onPayload` for each NOTIFY on `channel` (delivered when the notifying transaction
   * commits). `onListen` runs each time listening (re)starts: notices sent while it was down are lost.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen: () => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole in-memory cluster as a tarball, to start other instances from (tests' seeded template). */
  dumpImage?: () => Promise<Blob>;
}

export class StartupError extends Error {}

/** Describes a connection URL without its password, for error messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30 });
  try {
    await sql`select 1`;
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    const reason = e instanceof Error ? e.message.replaceAll(url, describeUrl(url)) : String(e);
    throw new StartupError(`cannot reach PostgreSQL at ${describeUrl(url)}: ${reason}`);
  }
  const db = drizzle(sql, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    async withExclusiveLock(key, fn) {
      // A dedicated session holds the advisory lock while the pool does the work.
      const lock = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await lock`select pg_advisory_lock(${key})`;
        return await fn(db);
      } finally {
        await lock`select pg_advisory_unlock(${key})`.catch(() => {});
        await lock.end({ timeout: 1 });
      }
    },
    async listen(channel, onPayload, onListen) {
      const { unlisten } = await sql.listen(channel, onPayload, onListen);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * Embedded PostgreSQL. `dataDir` undefined means in memory (tests). Exactly one process may own a
 * folder: opening one that another running process holds is refused.
 */
export async function openPglite(dataDir: string | undefined, opts: { image?: Blob } = {}): Promise<Database> {
  let release = () => {};
  if (dataDir) {
    const dir = path.resolve(dataDir);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new StartupError(`DATA_DIR ${dir} is not writable (${code})`);
    }
    try {
      release = claimDataDir(dir);
    } catch (e) {
      throw e instanceof DataDirInUse ? new StartupError(e.message) : e;
    }
  }
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = dataDir ? new PGlite(path.resolve(dataDir)) : new PGlite(opts.image ? { loadDataDir: opts.image } : {});
    await client.waitReady;
    const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      db,
      driver: 'pglite',
      withExclusiveLock: (_key, fn) => fn(db),
      async listen(channel, onPayload, onListen) {
        const unlisten = await client.listen(channel, onPayload);
        onListen();
        return unlisten;
      },
      async close() {
        await client.close();
        release();
      },
      dumpImage: async () => {
        const image = await client.dumpDataDir('none');
        return new Blob([await image.arrayBuffer()]);
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Rows of a raw `execute`, whichever driver ran it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
