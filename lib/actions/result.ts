import 'server-only';
import { AppError, type ActionResult, type ErrorCode } from '@/lib/errors';
import type { Permission } from '@/lib/auth/permissions';
import { ledgerError } from '@/lib/dal/ledger';
import { requireCtx, type Ctx } from '@/lib/dal/session';
import { translate, type Locale } from '@/lib/i18n';
import { getLocale } from '@/lib/i18n/server';

export type DescribedError = { status: number; code: ErrorCode | 'internal'; message: string; fieldErrors?: Record<string, string> };

/**
 * Turns any failure into what the user may see, in their language: expected errors (including
 * refusals by the database) keep their message; anything else is logged and shown generically.
 */
export function describeError(caught: unknown, locale: Locale, context: string): DescribedError {
  const e = caught instanceof AppError ? caught : (ledgerError(caught) ?? caught);
  if (e instanceof AppError) {
    const fieldErrors = e.fieldErrors && Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, translate(locale, v)]));
    return { status: e.status, code: e.code, message: translate(locale, e.messageKey.includes('.') ? e.messageKey : `errors.${e.messageKey}`), fieldErrors };
  }
  console.error(`${context} failed`, e);
  return { status: 500, code: 'internal', message: translate(locale, 'errors.internal') };
}

const isNextSignal = (e: unknown) =>
  !!e && typeof e === 'object' && typeof (e as { digest?: unknown }).digest === 'string' && (e as { digest: string }).digest.startsWith('NEXT_');

/** Runs an action body and turns every failure into a typed result; unknown errors are logged, never shown. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  const locale = await getLocale();
  try {
    return { ok: true, data: await body() };
  } catch (caught) {
    // Next's redirect/notFound signals must propagate.
    if (isNextSignal(caught)) throw caught;
    const { code, message, fieldErrors } = describeError(caught, locale, 'action');
    return { ok: false, code, message, fieldErrors };
  }
}

/**
 * The one way a server action runs: the caller is authenticated and authorized before anything of
 * the body is read, parsed or validated, so an anonymous caller learns nothing from validation
 * messages and costs no parsing. The data layer checks again on every read and write.
 */
export async function runAuthorized<T>(permission: Permission, body: (ctx: Ctx) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(async () => body(await requireCtx(permission)));
}
