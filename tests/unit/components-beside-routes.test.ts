import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A component that one page uses (directly or through its own sub-components) lives beside that
 * page, in the private folder `_components/` next to its page.tsx (Next.js does not route `_` folders);
 * components/ holds only what several pages, a layout or other shared components use. These stay in
 * components/ although one page uses them, each for the reason given.
 */
const SHARED_BY_CHOICE: Record<string, string> = {
  'components/auth/sign-in-form.tsx': 'a public page\'s component: the public pages are being extended and may reuse it',
  'components/auth/set-password-form.tsx': 'a public page\'s component: the public pages are being extended and may reuse it',
  'components/disclosure/diff-table.tsx': 'a public page\'s component: the public pages are being extended and may reuse it',
  'components/disclosure/transfer-lines.tsx': 'a public page\'s component: the public pages are being extended and may reuse it',
  'components/formulas/recompute-panel.tsx': 'a public page\'s component: the public pages are being extended and may reuse it',
  'components/ui/template.tsx': 'a UI primitive (a message with elements in its placeholders), not a piece of one page: components/ui holds the primitives',
};

/** Next.js file conventions: the files that make a route (or wrap several). */
const ROUTE_FILE = /^app\/(.*\/)?(page|layout|template|loading|error|global-error|not-found|default|route)\.(tsx?|jsx?)$/;
const PAGE = /^app\/(.*\/)?page\.(tsx?|jsx?)$/;
const EXTS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g)].flatMap(([, spec]) => {
    const base = spec!.startsWith('@/') ? spec!.slice(2) : spec!.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec!)) : null;
    if (base === null) return [];
    const found = EXTS.map((e) => base + e).find((f) => existsSync(path.join(root, f)) && statSync(path.join(root, f)).isFile());
    return found ? [found] : [];
  });
}

const isComponent = (file: string) => file.startsWith('components/') || file.split('/').includes('_components');

const files = ['app', 'components', 'lib'].flatMap(sourceFiles);
const importers = new Map<string, string[]>();
for (const file of files) for (const target of importsOf(file)) importers.set(target, [...(importers.get(target) ?? []), file]);

/** The route files (and any non-component modules) a component is reached from, through other components. */
function reachedFrom(component: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  for (const importer of importers.get(component) ?? []) {
    if (isComponent(importer) && !ROUTE_FILE.test(importer)) {
      if (seen.has(importer)) continue;
      seen.add(importer);
      for (const r of reachedFrom(importer, seen)) out.add(r);
    } else out.add(importer);
  }
  return out;
}

const onlyPage = (component: string): string | null => {
  const from = [...reachedFrom(component)];
  return from.length === 1 && PAGE.test(from[0]!) ? from[0]! : null;
};

describe('route-only components live beside their route', () => {
  const shared = files.filter((f) => f.startsWith('components/'));
  const beside = files.filter((f) => f.startsWith('app/') && f.split('/').includes('_components'));

  it('finds the components it checks', () => {
    expect(shared.length).toBeGreaterThan(20);
    expect(beside.length).toBeGreaterThan(20);
  });

  it('no component in components/ is used by exactly one page (move it to that page\'s _components/)', () => {
    const routeOnly = shared.filter((f) => !(f in SHARED_BY_CHOICE)).flatMap((f) => {
      const page = onlyPage(f);
      return page ? [`${f} is used only by ${page}`] : [];
    });
    expect(routeOnly).toEqual([]);
  });

  it('a _components/ file is used only by the route it sits beside (shared ones belong in components/)', () => {
    const misplaced = beside.flatMap((f) => {
      const routeDir = f.slice(0, f.lastIndexOf('/_components/'));
      const users = importers.get(f) ?? [];
      if (users.length === 0) return [`${f} is used by nothing`];
      return users
        .filter((u) => !u.startsWith(`${routeDir}/_components/`) && !(path.posix.dirname(u) === routeDir && ROUTE_FILE.test(u)))
        .map((u) => `${f} is used by ${u}, outside its route`);
    });
    expect(misplaced).toEqual([]);
  });

  it('the listed exceptions exist and are still used by one page only (a stale entry would hide nothing)', () => {
    for (const f of Object.keys(SHARED_BY_CHOICE)) expect(onlyPage(f), f).not.toBeNull();
  });
});
