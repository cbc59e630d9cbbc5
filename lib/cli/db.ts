/**
 * `npm run db:migrate` applies the committed migrations to the database that DATABASE_URL or
 * DATA_DIR names; `npm run db:seed` does the same and then loads the seed if the database is empty.
 * A PGlite folder that a running server (or another script) owns is refused, untouched.
 * Run with `node --conditions=react-server --import tsx lib/cli/db.ts <migrate|seed>`.
 */
import { databaseConfig, openDatabase } from '@/db';
import { migrationLevel } from '@/db/migrate';
import { seedIfEmpty } from '@/lib/seed';
import { failureLine } from '@/lib/startup';

async function main(command: string | undefined) {
  if (command !== 'migrate' && command !== 'seed') throw new Error(`unknown command ${command ?? '(none)'}: use migrate or seed`);
  const cfg = databaseConfig();
  const database = await openDatabase();
  try {
    const where = cfg.driver === 'postgres' ? 'PostgreSQL' : `PGlite at ${cfg.dataDir}`;
    console.log(`${where}: ${await migrationLevel(database.db)} migrations applied`);
    if (command === 'seed') {
      const outcome = await seedIfEmpty(database, { demo: process.env.SEED_DEMO !== 'false' });
      console.log(outcome === 'seeded' ? `seed loaded${process.env.SEED_DEMO === 'false' ? ' (reference data only)' : ' (with demo data)'}` : 'seed already present: nothing loaded');
    }
  } finally {
    await database.close();
  }
}

const command = process.argv[2];
main(command).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(failureLine(`db:${command ?? '?'} failed`, e));
    process.exit(1);
  },
);
