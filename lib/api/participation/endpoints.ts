import { FEEDBACK_KINDS } from '@/lib/domain/vocabulary';
import { feedbackListSchema, feedbackStatusSchema } from './schemas';

export { FEEDBACK_POST_OPERATION } from './schemas';

/** Participation's GET endpoints, documented with the others (lib/api/openapi.ts adds the POST). */
export const FEEDBACK_ENDPOINTS = [
  {
    path: '/api/public/feedback',
    summary: 'Published questions, suggestions and reports (公众留言) with their answers, newest first; filter kind; page by limit and offset. POST to submit one.',
    schema: feedbackListSchema,
    parameters: [
      { name: 'kind', description: 'question, suggestion or report', schema: { type: 'string', enum: [...FEEDBACK_KINDS] } },
      { name: 'limit', description: '1-100, default 30', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'offset', description: 'Items to skip', schema: { type: 'integer', minimum: 0 } },
    ],
  },
  { path: '/api/public/feedback/{trackingCode}', summary: "One item's status by its tracking code; its text and answers only when a moderator published it", schema: feedbackStatusSchema },
] as const;
