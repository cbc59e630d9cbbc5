import { z } from 'zod';

/*
 * Cursors of the public API's long lists: the last row's sort key, as JSON in base64url. Opaque to
 * callers (only `next` of an answer is ever passed back), checked strictly when read: a cursor that
 * does not decode to the list's key is a 400 naming `cursor`, never a 500 and never a silent restart.
 */

const BASE64URL = /^[A-Za-z0-9_-]{1,512}$/;

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** A query parameter holding a cursor whose decoded key must match `key`. */
export function queryCursor<K extends z.ZodType>(key: K) {
  return z.string().transform((text, ctx): z.output<K> => {
    let decoded: unknown;
    try {
      if (!BASE64URL.test(text)) throw new Error('not base64url');
      decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'errors.query.cursor' });
      return z.NEVER;
    }
    const parsed = key.safeParse(decoded);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'errors.query.cursor' });
      return z.NEVER;
    }
    return parsed.data;
  });
}

/** A `limit` parameter: a whole number from 1 to `max`. */
export const queryLimit = (max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,7}$/, 'errors.query.limit')
    .transform(Number)
    .pipe(z.number().int().min(1, 'errors.query.limit').max(max, 'errors.query.limit'));

/**
 * One page of a keyset-paged list: the rows asked for were fetched with one more than `limit`, so
 * a further page exists exactly when that extra row came back; `next` is then the cursor after the
 * last row shown.
 */
export function cursorPage<T>(fetched: T[], limit: number, keyOf: (row: T) => readonly unknown[]): { rows: T[]; next: string | null } {
  const rows = fetched.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, next: fetched.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** Keys as the cursors carry them. */
export const codeKey = z.tuple([z.string().regex(/^[A-Za-z0-9-]{1,40}$/)]);
export const dayAndIdKey = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.number().int().min(0).max(2 ** 31 - 1)]);
export const instantAndIdKey = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/), z.number().int().min(0).max(2 ** 31 - 1)]);
export const codeYearIdKey = z.tuple([z.string().regex(/^[A-Za-z0-9-]{1,40}$/), z.number().int().min(1900).max(2999), z.number().int().min(0).max(2 ** 31 - 1)]);

/** The OpenAPI description of the two paging parameters. */
export const cursorParameters = (max: number, defaultLimit: number, unit: string) => [
  { name: 'limit', description: `${unit} per answer (cursor paging), from 1 to ${max}`, schema: { type: 'integer', minimum: 1, maximum: max, default: defaultLimit } },
  { name: 'cursor', description: "Opaque: the `next` of the previous answer; absent for the first page. A cursor that cannot be read is a 400 naming `cursor`", schema: { type: 'string', pattern: BASE64URL.source } },
];

/** Cursor paging beside page numbers: a request uses one or the other, never both. */
export function onePagingOnly(v: { page?: unknown; pageSize?: unknown; limit?: unknown; cursor?: unknown }, ctx: z.RefinementCtx) {
  if ((v.limit !== undefined || v.cursor !== undefined) && (v.page !== undefined || v.pageSize !== undefined)) {
    ctx.addIssue({ code: 'custom', path: [v.cursor !== undefined ? 'cursor' : 'limit'], message: 'errors.query.pagingMixed' });
  }
}
