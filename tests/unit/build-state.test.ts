import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildState, recordBuild, sourceFingerprint } from '@/lib/cli/build.mjs';

let root: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
/** What `npm run build` leaves: a build, and the fingerprint of the sources taken before it. */
const built = () => {
  const fingerprint = sourceFingerprint(root);
  write('.next/BUILD_ID', 'test-build');
  recordBuild(fingerprint, root);
};
const past = new Date('2020-01-01T00:00:00Z');

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-build-state-'));
  write('package.json', '{"name":"x"}');
  write('app/page.tsx', 'export default function Page() { return null; }');
  write('lib/money.ts', 'export const FEN = 100;');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm start builds only when there is no build or the build is older than the sources', () => {
  it('no build: build', () => {
    expect(buildState(root)).toBe('missing');
  });

  it('a build of the current sources: no rebuild, even when file times are newer than the build', () => {
    built();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'lib/money.ts'), later, later);
    expect(buildState(root)).toBe('current');
  });

  it('a source changed after the build: rebuild, even when its file time is older than the build', () => {
    built();
    write('lib/money.ts', 'export const FEN = 1000;');
    fs.utimesSync(path.join(root, 'lib/money.ts'), past, past);
    expect(buildState(root)).toBe('stale');
  });

  it('a source added, removed or renamed after the build, or a root config changed: rebuild', () => {
    built();
    write('components/table.tsx', 'export {};');
    expect(buildState(root)).toBe('stale');
    fs.rmSync(path.join(root, 'components'), { recursive: true });
    expect(buildState(root)).toBe('current');
    fs.renameSync(path.join(root, 'lib/money.ts'), path.join(root, 'lib/amount.ts'));
    expect(buildState(root)).toBe('stale');
    fs.renameSync(path.join(root, 'lib/amount.ts'), path.join(root, 'lib/money.ts'));
    write('next.config.js', 'module.exports = {};');
    expect(buildState(root)).toBe('stale');
  });

  it('files the build does not read (tests, data, the build itself) change nothing', () => {
    built();
    write('tests/unit/x.test.ts', 'x');
    write('data/PG_VERSION', '17');
    write('.next/server/page.js', 'y');
    expect(buildState(root)).toBe('current');
  });

  it('a build made without a recorded fingerprint (plain `next build`) is rebuilt once', () => {
    write('.next/BUILD_ID', 'test-build');
    expect(buildState(root)).toBe('stale');
  });
});
