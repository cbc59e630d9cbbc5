import { z } from 'zod';
import { FEEDBACK_TEXT_MAX } from '@/lib/domain/participation/limits';
import { FEEDBACK_KINDS } from '@/lib/domain/vocabulary';
import { id } from './common';

/** Markup a citizen's text may not carry: it is shown as text, and refused rather than stored. */
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|javascript\s*:|&#x?[0-9a-f]+;/i;
// Control characters other than tab and new line have no place in a question; bidi overrides can disguise one.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

const citizenText = z
  .string({ error: 'participation.textRequired' })
  .transform((v) => v.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(5, 'participation.textTooShort')
      .max(FEEDBACK_TEXT_MAX, 'participation.textTooLong')
      .refine((v) => !MARKUP.test(v), 'participation.textMarkup')
      .refine((v) => !CONTROL.test(v), 'participation.textControl'),
  );

const optionalCode = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().min(1).max(64, 'participation.subjectUnknown').optional());

/** An e-mail address or a mainland phone number (with or without +86), only to reach the reporter. */
const contact = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v) || undefined,
  z
    .string()
    .max(120, 'participation.contactInvalid')
    .refine((v) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v) || /^(\+?86[- ]?)?1\d{10}$/.test(v.replace(/[\s-]/g, '')) || /^0\d{2,3}-?\d{7,8}$/.test(v), 'participation.contactInvalid')
    .optional(),
);

/**
 * 提问、建议、举报: one subject at most (project, programme, county or publication), none for a
 * general message. The same schema serves the form, the server action and POST /api/public/feedback.
 */
export const submitFeedbackSchema = z
  .object({
    kind: z.enum(FEEDBACK_KINDS, { error: 'participation.kindRequired' }),
    projectCode: optionalCode,
    programmeCode: optionalCode,
    countyCode: optionalCode,
    publicationId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: 'participation.subjectUnknown' }).int().positive('participation.subjectUnknown').max(2_147_483_647, 'participation.subjectUnknown').optional()),
    text: citizenText,
    contact,
  })
  .refine((v) => [v.projectCode, v.programmeCode, v.countyCode, v.publicationId].filter((x) => x !== undefined).length <= 1, {
    message: 'participation.oneSubject',
    path: ['projectCode'],
  });
export type SubmitFeedbackInput = z.output<typeof submitFeedbackSchema>;

/** The answer to a challenge, sent with a repeated submission. */
export const challengeAnswerSchema = z.object({ token: z.string().min(1).max(64), answer: z.string().max(16) });

export const trackingCodeSchema = z.string().regex(/^YQ-[0-9A-HJKMNP-TV-Z]{10}$/);

const reason = z.string({ error: 'participation.reasonRequired' }).trim().min(2, 'participation.reasonRequired').max(500, 'participation.reasonRequired');
const tracking = z.string().trim().regex(/^YQ-[0-9A-HJKMNP-TV-Z]{10}$/, 'participation.trackingInvalid');

/** 受理: assign to the organisation that must answer; publish or keep the text private. */
export const acceptFeedbackSchema = z.object({ trackingCode: tracking, organisationId: id, publish: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()) });
export const rejectFeedbackSchema = z.object({ trackingCode: tracking, reason });
export const mergeFeedbackSchema = z.object({ trackingCode: tracking, intoTrackingCode: tracking });
export const closeFeedbackSchema = z.object({ trackingCode: tracking, reason: z.preprocess((v) => (v === '' ? undefined : v), reason.optional()) });
export const answerFeedbackSchema = z.object({
  trackingCode: tracking,
  body: z.string({ error: 'participation.answerRequired' }).trim().min(5, 'participation.answerRequired').max(4000, 'participation.answerTooLong'),
});
export const setPublicFeedbackSchema = z.object({ trackingCode: tracking, publish: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()) });
