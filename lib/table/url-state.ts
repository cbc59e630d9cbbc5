import { z } from 'zod';

export type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Table state lives in the URL so a view can be linked and reloaded. Anything unparseable falls
 * back to the default rather than failing the page.
 */
export function parseTableState<S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  params: SearchParams,
  opts: { sorts: S; defaultSort: S[number]; defaultDir?: 'asc' | 'desc'; filters: F; pageSizes?: number[] },
) {
  const sizes = opts.pageSizes ?? [20, 50, 100];
  const page = z.coerce.number().int().min(1).max(100_000).catch(1).parse(first(params.page));
  const size = z.coerce.number().int().catch(sizes[0]!).parse(first(params.size));
  const sort = z.enum(opts.sorts).catch(opts.defaultSort).parse(first(params.sort));
  const dir = z.enum(['asc', 'desc']).catch(opts.defaultDir ?? 'asc').parse(first(params.dir));
  const filterValues: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(opts.filters)) {
    filterValues[key] = (schema as z.ZodType).catch(undefined).parse(first(params[key]) || undefined);
  }
  return { page, pageSize: sizes.includes(size) ? size : sizes[0]!, sort, dir, filters: filterValues as { [K in keyof F]: z.output<F[K]> | undefined } };
}

/** Builds a query string from the current state with some keys changed (undefined removes a key). */
export function withParams(current: SearchParams, changes: Record<string, string | number | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(current)) {
    const value = first(v);
    if (value !== undefined && value !== '') out.set(k, value);
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') out.delete(k);
    else out.set(k, String(v));
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}
