import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * Deny by default in the data layer, checked on the source with the TypeScript compiler:
 * - every function exported by lib/dal outside internal/ and public/ takes the caller's Ctx first,
 *   or is one of the few entry points that establish who the caller is, or is a synchronous pure
 *   helper that cannot reach the database (no database handle among its parameters);
 * - lib/dal/internal (transaction helpers that check nothing) is imported only from lib/dal;
 * - components (components/ and the _components/ folders beside routes) get plain data: they import
 *   nothing from lib/dal but types, and never Ctx or a handle;
 * - lib/dal/public reads only the public read model (public_* views) and the plan's reference data.
 */

const ROOT = path.resolve(__dirname, '../..');
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

function filesUnder(dir: string, exts = ['.ts', '.tsx', '.mts', '.mjs']): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : filesUnder(full, exts);
    return exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Functions that cannot take a Ctx because they make one, or act for no signed-in person: each
 * authorizes by its own secret (password, session, set-password token) or writes nothing anyone asked for.
 */
const ENTRY_POINTS: Record<string, readonly string[]> = {
  'lib/dal/auth/session.ts': ['getActor', 'requireCtx', 'endCurrentSession'],
  'lib/dal/auth/page-guard.ts': ['requirePage'],
  'lib/dal/auth/sign-in.ts': ['authenticate', 'openSession', 'endSession', 'loadActor'],
  'lib/dal/auth/password-setup.ts': ['passwordLinkAccount', 'setPasswordWithToken', 'accountOfPasswordLink', 'choosePasswordByLink'],
  // next-auth's options: the signing secret is read from the database before anyone is signed in.
  'lib/dal/auth/auth-options.ts': ['getAuthOptions'],
  'lib/dal/health/check.ts': ['checkHealth'],
  'lib/dal/workflow/outbox.ts': ['deliverOutbox', 'startOutboxWorker'],
  // A citizen's follow or rating: the typed address or the mailed link's token is the only credential.
  // A citizen's submission: no session; the rate limiter and the public read model stand in for a caller.
  'lib/dal/participation/submit.ts': ['submitFeedback'],
  'lib/dal/participation/follows.ts': ['requestCitizenFollow', 'followConfirmLink', 'confirmCitizenFollow', 'followLeaveLink', 'leaveCitizenFollow', 'askToFollow', 'confirmFollowByLink', 'leaveFollowByLink', 'confirmLinkOf', 'leaveLinkOf'],
  'lib/dal/participation/ratings.ts': ['projectRatable', 'requestProjectRating', 'ratingConfirmLink', 'confirmProjectRating', 'askToRate', 'confirmRatingByLink', 'ratingLinkOf', 'isProjectRatable'],
  // The operator's `npm run audit:verify`, run on the database itself (it only reads), and the
  // checkpoint the server publishes at start, which states the chain head for no one in particular.
  'lib/dal/audit/integrity.ts': ['auditIntegrityReport', 'publishTodaysCheckpoint'],
};

const HANDLE_TYPES = new Set(['PgDatabase', 'PgTransaction', 'PgliteDatabase', 'PostgresJsDatabase']);

