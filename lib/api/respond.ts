import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { AppError } from '@/lib/errors';

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

export function errorResponse(e: unknown): NextResponse {
  if (e instanceof AppError) return json({ error: { code: e.code, message: e.messageKey } }, { status: e.status });
  console.error('api error', e);
  return json({ error: { code: 'internal', message: 'internal error' } }, { status: 500 });
}
