/**
 * npm run db:sql [-- <migration_name>]
 *
 * Migrates an empty in-memory database with the committed migrations, compares it with db/sql and
 * writes the next migration that brings it to the files: CREATE OR REPLACE for each changed or new
 * function, view and trigger; a changed view is dropped and re-created together with the views that
 * read it, in dependency order; an object whose file was deleted is dropped. The journal entry and a
 * snapshot copy keep drizzle-kit's chain whole. Nothing is written when the files and the migrations agree.
 */
import { openPglite } from '../client';
import { migrate, migrationsFolder } from '../migrate';
import { compareSqlSource, describeDrift } from './compare';
import { migrationStatements, writeMigration } from './migration';
import { readSqlSources } from './source';

async function main() {
  const name = process.argv[2] ?? 'sql_source';
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name "${name}": use lower case letters, digits and _`);
  const sources = readSqlSources();
  const database = await openPglite(undefined);
  try {
    await migrate(database);
    const drifts = await compareSqlSource(database.db, sources);
    if (drifts.length === 0) {
      console.log('db/sql matches the migrations: nothing to generate.');
      return;
    }
    for (const d of drifts) console.log(describeDrift(d));
    const summary = drifts.map((d) => `${d.problem === 'no_file' ? 'drop' : d.problem === 'changed' ? 'replace' : 'create'} ${d.kind} ${d.name}`);
    const tag = writeMigration(migrationsFolder, name, migrationStatements(sources, drifts), summary);
    console.log(`\nwrote db/migrations/${tag}.sql (with its journal entry and snapshot): review it, run the tests, commit.`);
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
