import 'server-only';

export type CitizenSubmission = 'follow' | 'rating' | 'link';

/**
 * The seam where the shared, cross-instance rate limiter (`guardSubmission`, built with the abuse
 * protection of issue 17) is wired in front of every citizen write, by the client's address.
 * Until it is, every address passes.
 */
export async function awaitSubmissionGuard(_clientAddress: string, _kind: CitizenSubmission): Promise<void> {}
