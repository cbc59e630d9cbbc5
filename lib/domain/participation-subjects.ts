/** What a citizen may follow by e-mail (and feedback may be about): a project, a programme or a county. */
export const CITIZEN_SUBJECTS = ['project', 'programme', 'county'] as const;
export type CitizenSubjectType = (typeof CITIZEN_SUBJECTS)[number];
