import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '@/db/client';
import { migrate } from '@/db/migrate';
import { seedIfEmpty } from '@/lib/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite cluster holding the reference data and the demo history. */
    pgliteDemoImage: string;
    /** A migrated, demo-seeded database on TEST_DATABASE_URL's server, or '' without one. */
    postgresDemoTemplate: string;
  }
}

/**
 * The demo seed replays its whole history through the data layer (seconds per database), so it
 * runs once per test run: every suite that asks for the seeded demo starts from a copy of it.
 */
export default async function setup(project: TestProject) {
  const image = path.join(os.tmpdir(), `yq-demo-${process.pid}.tar`);
  const pglite = await openPglite(undefined);
  await migrate(pglite);
  await seedIfEmpty(pglite, { demo: true });
  fs.writeFileSync(image, Buffer.from(await (await pglite.dumpImage!()).arrayBuffer()));
  await pglite.close();
  project.provide('pgliteDemoImage', image);

  const base = process.env.TEST_DATABASE_URL;
  let template = '';
  if (base) {
    // Named after the run's database so CI drops it with the rest if the run dies.
    template = `${new URL(base).pathname.slice(1) || 'yq'}_tpl${process.pid}`;
    const admin = await openPostgres(base, { max: 1 });
    await admin.db.execute(`create database ${template}` as never);
    await admin.close();
    const url = new URL(base);
    url.pathname = `/${template}`;
    const database = await openPostgres(url.toString(), { max: 4 });
    await migrate(database);
    await seedIfEmpty(database, { demo: true });
    await database.close();
  }
  project.provide('postgresDemoTemplate', template);

  return async () => {
    fs.rmSync(image, { force: true });
    if (template) {
      const admin = await openPostgres(base!, { max: 1 });
      await admin.db.execute(`drop database if exists ${template} with (force)` as never);
      await admin.close();
    }
  };
}
