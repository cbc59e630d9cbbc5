import { DUPLICATE_IMPORT_LINE_CONSTRAINT, isLedgerRefusal, LEDGER_CONSTRAINTS, ledgerRefusalKey } from '@/lib/domain/ledger/refusals';
import { AppError } from './index';

type DriverError = { message?: string; code?: string; constraint_name?: string; constraint?: string; cause?: DriverError };

/** The driver's error and the one it wraps (drizzle wraps postgres.js and PGlite errors in `cause`). */
const layers = (e: unknown): DriverError[] => {
  const top = (e ?? {}) as DriverError;
  return top.cause ? [top, top.cause] : [top];
};

/**
 * Turns a refusal by the database into the AppError the caller should see, or null when the
 * error is not one the caller caused: a ledger rule raised as `ledger:<code>` by a trigger, a
 * ledger constraint, a unique key taken, a deadlock or serialisation retry, or input the database
 * cannot store.
 */
export function databaseRefusal(e: unknown): AppError | null {
  const all = layers(e);
  const text = all.map((l) => l.message ?? '').join(' ');
  const raised = /ledger:([a-z_]+)/.exec(text)?.[1];
  if (raised && isLedgerRefusal(raised)) return new AppError('ledger', ledgerRefusalKey(raised));
  for (const [constraint, refusal] of Object.entries(LEDGER_CONSTRAINTS)) if (text.includes(constraint)) return new AppError('ledger', ledgerRefusalKey(refusal));
  if (text.includes(DUPLICATE_IMPORT_LINE_CONSTRAINT)) return new AppError('conflict', 'ledger.duplicate_line');
  const code = all.map((l) => l.code).find((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  if (code === '23505') return new AppError('conflict');
  if (code === '40P01' || code === '40001') return new AppError('stale');
  // Unstorable text, a value out of range, a bad date, a reference to nothing: all the caller's input.
  if (code === '22P05' || code === '22021' || code === '54000' || code === '22003' || code === '22008' || code === '22007' || code === '23503') return new AppError('validation');
  return null;
}

/** The spreadsheet line a ledger refusal names (`line=<n>`, 0 for none), for imports. */
export function refusedLine(e: unknown): number | null {
  const line = /line=(\d+)/.exec(layers(e).map((l) => l.message ?? '').join(' '))?.[1];
  return line && line !== '0' ? Number(line) : null;
}
