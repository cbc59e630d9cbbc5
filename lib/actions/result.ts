import 'server-only';
import { AppError, type ActionResult } from '@/lib/errors';
import { ledgerError } from '@/lib/dal/ledger';
import { translate } from '@/lib/i18n';
import { getLocale } from '@/lib/i18n/server';

/** Runs an action body and turns every failure into a typed result; unknown errors are logged, never shown. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  const locale = await getLocale();
  try {
    return { ok: true, data: await body() };
  } catch (caught) {
    const e = caught instanceof AppError ? caught : (ledgerError(caught) ?? caught);
    if (e instanceof AppError) {
      const fieldErrors = e.fieldErrors && Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, translate(locale, v)]));
      return { ok: false, code: e.code, message: translate(locale, e.messageKey.includes('.') ? e.messageKey : `errors.${e.messageKey}`), fieldErrors };
    }
    // Next's redirect/notFound signals must propagate.
    if (e && typeof e === 'object' && 'digest' in e && typeof (e as { digest: unknown }).digest === 'string' && (e as { digest: string }).digest.startsWith('NEXT_')) throw e;
    console.error('action failed', e);
    return { ok: false, code: 'internal', message: translate(locale, 'errors.internal') };
  }
}
