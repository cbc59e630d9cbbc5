import { AppError } from './index';

/** A challenge as the client receives it: the question to answer and the token to send back. */
export interface IssuedChallenge {
  token: string;
  question: { zh: string; en: string };
  expiresAt: string;
}

/** Past the gentle rate: HTTP 428, carrying a new challenge for the client to answer. */
export class ChallengeRequiredError extends AppError {
  constructor(
    readonly challenge: IssuedChallenge,
    messageKey: string,
  ) {
    super('challenge_required', messageKey);
  }
}

/** Past the limit: HTTP 429, and when to try again. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterS: number) {
    super('rate_limited', 'errors.tooManySubmissions');
  }
}