function dalProgram() {
  const configPath = path.join(ROOT, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, ROOT);
  const roots = filesUnder(path.join(ROOT, 'lib/dal')).filter((f) => !/\/lib\/dal\/(internal|public)\//.test(f));
  return { program: ts.createProgram(roots, { ...config.options, noEmit: true, incremental: false }), roots };
}

function mentionsHandle(type: ts.Type): boolean {
  if (type.isUnion() || type.isIntersection()) return type.types.some(mentionsHandle);
  const name = type.aliasSymbol?.name ?? type.getSymbol()?.name;
  return name !== undefined && HANDLE_TYPES.has(name);
}

/** The problems of one exported function, or [] when it keeps the rule. */
function problemsOf(checker: ts.TypeChecker, file: string, name: string, symbol: ts.Symbol, at: ts.Node): string[] {
  const type = checker.getTypeOfSymbolAtLocation(symbol, at);
  const signatures = type.getCallSignatures();
  if (!signatures.length) return [];
  if (ENTRY_POINTS[file]?.includes(name)) return [];
  return signatures.flatMap((sig) => {
    const params = sig.getParameters().map((p) => checker.getTypeOfSymbolAtLocation(p, at));
    const first = params[0]?.getSymbol();
    const firstIsCtx = first?.name === 'Ctx' && first.declarations?.some((d) => rel(d.getSourceFile().fileName) === 'lib/dal/auth/session.ts');
    if (firstIsCtx) return [];
    const handle = params.some(mentionsHandle);
    const async = checker.getPropertyOfType(sig.getReturnType(), 'then') !== undefined;
    if (!handle && !async) return [];
    return [`${file}: ${name} takes ${params.length ? checker.typeToString(params[0]!) : 'nothing'} first${handle ? ' and a bare database handle' : ''}${async ? ' and is async' : ''}: take the caller's Ctx and authorize, or move it to lib/dal/internal`];
  });
}

function exportedFunctions() {
  const { program, roots } = dalProgram();
  const checker = program.getTypeChecker();
  const out: { file: string; name: string; problems: string[]; takesCtx: boolean }[] = [];
  for (const root of roots) {
    const source = program.getSourceFile(root)!;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) continue;
      const file = rel(root);
      const problems = problemsOf(checker, file, exported.name, symbol, source);
      const sig = checker.getTypeOfSymbolAtLocation(symbol, source).getCallSignatures()[0];
      const first = sig?.getParameters()[0];
      const takesCtx = first ? checker.getTypeOfSymbolAtLocation(first, source).getSymbol()?.name === 'Ctx' : false;
      out.push({ file, name: exported.name, problems, takesCtx });
    }
  }
  return out;
}

describe('the data layer denies by default', () => {
  const exported = exportedFunctions();

  it('finds the exports it checks', () => {
    // A checker that saw nothing would pass anything.
    expect(exported.filter((e) => e.takesCtx).length).toBeGreaterThan(60);
    expect(exported.map((e) => e.name)).toContain('listTransfers');
  });

  it('every export outside internal/ and public/ takes the caller Ctx first (or is a listed entry point or a pure helper)', () => {
    expect(exported.flatMap((e) => e.problems)).toEqual([]);
  });

  it('the entry point list names only real exports that take no Ctx', () => {
    for (const [file, names] of Object.entries(ENTRY_POINTS)) {
      for (const name of names) {
        const found = exported.find((e) => e.file === file && e.name === name);
        expect(found, `${file}: ${name}`).toBeDefined();
        expect(found!.takesCtx, `${file}: ${name} takes a Ctx; drop it from ENTRY_POINTS`).toBe(false);
      }
    }
  });
});

interface ImportLine {
  file: string;
  spec: string;
  resolved: string;
  typeOnly: boolean;
  names: string[];
}

