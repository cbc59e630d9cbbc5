import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** Code that answers requests: pages, route handlers, components, server actions, API helpers, the proxy. */
const REQUEST_FACING = ['app', 'components', 'lib/actions', 'lib/api', 'proxy.ts'];

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((d) => {
    const child = path.join(entry, d.name);
    if (d.isDirectory()) return sourceFiles(child);
    return /\.(ts|tsx|mjs)$/.test(d.name) ? [path.join(root, child)] : [];
  });
}

describe('the clock and the demo label of a data-layer context', () => {
  it('are never set by code that answers a request: only the seed and tests build a context with them', () => {
    const setters = /\b(clock|demo)\s*:|\.(clock|demo)\s*=(?!=)|\bnowOf\(/;
    const offenders = REQUEST_FACING.flatMap(sourceFiles).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => setters.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('are absent from the context a request gets', () => {
    const session = fs.readFileSync(path.join(root, 'lib/dal/auth/session.ts'), 'utf8');
    const built = session.match(/export async function requireCtx[\s\S]*?\n\}/)?.[0] ?? '';
    expect(built, 'requireCtx is where a request gets its context').toMatch(/return \{[^}]*actor/);
    expect(built).not.toMatch(/clock|demo/);
  });
});
