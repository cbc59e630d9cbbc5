/**
 * Every refusal the ledger's SQL raises, as `RAISE EXCEPTION 'ledger:<code> …'` in its functions
 * and triggers. This is the one list on the TypeScript side: each code's message is `ledger.<code>`
 * in both catalogues, and a test (tests/unit/ledger-refusals.test.ts) fails when the SQL raises a
 * code that is not here, or this list names one the SQL no longer raises.
 */
export const LEDGER_REFUSALS = [
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
  'doc_number_required',
  'transfer_not_disclosed',
] as const;
export type LedgerRefusal = (typeof LEDGER_REFUSALS)[number];

export const isLedgerRefusal = (code: string): code is LedgerRefusal => (LEDGER_REFUSALS as readonly string[]).includes(code);

/** The message key of a refusal, in the `ledger` group of lib/i18n. */
export const ledgerRefusalKey = (code: LedgerRefusal) => `ledger.${code}` as const;

/**
 * CHECK and UNIQUE constraints of the ledger's tables whose violation is the caller's doing, by
 * constraint name. The triggers refuse first; these are the backstops the schema declares.
 */
export const LEDGER_CONSTRAINTS = {
  transfers_amount_range: 'amount_range',
  balances_non_negative: 'amount_range',
} as const satisfies Record<string, LedgerRefusal>;

/** A spreadsheet line imported twice under the same key: a conflict, not a refusal of the rules. */
export const DUPLICATE_IMPORT_LINE_CONSTRAINT = 'transfers_import_line_key';
