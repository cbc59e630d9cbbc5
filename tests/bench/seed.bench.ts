/**
 * How long the seed takes: it runs at every fresh start and in every integration-test database.
 * Times a fresh in-memory PGlite (migrate, then seed with the demo) and, when BENCH_DATABASE_URL
 * is set, a fresh database on that PostgreSQL server (created and dropped here).
 *
 * Run: node --conditions=react-server --import tsx tests/bench/seed.bench.ts [runs=3]
 * Figures only, no pass/fail: the machine is shared and noisy. The CPU time of this process is the
 * steadier figure on a busy machine (for PGlite it includes the database; for PostgreSQL it does not).
 */
import { openPglite, openPostgres, type Database } from '@/db/client';
import { migrate } from '@/db/migrate';
import { seedIfEmpty } from '@/lib/seed';

const runs = Number(process.argv[2] ?? 3);

async function timeSeed(label: string, open: () => Promise<{ database: Database; dispose: () => Promise<void> }>) {
  const migrateMs: number[] = [];
  const seedMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { database, dispose } = await open();
    try {
      const t0 = performance.now();
      await migrate(database);
      const t1 = performance.now();
      const cpu = process.cpuUsage();
      await seedIfEmpty(database, { demo: true });
      const t2 = performance.now();
      const used = process.cpuUsage(cpu);
      migrateMs.push(t1 - t0);
      seedMs.push(t2 - t1);
      cpuMs.push((used.user + used.system) / 1000);
    } finally {
      await dispose();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `${label.padEnd(12)} migrate median ${median(migrateMs).toFixed(0).padStart(6)} ms   seed median ${median(seedMs).toFixed(0).padStart(6)} ms` +
      `   this process's CPU during the seed ${median(cpuMs).toFixed(0).padStart(6)} ms   (seed runs: ${seedMs.map((m) => m.toFixed(0)).join(', ')} ms)`,
  );
}

async function main() {
  await timeSeed('pglite', async () => {
    const database = await openPglite(undefined);
    return { database, dispose: () => database.close() };
  });
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) return;
  let n = 0;
  await timeSeed('postgres', async () => {
    const name = `seed_bench_${process.pid}_${++n}`;
    const admin = await openPostgres(base, { max: 1 });
    await admin.db.execute(`create database ${name}` as never);
    await admin.close();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), { max: 10 });
    return {
      database,
      async dispose() {
        await database.close();
        const again = await openPostgres(base, { max: 1 });
        await again.db.execute(`drop database if exists ${name} with (force)` as never);
        await again.close();
      },
    };
  });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
