import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from './client';

const MIGRATION_LOCK = 7_410_001;
export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Applies the committed SQL migrations; safe to call from several instances at once. */
export async function migrate(database: Database): Promise<void> {
  await database.withExclusiveLock(MIGRATION_LOCK, async (db) => {
    if (database.driver === 'pglite') {
      const { migrate: run } = await import('drizzle-orm/pglite/migrator');
      await run(db as never, { migrationsFolder });
    } else {
      const { migrate: run } = await import('drizzle-orm/postgres-js/migrator');
      await run(db as never, { migrationsFolder });
    }
  });
}

export async function migrationLevel(db: Db): Promise<number> {
  const rows = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
  return Number(rows[0]?.n ?? 0);
}
