import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '../client';
import { inDependencyOrder, type SqlKind, type SqlSource } from './source';

/**
 * Compares the SQL source files with the definitions live in a database, as PostgreSQL itself
 * prints them (pg_get_functiondef, pg_get_viewdef, pg_get_triggerdef): each file is created in a
 * scratch schema inside a transaction that is rolled back, and both sides are printed by the same
 * server, so formatting, comments outside function bodies and quoting never count as a difference.
 */

export interface SqlDrift {
  kind: SqlKind;
  name: string;
  /** changed: both exist and differ; no_file: live without a source file; not_in_database: a file not yet migrated. */
  problem: 'changed' | 'no_file' | 'not_in_database';
  file?: string;
  /** As PostgreSQL prints the file's definition. */
  expected?: string;
  /** As PostgreSQL prints the live definition. */
  actual?: string;
  /** Table of a live trigger. */
  table?: string;
  /** A function whose arguments or result type differ: CREATE OR REPLACE cannot change those. */
  signatureChanged?: boolean;
  /** Identity arguments of the live function, to drop it by. */
  liveArguments?: string;
}

const SCRATCH = 'sql_source_scratch';

interface Printed {
  name: string;
  def: string;
  table?: string;
  signature?: string;
  args?: string;
}

async function printed(tx: Tx, kind: SqlKind, schema: string): Promise<Printed[]> {
  const ns = sql`${schema}::regnamespace`;
  if (kind === 'function') {
    return rowsOf<Printed>(
      await tx.execute(sql`
        select p.proname as name, pg_get_functiondef(p.oid) as def, pg_get_function_identity_arguments(p.oid) as args,
               pg_get_function_identity_arguments(p.oid) || ' -> ' || pg_get_function_result(p.oid) as signature
        from pg_proc p where p.pronamespace = ${ns} order by 1`),
    );
  }
  if (kind === 'view') {
    return rowsOf<Printed>(await tx.execute(sql`select c.relname as name, pg_get_viewdef(c.oid, true) as def from pg_class c where c.relnamespace = ${ns} and c.relkind = 'v' order by 1`));
  }
  return rowsOf<Printed>(
    await tx.execute(sql`
      select t.tgname as name, pg_get_triggerdef(t.oid) as def, c.relname as "table"
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = ${ns} and not t.tgisinternal order by 1`),
  );
}

/** The scratch schema printed as if it were public, so both sides read alike. */
function asPublic(def: string): string {
  return def.replaceAll(`${SCRATCH}.`, 'public.').trim();
}

class Rollback extends Error {
  constructor(readonly drifts: SqlDrift[]) {
    super('rollback');
  }
}

async function createFromSource(tx: Tx, source: SqlSource) {
  try {
    await tx.execute(sql.raw(source.sql));
  } catch (e) {
    throw new Error(`${source.file} does not apply: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Every difference between the source files and the app's schema (public) of `db`; empty when they agree. */
export async function compareSqlSource(db: Queryable, sources: SqlSource[]): Promise<SqlDrift[]> {
  try {
    // Inside an open transaction this is a savepoint, rolled back the same way.
    await (db as Tx).transaction(async (tx) => {
      await tx.execute(sql.raw(`create schema ${SCRATCH}`));
      await tx.execute(sql.raw(`set local search_path = ${SCRATCH}, public`));
      // Bodies may name views created after them; they are checked when the migration applies.
      await tx.execute(sql.raw(`set local check_function_bodies = off`));
      const of = (kind: SqlKind) => sources.filter((s) => s.kind === kind);
      for (const s of of('function')) await createFromSource(tx, s);
      for (const s of inDependencyOrder(of('view'))) await createFromSource(tx, s);
      const fromFiles = new Map<SqlKind, Printed[]>([
        ['function', await printed(tx, 'function', SCRATCH)],
        ['view', await printed(tx, 'view', SCRATCH)],
      ]);
      // Trigger copies need tables to sit on: empty copies, made only now so no view above binds to them.
      for (const table of new Set(of('trigger').map((s) => s.table!))) {
        await tx.execute(sql.raw(`create table ${SCRATCH}."${table}" (like public."${table}")`));
      }
      for (const s of of('trigger')) await createFromSource(tx, s);
      fromFiles.set('trigger', await printed(tx, 'trigger', SCRATCH));

      await tx.execute(sql.raw(`set local search_path = public`));
      const drifts: SqlDrift[] = [];
      for (const kind of ['function', 'view', 'trigger'] as const) {
        const live = await printed(tx, kind, 'public');
        const mine = fromFiles.get(kind)!;
        for (const s of of(kind)) {
          const expected = mine.find((m) => m.name === s.name);
          const actual = live.find((l) => l.name === s.name);
          if (!expected) throw new Error(`${s.file} did not create ${kind} ${s.name}`);
          if (!actual) {
            drifts.push({ kind, name: s.name, problem: 'not_in_database', file: s.file, expected: asPublic(expected.def) });
          } else if (asPublic(expected.def) !== asPublic(actual.def)) {
            drifts.push({
              kind,
              name: s.name,
              problem: 'changed',
              file: s.file,
              expected: asPublic(expected.def),
              actual: asPublic(actual.def),
              ...(kind === 'trigger' ? { table: actual.table } : {}),
              ...(kind === 'function' ? { signatureChanged: expected.signature !== actual.signature, liveArguments: actual.args } : {}),
            });
          }
        }
        for (const l of live) {
          if (!of(kind).some((s) => s.name === l.name)) {
            drifts.push({ kind, name: l.name, problem: 'no_file', actual: asPublic(l.def), ...(kind === 'trigger' ? { table: l.table } : {}), ...(kind === 'function' ? { liveArguments: l.args } : {}) });
          }
        }
      }
      throw new Rollback(drifts);
    });
  } catch (e) {
    if (e instanceof Rollback) return e.drifts;
    throw e;
  }
  throw new Error('unreachable: the comparison transaction always rolls back');
}

/** One line per drift, with the first line that differs, for test failures and the generator's output. */
export function describeDrift(d: SqlDrift): string {
  const where = d.file ?? `db/sql/${d.kind}s/${d.name}.sql`;
  if (d.problem === 'no_file') return `${d.kind} ${d.name} is live in the database but has no file ${where}`;
  if (d.problem === 'not_in_database') return `${where}: ${d.kind} ${d.name} is not in the migrated database yet`;
  const a = (d.expected ?? '').split('\n');
  const b = (d.actual ?? '').split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `${where}: ${d.kind} ${d.name} differs from the migrated database at line ${at + 1} of its printed definition:\n  file: ${a[at] ?? '(end)'}\n  live: ${b[at] ?? '(end)'}`;
}
