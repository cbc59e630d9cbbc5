#!/usr/bin/env node
// The e2e server: an embedded database folder of its own, never shared with dev or unit tests,
// started from the database prepare.mjs seeded when there is one for these sources.
import fs from 'node:fs';
import path from 'node:path';
import { copySeeded } from './seed-copy.mjs';

const dir = path.resolve(process.env.DATA_DIR || '.data/e2e');
fs.rmSync(dir, { recursive: true, force: true });
if (copySeeded(dir)) console.log(`e2e database copied from the prepared seed into ${dir}`);
process.env.DATA_DIR = dir;
process.argv.push('--no-build');
await import('../../lib/cli/start.mjs');
