import fs from 'node:fs';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '@/db/client';
import { migrate } from '@/db/migrate';
import { seedIfEmpty } from '@/lib/seed';

export interface TestDatabase extends Database {
  label: string;
  /** PostgreSQL only: where a second instance would connect. */
  url?: string;
  drop(): Promise<void>;
}

/** Refuses anything but a database server on this machine: tests create and drop databases. */
function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) throw new Error(`refusing to run tests against non-local database host ${host}`);
}

/** The seeded demo is copied from the run's template (tests/support/global-setup.ts); other shapes are built here. */
function wantsDemoTemplate(opts: { seed?: boolean; demo?: boolean }): boolean {
  return opts.seed !== false && opts.demo !== false;
}

export async function createPglite(opts: { seed?: boolean; demo?: boolean } = {}): Promise<TestDatabase> {
  if (wantsDemoTemplate(opts)) {
    const database = await openPglite(undefined, { image: new Blob([fs.readFileSync(inject('pgliteDemoImage'))]) });
    return { ...database, label: 'pglite', drop: () => database.close() };
  }
  const database = await openPglite(undefined);
  await migrate(database);
  if (opts.seed !== false) await seedIfEmpty(database, { demo: opts.demo ?? true });
  return { ...database, label: 'pglite', drop: () => database.close() };
}

let created = 0;

/** A fresh database on the PostgreSQL server of TEST_DATABASE_URL, dropped by `drop()`. */
export async function createPostgres(opts: { seed?: boolean; demo?: boolean } = {}): Promise<TestDatabase | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  assertLocal(base);
  // Named after the run's database so CI can drop whatever a crashed test left behind.
  const name = `${new URL(base).pathname.slice(1) || 'yq'}_t${process.pid}_${++created}`;
  const admin = await openPostgres(base, { max: 1 });
  const template = wantsDemoTemplate(opts) ? inject('postgresDemoTemplate') : '';
  await admin.db.execute((template ? `create database ${name} template ${template}` : `create database ${name}`) as never);
  await admin.close();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 20 });
  if (!template) {
    await migrate(database);
    if (opts.seed !== false) await seedIfEmpty(database, { demo: opts.demo ?? true });
  }
  return {
    ...database,
    label: 'postgres',
    url: url.toString(),
    async drop() {
      await database.close();
      const again = await openPostgres(base, { max: 1 });
      await again.db.execute(`drop database if exists ${name} with (force)` as never);
      await again.close();
    },
  };
}

/** The drivers to run a suite against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DRIVERS = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])] as const;

export async function createDatabase(driver: string, opts: { seed?: boolean; demo?: boolean } = {}): Promise<TestDatabase> {
  if (driver === 'postgres') return (await createPostgres(opts))!;
  return createPglite(opts);
}
