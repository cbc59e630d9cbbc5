import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from './client';

const MIGRATION_LOCK = 7_410_001;
export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/**
 * Applies the committed SQL migrations; safe to call from several instances at once. With nothing
 * to apply it only reads, so a portal connected as the application role (which may not create
 * schemas or tables: README, "The database keeps the log") starts once the owner has migrated.
 */
export async function migrate(database: Database): Promise<void> {
  await database.withExclusiveLock(MIGRATION_LOCK, async (db) => {
    if ((await pendingMigrations(db)) === 0) return;
    if (database.driver === 'pglite') {
      const { migrate: run } = await import('drizzle-orm/pglite/migrator');
      await run(db as never, { migrationsFolder });
    } else {
      const { migrate: run } = await import('drizzle-orm/postgres-js/migrator');
      await run(db as never, { migrationsFolder });
    }
  });
}

/** Committed migrations not yet applied, judged as drizzle's migrator does: by their journal time. */
export async function pendingMigrations(db: Db): Promise<number> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  const [table] = rowsOf<{ exists: boolean }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`));
  if (!table?.exists) return journal.entries.length;
  const [last] = rowsOf<{ at: string | number | null }>(await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`));
  const appliedUntil = last?.at === null || last?.at === undefined ? -1 : Number(last.at);
  return journal.entries.filter((e) => e.when > appliedUntil).length;
}

export async function migrationLevel(db: Db): Promise<number> {
  const rows = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
  return Number(rows[0]?.n ?? 0);
}
