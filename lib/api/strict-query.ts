import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/**
 * Reads a query string against a strict schema: an unknown or repeated parameter, or a value the
 * schema refuses, is a `bad_request` naming each parameter (its message key in the reader's
 * language), so a mistyped filter never silently lists everything. Blank values count as absent.
 */
export function parseStrictQuery<S extends z.ZodType>(schema: S, params: URLSearchParams, unknownKey = 'errors.query.unknown'): z.output<S> {
  const input: Record<string, string> = {};
  const fieldErrors: Record<string, string> = {};
  for (const [k, raw] of params) {
    const v = raw.trim();
    if (!v) continue;
    if (k in input) fieldErrors[k] = 'errors.query.repeated';
    else input[k] = v;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fieldErrors[key] ??= unknownKey;
      else if (issue.path.length) fieldErrors[String(issue.path[0])] ??= issue.message.startsWith('errors.query.') ? issue.message : 'errors.bad_request';
    }
  }
  if (!parsed.success || Object.keys(fieldErrors).length) throw new AppError('bad_request', Object.values(fieldErrors)[0] ?? 'errors.bad_request', fieldErrors);
  return parsed.data;
}
