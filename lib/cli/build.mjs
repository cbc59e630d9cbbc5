#!/usr/bin/env node
// `npm run build`: `next build`, then a fingerprint of the sources it was built from, kept next to
// the build so that `npm start` rebuilds exactly when the sources differ (content, not file times:
// a checkout or a copy that keeps old times, or touches every file, still gives the right answer).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `next build` reads: the app's folders and the root files that configure it. */
const SOURCE_DIRS = ['app', 'components', 'lib', 'db', 'public', 'styles'];
const ROOT_FILE = /^(package(-lock)?\.json|tsconfig\.json|next\.config\.[cm]?[jt]s|instrumentation\.[jt]s|proxy\.[jt]s|middleware\.[jt]s|postcss\.config\.[cm]?[jt]s|\.env(\..+)?)$/;
const SKIP_DIR = new Set(['node_modules', '.next', '.git', 'data', '.data']);
export const FINGERPRINT_FILE = path.join('.next', 'portal-sources.sha256');

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function sourceFiles(root) {
  const files = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIR.has(entry.name)) walk(child);
      } else if (entry.isFile()) files.push(child);
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(root, dir))) walk(dir);
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) if (entry.isFile() && ROOT_FILE.test(entry.name)) files.push(entry.name);
  return files.sort();
}

/** SHA-256 over every source file's path and content. */
export function sourceFingerprint(root = projectRoot) {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root)) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(createHash('sha256').update(fs.readFileSync(path.join(root, file))).digest('hex'));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** 'missing' (no build), 'stale' (built from other sources, or not by this script) or 'current'. */
export function buildState(root = projectRoot) {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return 'missing';
  let recorded = '';
  try {
    recorded = fs.readFileSync(path.join(root, FINGERPRINT_FILE), 'utf8').trim();
  } catch {
    return 'stale';
  }
  return recorded === sourceFingerprint(root) ? 'current' : 'stale';
}

/** Records which sources the build in `.next` was made from (taken before building). */
export function recordBuild(fingerprint, root = projectRoot) {
  fs.writeFileSync(path.join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
}

/** Next's command-line entry, found through its package's public `bin` field. */
export function nextBin(root = projectRoot) {
  const require = createRequire(path.join(root, 'package.json'));
  const manifest = require.resolve('next/package.json');
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return path.resolve(path.dirname(manifest), typeof bin === 'string' ? bin : bin.next);
}

/** Runs `next build`; returns its exit status. The fingerprint is written only after a success. */
export function build(root = projectRoot) {
  const fingerprint = sourceFingerprint(root);
  const res = spawnSync(process.execPath, [nextBin(root), 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status === 0) recordBuild(fingerprint, root);
  return res.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(build());
