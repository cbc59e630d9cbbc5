import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';
import { PERMISSIONS } from '@/lib/auth/permissions';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('message catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it('contain every message key the code refers to', () => {
    const all = new Set(keys(zh));
    const used = new Set<string>();
    for (const dir of ['lib', 'app', 'components']) {
      for (const file of sourceFiles(path.join(process.cwd(), dir))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/'((?:form|ledger|errors|admin|import|workflow|formula)\.[a-z_A-Z.]+)'/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !all.has(k) && !k.endsWith('.') && !(PERMISSIONS as readonly string[]).includes(k));
    expect(missing).toEqual([]);
  });
});
