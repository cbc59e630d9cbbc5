import { z } from 'zod';
import { CITIZEN_SUBJECTS } from '@/lib/domain/participation-subjects';

/** An address as typed: trimmed and lower-cased, so one mailbox is one contact. */
export const citizenEmail = z.string().trim().toLowerCase().max(254, 'follow.emailInvalid').email('follow.emailInvalid');

const publicCode = z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, 'follow.subjectUnknown');

export const citizenFollowSchema = z.object({
  subjectType: z.enum(CITIZEN_SUBJECTS),
  code: publicCode,
  email: citizenEmail,
});
export type CitizenFollowInput = z.output<typeof citizenFollowSchema>;

export const citizenRatingSchema = z.object({
  code: publicCode,
  email: citizenEmail,
  score: z.coerce.number({ message: 'follow.scoreInvalid' }).int('follow.scoreInvalid').min(1, 'follow.scoreInvalid').max(5, 'follow.scoreInvalid'),
});
export type CitizenRatingInput = z.output<typeof citizenRatingSchema>;

export const linkTokenSchema = z.object({ token: z.string().min(1).max(200) });
