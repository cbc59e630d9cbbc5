import { z } from 'zod';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, FEEDBACK_SUBJECT_TYPES } from '@/lib/domain/vocabulary';
import { errorSchema } from '../public-schemas';

const instant = z.string().describe('ISO 8601 instant');

export const feedbackAnswerSchema = z.object({ body: z.string(), at: instant });

/** A published item as the public sees it: no contact, no reporter, no internal ids of people. */
export const publicFeedbackSchema = z.object({
  trackingCode: z.string(),
  kind: z.enum(FEEDBACK_KINDS),
  status: z.enum(FEEDBACK_STATUSES),
  subject: z.object({ type: z.enum(FEEDBACK_SUBJECT_TYPES), code: z.string().nullable(), name: z.string().nullable() }),
  text: z.string(),
  receivedAt: instant,
  dueAt: instant.nullable(),
  answeredAt: instant.nullable(),
  closedAt: instant.nullable(),
  overdue: z.boolean(),
  organisation: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  answers: z.array(feedbackAnswerSchema).describe('Every version of the answer, oldest first'),
  photos: z.array(z.object({ url: z.string(), width: z.number().int(), height: z.number().int(), sha256: z.string() })).optional(),
});

export const feedbackListSchema = z.object({ items: z.array(publicFeedbackSchema.omit({ photos: true })) }).describe('Published questions, suggestions and reports with their answers, newest first');

/** What a tracking code answers, published or not: the text only when a moderator published it. */
export const feedbackStatusSchema = z.object({
  trackingCode: z.string(),
  kind: z.enum(FEEDBACK_KINDS),
  status: z.enum(FEEDBACK_STATUSES),
  published: z.boolean(),
  receivedAt: instant,
  assignedAt: instant.nullable(),
  dueAt: instant.nullable(),
  answeredAt: instant.nullable(),
  closedAt: instant.nullable(),
  overdue: z.boolean(),
  organisation: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  rejectReason: z.string().nullable(),
  mergedInto: z.string().nullable(),
  item: publicFeedbackSchema.nullable(),
});

export const feedbackCreatedSchema = z.object({ trackingCode: z.string(), statusUrl: z.string() });

export const challengeBodySchema = z.object({
  error: errorSchema.shape.error.extend({
    challenge: z.object({ token: z.string(), question: z.object({ zh: z.string(), en: z.string() }), expiresAt: instant }),
  }),
});

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema) } });

/** The write side of /api/public/feedback, beside the GET the generic generator documents. */
export const FEEDBACK_POST_OPERATION = {
  summary: 'Ask a question, make a suggestion or report a problem (举报) without signing in; answers a tracking code for /feedback/{trackingCode}',
  requestBody: {
    required: true,
    description:
      'JSON, or multipart/form-data with the same fields and up to 3 photos in `photos` (JPEG or PNG, 8 MB each; re-encoded, metadata removed). At most one of projectCode, programmeCode, countyCode, publicationId. After a few submissions in an hour the answer is 428 with a challenge: send it back as challenge.token and challenge.answer (multipart: challengeToken, challengeAnswer).',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['kind', 'text'],
          properties: {
            kind: { type: 'string', enum: [...FEEDBACK_KINDS] },
            projectCode: { type: 'string' },
            programmeCode: { type: 'string' },
            countyCode: { type: 'string' },
            publicationId: { type: 'integer' },
            text: { type: 'string', minLength: 5, maxLength: 2000, description: 'Plain text; markup is refused' },
            contact: { type: 'string', maxLength: 120, description: 'E-mail or phone, never shown publicly nor returned by any public API' },
            challenge: { type: 'object', properties: { token: { type: 'string' }, answer: { type: 'string' } } },
          },
        },
      },
    },
  },
  responses: {
    '201': { description: 'Received', content: json(feedbackCreatedSchema) },
    '422': { description: 'The text, subject, contact or a photo is not acceptable; fieldErrors names each', content: json(errorSchema) },
    '428': { description: 'Answer the challenge carried in error.challenge and send again', content: json(challengeBodySchema) },
    '429': { description: 'Too many submissions from this address or network; Retry-After says when to try again', content: json(errorSchema) },
  },
};
