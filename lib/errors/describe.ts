import { translate, type Locale } from '@/lib/i18n';
import { databaseRefusal } from './database';
import { AppError, type ErrorCode } from './index';

export type DescribedError = { status: number; code: ErrorCode | 'internal'; message: string; fieldErrors?: Record<string, string> };

const messageKey = (key: string) => (key.includes('.') ? key : `errors.${key}`);

/**
 * The one error mapper, for server actions and route handlers alike: an expected failure
 * (validation, authorization, not found, conflict, a refusal by the database's ledger rules) keeps
 * its status and its message in the reader's language; anything else is logged and shown as a
 * generic 500 that reveals nothing.
 */
export function describeError(caught: unknown, locale: Locale, context: string): DescribedError {
  const e = caught instanceof AppError ? caught : (databaseRefusal(caught) ?? caught);
  if (e instanceof AppError) {
    const fieldErrors = e.fieldErrors && Object.fromEntries(Object.entries(e.fieldErrors).map(([field, key]) => [field, translate(locale, messageKey(key))]));
    return { status: e.status, code: e.code, message: translate(locale, messageKey(e.messageKey)), fieldErrors };
  }
  console.error(`${context} failed`, e);
  return { status: 500, code: 'internal', message: translate(locale, 'errors.internal') };
}
