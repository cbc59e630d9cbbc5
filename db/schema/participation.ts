import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { CITIZEN_TOKEN_PURPOSES, FEEDBACK_EVENTS, FEEDBACK_KINDS, FEEDBACK_STATUSES, FEEDBACK_SUBJECT_TYPES } from '@/lib/domain/vocabulary';
import { bytea, createdAt, id } from './_columns';
import { organisations } from './organisations';
import { projects } from './projects';
import { users } from './users';
import { outbox } from './workflow';

/**
 * Citizens' questions, suggestions and reports (举报). Public pages never read this table: they read
 * the public_feedback views, which carry no contact and only what a moderator published.
 */
export const feedback = pgTable(
  'feedback',
  {
    id: id(),
    trackingCode: text().notNull().unique(),
    kind: text({ enum: FEEDBACK_KINDS }).notNull(),
    subjectType: text({ enum: FEEDBACK_SUBJECT_TYPES }).notNull(),
    /** The project, programme, county (organisation) or publication it is about; null for `general`. */
    subjectId: integer(),
    body: text().notNull(),
    /** Salted hash of the contact, to recognise a repeated reporter without reading the contact. */
    contactHash: text(),
    status: text({ enum: FEEDBACK_STATUSES }).notNull().default('received'),
    /** Set by a moderator: the question (and later its answer) is shown publicly. */
    isPublic: boolean().notNull().default(false),
    moderatedBy: integer().references(() => users.id),
    moderatedAt: timestamp({ withTimezone: true }),
    /** Shown publicly with a rejected item, so the public sees why without the text. */
    rejectReason: text(),
    mergedIntoId: integer().references((): import('drizzle-orm/pg-core').AnyPgColumn => feedback.id),
    assignedOrgId: integer().references(() => organisations.id),
    assignedAt: timestamp({ withTimezone: true }),
    dueAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** When the organisation's supervisors were told it is overdue (once). */
    overdueFlaggedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('feedback_status_idx').on(t.status, t.createdAt),
    index('feedback_subject_idx').on(t.subjectType, t.subjectId),
    index('feedback_assigned_idx').on(t.assignedOrgId, t.status),
    check('feedback_subject', sql`(${t.subjectType} = 'general') = (${t.subjectId} IS NULL)`),
    check('feedback_body', sql`char_length(${t.body}) BETWEEN 1 AND 2000`),
  ],
);

/** The reporter's contact, kept apart so that no public view can select it by mistake. */
export const feedbackContacts = pgTable('feedback_contacts', {
  feedbackId: integer().primaryKey().references(() => feedback.id),
  contact: text().notNull(),
});

/** Photos, re-encoded on upload: what is stored has no metadata (location, device) left to leak. */
export const feedbackPhotos = pgTable(
  'feedback_photos',
  {
    id: id(),
    feedbackId: integer().notNull().references(() => feedback.id),
    sha256: text().notNull(),
    mimeType: text().notNull(),
    byteSize: integer().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    content: bytea().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_photos_feedback_idx').on(t.feedbackId)],
);

/** Answers are append-only: a correction is a new answer, and the public sees every version. */
export const feedbackAnswers = pgTable(
  'feedback_answers',
  {
    id: id(),
    feedbackId: integer().notNull().references(() => feedback.id),
    organisationId: integer().notNull().references(() => organisations.id),
    body: text().notNull(),
    answeredBy: integer().notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_answers_feedback_idx').on(t.feedbackId, t.createdAt)],
);

/** Each step of an item, append-only: its public status page is built from these. */
export const feedbackEvents = pgTable(
  'feedback_events',
  {
    id: id(),
    feedbackId: integer().notNull().references(() => feedback.id),
    event: text({ enum: FEEDBACK_EVENTS }).notNull(),
    /** A reason shown publicly (a rejection's, a closing's); never the reporter's words. */
    note: text(),
    actorId: integer().references(() => users.id),
    at: createdAt(),
  },
  (t) => [index('feedback_events_feedback_idx').on(t.feedbackId, t.at)],
);

/** A citizen's e-mail address, known only to send what they asked for. */
export const citizenContacts = pgTable('citizen_contacts', {
  id: id(),
  email: text().notNull().unique(),
  createdAt: createdAt(),
});

/**
 * Single-use links sent by e-mail: confirming a follow or a rating (double opt-in), or leaving a
 * follow in one click. Only the token's hash is kept.
 */
export const citizenTokens = pgTable(
  'citizen_tokens',
  {
    id: id(),
    tokenHash: text().notNull().unique(),
    purpose: text({ enum: CITIZEN_TOKEN_PURPOSES }).notNull(),
    contactId: integer().notNull().references(() => citizenContacts.id),
    /** The follow or rating the token confirms or ends. */
    targetId: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('citizen_tokens_contact_idx').on(t.contactId)],
);

/** One e-mail per follower and outbox event: the unique key makes a restarted worker skip what it sent. */
export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    outboxId: integer().notNull().references(() => outbox.id),
    contactId: integer().notNull().references(() => citizenContacts.id),
    messageId: text().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.outboxId, t.contactId] })],
);

/** Citizens' 1-5 ratings of a completed project: one per confirmed address and project. */
export const projectRatings = pgTable(
  'project_ratings',
  {
    id: id(),
    projectId: integer().notNull().references(() => projects.id),
    contactId: integer().notNull().references(() => citizenContacts.id),
    score: smallint().notNull(),
    /** A rating counts only once its address confirmed it. */
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('project_ratings_once_key').on(t.projectId, t.contactId),
    check('project_ratings_score', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);

/** Challenges asked of a client past the gentle rate; single use, only the answer's hash is kept. */
export const challenges = pgTable('challenges', {
  id: id(),
  tokenHash: text().notNull().unique(),
  answerHash: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});
