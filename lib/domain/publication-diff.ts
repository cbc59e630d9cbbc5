/** One difference between two versions of a publication's content, at a JSON path like `recipients[2].finalFen`. */
export interface ContentChange {
  path: string;
  op: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** Every leaf of a JSON value with its path, in the same notation as the diff. */
export function leavesOf(value: unknown, path = ''): { path: string; value: unknown }[] {
  if (isObject(value)) return Object.keys(value).flatMap((k) => leavesOf(value[k], join(path, k)));
  if (Array.isArray(value)) return value.flatMap((v, i) => leavesOf(v, join(path, i)));
  return [{ path: path || '$', value }];
}

/** A copy of a JSON value with the leaf at `path` (as `leavesOf` names it) replaced. */
export function withLeaf(value: unknown, path: string, next: unknown, at = ''): unknown {
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withLeaf(v, path, next, join(at, k))]));
  if (Array.isArray(value)) return value.map((v, i) => withLeaf(v, path, next, join(at, i)));
  return (at || '$') === path ? next : value;
}

/**
 * Field-level diff of two JSON values: objects by key (sorted, so the order is stable), arrays by
 * index, leaves by value. Pure, so the public page and the correction share it.
 */
export function diffContent(before: unknown, after: unknown, path = ''): ContentChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      if (!(k in after)) return [{ path: join(path, k), op: 'removed' as const, before: before[k] }];
      if (!(k in before)) return [{ path: join(path, k), op: 'added' as const, after: after[k] }];
      return diffContent(before[k], after[k], join(path, k));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: ContentChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= after.length) out.push({ path: join(path, i), op: 'removed', before: before[i] });
      else if (i >= before.length) out.push({ path: join(path, i), op: 'added', after: after[i] });
      else out.push(...diffContent(before[i], after[i], join(path, i)));
    }
    return out;
  }
  if (sameLeaf(before, after)) return [];
  return [{ path: path || '$', op: 'changed', before, after }];
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
