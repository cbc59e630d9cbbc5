import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';

/**
 * The browser never receives the database schema: client code takes codes and types from
 * lib/domain/vocabulary, never from db/schema. Reads the build that `npm test` makes before
 * this suite (`.next/static/chunks`, what browsers download) and looks for Drizzle's runtime
 * and for the names of the schema's constraints and indexes.
 */
const chunksDir = path.resolve(__dirname, '..', '.next', 'static', 'chunks');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Strings that exist only where a table definition was bundled: drizzle-orm's pg-core classes and this schema's constraint names. */
function schemaMarkers(): string[] {
  const drizzleRuntime = ['drizzle:Name', 'drizzle:Columns', 'drizzle:ExtraConfigBuilder', '"PgTable"', '"PgColumn"'];
  const constraintNames = Object.values(schema)
    .filter((value) => is(value, PgTable))
    .flatMap((table) => {
      const config = getTableConfig(table as PgTable);
      return [...config.checks.map((c) => c.name), ...config.indexes.map((i) => i.config.name).filter((n): n is string => !!n)];
    });
  return [...drizzleRuntime, ...constraintNames];
}

test('no client chunk contains the Drizzle table definitions', () => {
  expect(fs.existsSync(chunksDir), `${chunksDir} is missing: run \`npx next build\` first`).toBe(true);
  const chunks = filesUnder(chunksDir).filter((f) => f.endsWith('.js'));
  const markers = schemaMarkers();
  // Guards against a check that passes because it looked at nothing.
  expect(chunks.length).toBeGreaterThan(10);
  expect(markers).toContain('transfers_amount_range');

  const found = chunks.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return markers.filter((m) => text.includes(m)).map((m) => `${path.relative(chunksDir, file)}: ${m}`);
  });
  expect(found).toEqual([]);
});
