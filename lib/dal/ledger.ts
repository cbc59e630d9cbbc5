import { AppError } from '@/lib/errors';

/*
 * Error mappers only: pure functions of a caught error, no database handle. The ledger's
 * transaction helpers (holders, transfers, balances) live in ./internal/ledger.ts.
 */

const LEDGER_ERRORS = [
  'insufficient_balance',
  'flow_not_down_the_tree',
  'payment_must_go_to_project',
  'disbursement_must_go_to_payee',
  'appropriation_to_manager_only',
  'over_programme_total',
  'reversal_mismatch',
  'reversal_exceeds_original',
  'date_before_programme_year',
  'append_only',
  'amount_range',
  'date_in_future',
  'reversal_before_original',
] as const;

/** Turns a refusal by the ledger's triggers or constraints into an AppError the user can read. */
export function ledgerError(e: unknown): AppError | null {
  const text = `${(e as { message?: string })?.message ?? ''} ${(e as { cause?: { message?: string } })?.cause?.message ?? ''}`;
  const match = /ledger:([a-z_]+)/.exec(text);
  if (match && (LEDGER_ERRORS as readonly string[]).includes(match[1]!)) return new AppError('ledger', `ledger.${match[1]}`);
  if (/transfers_amount_range|balances_non_negative/.test(text)) return new AppError('ledger', 'ledger.amount_range');
  if (/transfers_import_line_key/.test(text)) return new AppError('conflict', 'ledger.duplicate_line');
  return dbError(e);
}

/** Database refusals that are the caller's doing: a unique key taken, a deadlock or serialisation retry, text the database cannot store. */
export function dbError(e: unknown): AppError | null {
  const code = (e as { code?: string })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  if (code === '23505') return new AppError('conflict');
  if (code === '40P01' || code === '40001') return new AppError('stale');
  // Unstorable text, a value out of range, a bad date, a reference to nothing: all the caller's input.
  if (code === '22P05' || code === '22021' || code === '54000' || code === '22003' || code === '22008' || code === '22007' || code === '23503') return new AppError('validation');
  return null;
}
