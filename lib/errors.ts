/** One error type for expected failures; the code picks the HTTP status and the user's message. */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  stale: 409,
  rate_limited: 429,
  idempotency_mismatch: 422,
  ledger: 422,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** A message key in the i18n catalogue (errors.*), safe to show to anyone allowed to make the call. */
    readonly messageKey: string = code,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(messageKey);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | 'internal'; message: string; fieldErrors?: Record<string, string> };
