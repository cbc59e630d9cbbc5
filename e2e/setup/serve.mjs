#!/usr/bin/env node
// The e2e server: a fresh embedded database folder of its own, never shared with dev or unit tests.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.env.DATA_DIR || '.data/e2e');
fs.rmSync(dir, { recursive: true, force: true });
process.env.DATA_DIR = dir;
process.argv.push('--no-build');
await import('../../lib/cli/start.mjs');
