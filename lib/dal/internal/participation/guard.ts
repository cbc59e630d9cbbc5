import 'server-only';

export type CitizenSubmission = 'follow' | 'rating' | 'link';

/**
 * The seam where the shared, cross-instance rate limiter (`guardSubmission`, built with the abuse
 * protection of issue 17) is wired in front of every citizen write, by the client's address.
 * Until it is, every address passes.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the limiter will read both
export async function awaitSubmissionGuard(clientAddress: string, kind: CitizenSubmission): Promise<void> {}
