import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Tables that are not lists, so they are not the list table: each says why.
 * Everything else that is a table is a list and goes through components/table/data-table.tsx.
 */
const NOT_LISTS: Record<string, string> = {
  'components/table/data-table.tsx': 'the list table itself',
  'app/(workspace)/workspace/items/[id]/_components/factor-grid.tsx': 'a form grid: one input per recipient and factor',
  'app/(workspace)/workspace/admin/workflows/_components/definition-editor.tsx': 'a form grid: the stages of a workflow definition being edited',
  'app/(workspace)/workspace/items/[id]/_components/application-detail.tsx': 'a facts table: the four requested amounts, one row header each (its targets list is a DataTable)',
  'components/disclosure/diff-table.tsx': 'a diff: field, before and after of one change',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.tsx') ? [full] : [];
  });
}

describe('one table component for every list', () => {
  it('no page or component outside the allowed non-lists writes its own <table>', () => {
    const handRolled = ['app', 'components']
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
      .filter((rel) => !(rel in NOT_LISTS) && /<table[\s>]/.test(readFileSync(path.join(root, rel), 'utf8')));
    expect(handRolled).toEqual([]);
  });

  it('the allowed non-lists still exist (a stale entry would hide nothing)', () => {
    for (const rel of Object.keys(NOT_LISTS)) expect(readFileSync(path.join(root, rel), 'utf8'), rel).toMatch(/<table[\s>]/);
  });
});
