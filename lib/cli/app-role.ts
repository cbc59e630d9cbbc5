/**
 * `npm run db:app-role -- <role>` (PostgreSQL only, run as the owner that migrates, with DATABASE_URL
 * naming the database): gives an existing login role the portal's privileges (db/app-role.ts) on
 * the migrated database: read and write the working tables, only read and insert into the audit
 * log, its checkpoints, the ledger, the publications, the workflow transitions and the security log.
 * Idempotent; run it again after every `npm run db:migrate` that adds a table.
 * Run with `node --conditions=react-server --import tsx lib/cli/app-role.ts <role>`.
 */
import { sql } from 'drizzle-orm';
import { databaseConfig, openDatabase } from '@/db';
import { APPEND_ONLY_TABLES, appRoleGrants } from '@/db/app-role';
import { rowsOf } from '@/db/client';
import { failureLine } from '@/lib/startup';

async function main(role: string | undefined): Promise<void> {
  if (!role || !/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error('give the role: npm run db:app-role -- <role> (lower-case letters, digits and _)');
  const cfg = databaseConfig();
  if (cfg.driver !== 'postgres') throw new Error('the embedded database (PGlite) has no roles: set DATABASE_URL to the PostgreSQL database, connected as its owner');
  const database = await openDatabase();
  try {
    const [exists] = rowsOf<{ ok: boolean }>(await database.db.execute(sql`select exists (select 1 from pg_roles where rolname = ${role}) as ok`));
    if (!exists?.ok) throw new Error(`role ${role} does not exist: create it first, e.g. CREATE ROLE ${role} LOGIN PASSWORD '…'`);
    await database.db.transaction(async (tx) => {
      for (const statement of appRoleGrants(role)) await tx.execute(sql.raw(statement));
    });
    console.log(`${role}: may read and write the working tables; only read and insert into ${APPEND_ONLY_TABLES.join(', ')}`);
  } finally {
    await database.close();
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(failureLine('db:app-role failed', e));
    process.exit(1);
  },
);
