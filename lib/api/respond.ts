import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { NO_STORE } from './cache-control';

/** JSON with bigints as decimal strings. */
export function json(body: unknown, init?: ResponseInit): NextResponse {
  return new NextResponse(JSON.stringify(body, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)), {
    ...init,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(init?.headers ?? {}) },
  });
}

/** Validates the answer against its published schema, so the OpenAPI document never lies. */
export function jsonOf<T extends z.ZodType>(schema: T, body: z.input<T>, init?: ResponseInit): NextResponse {
  return json(schema.parse(body), init);
}

/** An error as every route answers it (lib/api/public-schemas.ts `errorSchema`); never cached. */
export function errorJson(status: number, error: { code: string; message: string; fieldErrors?: Record<string, string> }): NextResponse {
  return json({ error }, { status, headers: { 'cache-control': NO_STORE } });
}
