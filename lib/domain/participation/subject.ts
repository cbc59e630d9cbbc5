/** What a citizen's item may be about, by its public code (a publication by its id). */
export type PublicFeedbackSubject = { type: 'project' | 'programme' | 'county'; code: string } | { type: 'publication'; id: number };
