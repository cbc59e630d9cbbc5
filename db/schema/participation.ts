import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, FEEDBACK_SUBJECT_TYPES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { users } from './users';

/** Citizens' questions, suggestions and reports (举报). The reporter's identity is never shown. */
export const feedback = pgTable(
  'feedback',
  {
    id: id(),
    trackingCode: text().notNull().unique(),
    kind: text({ enum: FEEDBACK_KINDS }).notNull(),
    subjectType: text({ enum: FEEDBACK_SUBJECT_TYPES }).notNull(),
    subjectId: integer(),
    body: text().notNull(),
    /** Salted hash of a contact, only to notify; never displayed. */
    contactHash: text(),
    status: text({ enum: FEEDBACK_STATUSES }).notNull().default('received'),
    answer: text(),
    answeredBy: integer().references(() => users.id),
    answeredAt: timestamp({ withTimezone: true }),
    isPublic: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_status_idx').on(t.status, t.createdAt)],
);
