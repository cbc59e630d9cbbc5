import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite, openPostgres, StartupError } from '@/db/client';

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['lib/cli/start.mjs', '--no-build'], { cwd: process.cwd(), env: { ...process.env, ...env, PORT: '3499' }, encoding: 'utf8', timeout: 30_000 });

describe('start-up refuses a database it cannot use, in one line that names the problem', () => {
  it('an unreachable DATABASE_URL, without the password', () => {
    const res = start({ DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/yq' });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^start-up failed: cannot reach PostgreSQL at postgres:\/\/app@127\.0\.0\.1:1\/yq/);
    expect(res.stderr + res.stdout).not.toContain('s3cret-pw');
  });

  it('an unwritable DATA_DIR', () => {
    const file = path.join(os.tmpdir(), `yq-not-a-dir-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      const res = start({ DATABASE_URL: '', DATA_DIR: path.join(file, 'data') });
      expect(res.status).toBe(1);
      expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^start-up failed: DATA_DIR .*yq-not-a-dir-\d+\/data is not writable \(ENOTDIR\)$/)]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('the same checks in the server process itself', async () => {
    const e = await openPostgres('postgres://app:s3cret-pw@127.0.0.1:1/yq').then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(StartupError);
    expect((e as Error).message).not.toContain('s3cret-pw');
    const file = path.join(os.tmpdir(), `yq-not-a-dir-b-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      const e2 = await openPglite(path.join(file, 'data')).then(() => null, (err: unknown) => err);
      expect(e2).toBeInstanceOf(StartupError);
      expect((e2 as Error).message).toMatch(/is not writable \(ENOTDIR\)/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
