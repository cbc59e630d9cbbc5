// The seeded database prepare.mjs makes, and the mark that says which sources it was seeded from.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, sourceFingerprint } from '../../lib/cli/build.mjs';

export const SEED_DIR = path.join(projectRoot, '.data', 'e2e-seed');
export const SEED_MARK = path.join(projectRoot, '.data', 'e2e-seed.sources');

/** Copies the prepared database into `dir` when it was seeded from these sources; false otherwise. */
export function copySeeded(dir) {
  if (!fs.existsSync(SEED_MARK) || fs.readFileSync(SEED_MARK, 'utf8') !== sourceFingerprint()) return false;
  fs.cpSync(SEED_DIR, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'portal-owner.pid'), { force: true });
  return true;
}