function importsOf(file: string): ImportLine[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: ImportLine[] = [];
  const add = (spec: string, typeOnly: boolean, names: string[]) => {
    const resolved = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? rel(path.resolve(path.dirname(file), spec)) : spec;
    out.push({ file: rel(file), spec, resolved, typeOnly, names });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const typeOnly = ts.isImportDeclaration(node)
        ? !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && named.length > 0 && named.every((e) => e.isTypeOnly)))
        : node.isTypeOnly;
      add(node.moduleSpecifier.text, typeOnly, named.map((e) => (e.propertyName ?? e.name).text));
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteral(node.arguments[0]) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node.arguments[0].text, false, []);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Outside lib/dal only the tests and the seed (which still writes demo history through the transaction helpers) may use them. */
const INTERNAL_IMPORTERS = [/^lib\/dal\//, /^tests\//, /^db\/seed\//, /^lib\/seed\//];

describe('the data layer keeps its helpers inside', () => {
  it('nothing outside lib/dal imports lib/dal/internal', () => {
    const files = ['app', 'components', 'lib', 'db', 'e2e', 'tests'].flatMap((d) => filesUnder(path.join(ROOT, d)));
    for (const top of ['proxy.ts', 'instrumentation.ts']) if (fs.existsSync(path.join(ROOT, top))) files.push(path.join(ROOT, top));
    const offending = files
      .flatMap(importsOf)
      .filter((i) => /^lib\/dal\/internal(\/|$)/.test(i.resolved) && !INTERNAL_IMPORTERS.some((ok) => ok.test(i.file)))
      .map((i) => `${i.file} imports ${i.spec}`);
    expect(files.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });

  it('components receive plain data: no DAL call, no context, no database handle', () => {
    // Shared components (components/) and the ones that live beside their one route (app/**/_components/).
    const besideRoutes = filesUnder(path.join(ROOT, 'app')).filter((f) => rel(f).split('/').includes('_components'));
    const files = [...filesUnder(path.join(ROOT, 'components')), ...besideRoutes];
    const offending = files.flatMap(importsOf).flatMap((i) => {
      if (/^lib\/dal(\/|$)/.test(i.resolved) && !i.typeOnly) return [`${i.file} imports values from ${i.spec} (a component may not call the data layer)`];
      if (/^lib\/dal\/auth\/session$/.test(i.resolved) || i.names.includes('Ctx')) return [`${i.file} imports the request context from ${i.spec}`];
      if (/^db(\/index|\/client)?$/.test(i.resolved)) return [`${i.file} imports a database handle from ${i.spec}`];
      return [];
    });
    expect(files.length).toBeGreaterThan(30);
    expect(offending).toEqual([]);
  });
});

/**
 * What the public read model may read: the public_* views (published, non-withheld content), the
 * plan's reference data, the demo-visibility setting, and stored documents only by ids that a
 * public view names.
 */
const PUBLIC_READABLE = new Set(['organisations', 'projects', 'project_types', 'restoration_zones', 'key_areas', 'engineering_groups', 'plan_indicators', 'settings', 'documents']);
const DRIZZLE_TABLES: Record<string, string> = {
  organisations: 'organisations',
  projects: 'projects',
  projectTypes: 'project_types',
  restorationZones: 'restoration_zones',
  keyAreas: 'key_areas',
  engineeringGroups: 'engineering_groups',
  planIndicators: 'plan_indicators',
};

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
/** The common table expressions a text defines (a shared one is checked in the file that defines it). */
const ctesOf = (text: string) => [...withoutComments(text).matchAll(/\b([a-z_][a-z0-9_]*)\s+as\s+(?:materialized\s+)?\(/gi)].map((m) => m[1]!.toLowerCase());

function relationsRead(text: string, shared: ReadonlySet<string> = new Set()): string[] {
  const code = withoutComments(text);
  const ctes = new Set([...ctesOf(text), ...shared]);
  const sqlRelations = [...code.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)\b(?!\s*\()/gi)].map((m) => m[1]!.toLowerCase()).filter((r) => !ctes.has(r) && r !== 'lateral');
  const drizzle = [...code.matchAll(/\.(?:from|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => DRIZZLE_TABLES[m[1]!] ?? `drizzle:${m[1]}`);
  return [...sqlRelations, ...drizzle];
}

describe('the public read model', () => {
  it('lib/dal/public reads only public_* views and reference data', () => {
    const files = filesUnder(path.join(ROOT, 'lib/dal/public'));
    // The one shared expression: `flows` (flows.ts), which reads public_transfer_lines and organisations.
    const shared = new Set(ctesOf(fs.readFileSync(path.join(ROOT, 'lib/dal/public/flows.ts'), 'utf8')));
    const read = files.flatMap((f) => relationsRead(fs.readFileSync(f, 'utf8'), shared).map((r) => ({ file: rel(f), r })));
    expect(read.some((x) => x.r.startsWith('public_'))).toBe(true);
    expect(read.filter((x) => !x.r.startsWith('public_') && !PUBLIC_READABLE.has(x.r)).map((x) => `${x.file} reads ${x.r}`)).toEqual([]);
  });

  it('lib/dal/public imports no other data-layer module than the demo-visibility setting', () => {
    const files = filesUnder(path.join(ROOT, 'lib/dal/public'));
    const offending = files
      .flatMap(importsOf)
      .filter((i) => /^lib\/dal\//.test(i.resolved) && !i.typeOnly && !/^lib\/dal\/public\//.test(i.resolved) && i.resolved !== 'lib/dal/internal/settings')
      .map((i) => `${i.file} imports ${i.spec}`);
    expect(offending).toEqual([]);
  });
});
