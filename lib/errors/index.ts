/**
 * One error type for expected failures; the code picks the HTTP status and the user's message.
 * Statuses: a form or query that does not validate is 422 (the request was understood, its content
 * is wrong), as is a refusal by the ledger's rules (`ledger`: the same request would be refused
 * again until its content changes); 409 is for a clash with what someone else did (a key already
 * taken, a revision moved on) that reloading resolves. `bad_request` (400) is for a public API
 * address whose query parameters the endpoint cannot read (/api/public/publications), as HTTP
 * clients of a JSON API expect.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  stale: 409,
  rate_limited: 429,
  /** Past the gentle rate: answer the challenge carried with the error, then submit again. */
  challenge_required: 428,
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
