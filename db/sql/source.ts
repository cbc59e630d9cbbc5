import fs from 'node:fs';
import path from 'node:path';

/**
 * The SQL kept as source: one file per function, view and trigger in db/sql/{functions,views,triggers},
 * each holding the object's current definition as one CREATE OR REPLACE statement. Migrations are
 * generated from these files (db/sql/generate.ts); a test compares them with a migrated database.
 */

export type SqlKind = 'function' | 'view' | 'trigger';

export interface SqlSource {
  kind: SqlKind;
  name: string;
  /** Path relative to the repository root, for messages. */
  file: string;
  sql: string;
  /** The table a trigger is on. */
  table?: string;
}

export const sqlSourceDir = path.join(process.cwd(), 'db', 'sql');

const FOLDERS: [SqlKind, string][] = [
  ['function', 'functions'],
  ['view', 'views'],
  ['trigger', 'triggers'],
];

const HEAD: Record<SqlKind, RegExp> = {
  function: /^CREATE OR REPLACE FUNCTION "([a-z_][a-z0-9_]*)"\(/m,
  view: /^CREATE OR REPLACE VIEW "([a-z_][a-z0-9_]*)" AS\b/m,
  // A constraint trigger cannot be replaced in place: its migration drops and re-creates it.
  trigger: /^CREATE (?:OR REPLACE TRIGGER|CONSTRAINT TRIGGER) "([a-z_][a-z0-9_]*)" .*?\bON "([a-z_][a-z0-9_]*)"/m,
};

/** Reads every source file; a file must create exactly the object it is named after. */
export function readSqlSources(dir: string = sqlSourceDir): SqlSource[] {
  const sources: SqlSource[] = [];
  for (const [kind, folder] of FOLDERS) {
    const full = path.join(dir, folder);
    if (!fs.existsSync(full)) continue;
    for (const entry of fs.readdirSync(full).sort()) {
      if (!entry.endsWith('.sql')) continue;
      const file = path.relative(process.cwd(), path.join(full, entry));
      const sql = fs.readFileSync(path.join(full, entry), 'utf8');
      const name = entry.slice(0, -'.sql'.length);
      const head = HEAD[kind].exec(sql);
      if (!head || head[1] !== name) throw new Error(`${file} must hold one CREATE OR REPLACE ${kind.toUpperCase()} "${name}" statement`);
      const creates = sql.match(/^CREATE\b/gm) ?? [];
      if (creates.length !== 1) throw new Error(`${file} must hold exactly one statement, found ${creates.length} CREATE lines`);
      sources.push({ kind, name, file, sql, ...(kind === 'trigger' ? { table: head[2] } : {}) });
    }
  }
  return sources;
}

/** Whether the code of `text` (comments aside) names `name` as an identifier, not as part of a longer one. */
export function mentions(text: string, name: string): boolean {
  const code = text.replace(/--.*$/gm, '');
  return new RegExp(`(^|[^a-z0-9_])${name}($|[^a-z0-9_])`, 'm').test(code);
}

/**
 * Views ordered so that each comes after the views it reads (a view binds the objects it names when
 * it is created). A cycle cannot exist among views; one here means a file names a view it does not read.
 */
export function inDependencyOrder(views: SqlSource[]): SqlSource[] {
  const reads = new Map(views.map((v) => [v.name, views.filter((o) => o.name !== v.name && mentions(v.sql, o.name)).map((o) => o.name)]));
  const done = new Set<string>();
  const ordered: SqlSource[] = [];
  const visit = (v: SqlSource, trail: string[]) => {
    if (done.has(v.name)) return;
    if (trail.includes(v.name)) throw new Error(`views name each other in a cycle: ${[...trail, v.name].join(' → ')}`);
    for (const dep of reads.get(v.name) ?? []) visit(views.find((o) => o.name === dep)!, [...trail, v.name]);
    done.add(v.name);
    ordered.push(v);
  };
  for (const v of [...views].sort((a, b) => a.name.localeCompare(b.name))) visit(v, []);
  return ordered;
}

/** Views that read `name`, directly or through other views, in dependency order. */
export function dependantViews(views: SqlSource[], names: Iterable<string>): SqlSource[] {
  const hit = new Set(names);
  let grew = true;
  while (grew) {
    grew = false;
    for (const v of views) {
      if (hit.has(v.name)) continue;
      if ([...hit].some((n) => mentions(v.sql, n))) {
        hit.add(v.name);
        grew = true;
      }
    }
  }
  return inDependencyOrder(views).filter((v) => hit.has(v.name));
}
