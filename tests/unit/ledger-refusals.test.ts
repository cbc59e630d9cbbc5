import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DUPLICATE_IMPORT_LINE_CONSTRAINT, LEDGER_CONSTRAINTS, LEDGER_REFUSALS } from '@/lib/domain/ledger/refusals';
import { describeError } from '@/lib/errors/describe';
import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';

const root = path.resolve(__dirname, '../..');

/** Every SQL file the database is built from: the migrations, and the function sources if they live apart. */
function sqlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'meta' ? [] : sqlFiles(p);
    return e.name.endsWith('.sql') ? [p] : [];
  });
}

const sources = [...sqlFiles(path.join(root, 'db/migrations')), ...sqlFiles(path.join(root, 'db/sql'))].map((file) => ({ file: path.relative(root, file), sql: fs.readFileSync(file, 'utf8') }));

/** The message of every RAISE EXCEPTION, with the file it is in. */
const raised = sources.flatMap(({ file, sql }) => [...sql.matchAll(/RAISE\s+EXCEPTION\s+'([^']*)'/gi)].map((m) => ({ file, message: m[1]! })));

describe('refusals raised in SQL', () => {
  it('follow the one convention, ledger:<code>, so the error mapper can name them', () => {
    expect(raised.length).toBeGreaterThan(10);
    for (const r of raised) expect(r.message, r.file).toMatch(/^ledger:[a-z_]+( |$)/);
  });

  it('are exactly the codes of the one list in TypeScript, each with a message in Chinese and in English', () => {
    const codes = new Set(raised.map((r) => /^ledger:([a-z_]+)/.exec(r.message)?.[1]));
    expect([...codes].sort()).toEqual([...LEDGER_REFUSALS].sort());
    for (const code of LEDGER_REFUSALS) {
      const zhText = (zh.ledger as Record<string, unknown>)[code];
      const enText = (en.ledger as Record<string, unknown>)[code];
      expect(typeof zhText === 'string' && /[\u4e00-\u9fff]/.test(zhText), `zh ledger.${code}`).toBe(true);
      expect(typeof enText === 'string' && /^[\x20-\x7e]+$/.test(enText), `en ledger.${code}`).toBe(true);
    }
  });

  it('name constraints that the schema declares', () => {
    const all = sources.map((s) => s.sql).join('\n');
    for (const name of [...Object.keys(LEDGER_CONSTRAINTS), DUPLICATE_IMPORT_LINE_CONSTRAINT]) expect(all, name).toContain(`"${name}"`);
  });

  it.each(LEDGER_REFUSALS)('%s reaches the reader as a 422 in their language, however the driver wraps it', (code) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // PGlite and postgres.js errors arrive bare or wrapped by drizzle in `cause`.
    const bare = Object.assign(new Error(`ledger:${code} line=0`), { code: 'P0001' });
    const wrapped = new Error('Failed query: insert into "transfers" …', { cause: bare });
    for (const e of [bare, wrapped]) {
      expect(describeError(e, 'zh', 'test')).toEqual({ status: 422, code: 'ledger', message: zh.ledger[code], fieldErrors: undefined });
      expect(describeError(e, 'en', 'test').message).toBe(en.ledger[code]);
    }
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });
});
