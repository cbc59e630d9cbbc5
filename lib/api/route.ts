import 'server-only';
import type { z } from 'zod';
import { isSameOriginRequest } from '@/lib/auth/same-origin';
import type { Permission } from '@/lib/auth/permissions';
import { requireCtx, type Ctx } from '@/lib/dal/auth/session';
import { AppError } from '@/lib/errors';
import { describeError } from '@/lib/errors/describe';
import { parseInput } from '@/lib/errors/validation';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from '@/lib/i18n';
import { errorJson } from './respond';

/** What Next passes a route handler besides the request: the dynamic segments of its path. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, F extends z.ZodType> {
  /** Path segments; a value that does not parse is a page that does not exist (404). */
  params?: P;
  /** The query string's parameters (repeated ones: the first); a value that does not parse is 422. */
  query?: Q;
  /** A multipart/form-data body's text fields (its files stay in `formData`); anything else is 422. */
  form?: F;
}

interface RouteInput<P extends z.ZodType, Q extends z.ZodType, F extends z.ZodType> {
  request: Request;
  params: z.output<P>;
  query: z.output<Q>;
  form: z.output<F>;
  formData: FormData | null;
  /** The error mapper's answer, for a failure after the response has begun (a streamed error line). */
  describe: (caught: unknown) => ErrorBody;
}

type ErrorBody = { code: string; message: string; fieldErrors?: Record<string, string> };

async function formDataOf(request: Request): Promise<FormData> {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) throw new AppError('validation', 'errors.multipartRequired');
  try {
    return await request.formData();
  } catch {
    throw new AppError('validation', 'errors.multipartRequired');
  }
}

async function paramsOf(schema: z.ZodType | undefined, context: RouteContext | undefined): Promise<unknown> {
  if (!schema) return undefined;
  const parsed = schema.safeParse((await context?.params) ?? {});
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}

/** The query string as an object; a repeated parameter counts once, by its first value. */
function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) out[k] ??= v;
  return out;
}

/**
 * The reader's language, from the same cookie the pages use, read off the request itself: an
 * error may be described after the handler has returned (a stream's last line).
 */
function localeOf(request: Request): Locale {
  const cookie = (request.headers.get('cookie') ?? '').split(';').map((c) => c.trim().split('='));
  const value = cookie.find(([name]) => name === LOCALE_COOKIE)?.[1];
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

function mapped(caught: unknown, locale: Locale): { status: number; error: ErrorBody } {
  const { status, ...error } = describeError(caught, locale, 'route');
  return { status, error };
}

function build<P extends z.ZodType, Q extends z.ZodType, F extends z.ZodType>(
  permission: Permission | 'public',
  spec: RouteSpec<P, Q, F>,
  handler: (ctx: Ctx | null, input: RouteInput<P, Q, F>) => Promise<Response> | Response,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context) => {
    const locale = localeOf(request);
    try {
      // A page of another site may not change anything here with the reader's cookie: the same
      // rule Next applies to server actions, checked before anything else.
      if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request.headers)) throw new AppError('forbidden', 'errors.crossOrigin');
      const ctx = permission === 'public' ? null : await requireCtx(permission);
      const params = (await paramsOf(spec.params, context)) as z.output<P>;
      const query = (spec.query ? parseInput(spec.query, queryOf(request)) : undefined) as z.output<Q>;
      const formData = spec.form ? await formDataOf(request) : null;
      const form = (spec.form && formData ? parseInput(spec.form, Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string'))) : undefined) as z.output<F>;
      return await handler(ctx, { request, params, query, form, formData, describe: (e) => mapped(e, locale).error });
    } catch (caught) {
      // Never cached, so a refusal does not outlive its cause.
      const { status, error } = mapped(caught, locale);
      return errorJson(status, error);
    }
  };
}

/**
 * The one way an authenticated route handler is written: a state-changing request must come from
 * the portal's own pages; the caller must be signed in and hold `permission` before the path, the
 * query or the body is read; any failure is answered by the one error mapper (status and message in
 * the reader's language, JSON `{ error: { code, message, fieldErrors? } }`).
 */
export function defineRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, F extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<P, Q, F> & { permission: Permission },
  handler: (ctx: Ctx, input: RouteInput<P, Q, F>) => Promise<Response> | Response,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return build(spec.permission, spec, (ctx, input) => handler(ctx!, input));
}

/** A route anyone may call; it reads only the public read model. */
export function definePublicRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, F extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<P, Q, F>,
  handler: (input: RouteInput<P, Q, F>) => Promise<Response> | Response,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return build('public', spec, async (_ctx, input) => handler(input));
}
