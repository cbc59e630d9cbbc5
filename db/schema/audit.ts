import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { FINDING_EVENTS, FINDING_SEVERITIES, FINDING_STATUSES, FINDING_SUBJECT_TYPES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { publications } from './disclosure';
import { documents } from './ledger';
import { organisations } from './organisations';
import { users } from './users';

/**
 * Append-only, hash-chained log of every change (triggers refuse UPDATE, DELETE and TRUNCATE).
 * `seq` numbers the chain 1, 2, 3 … without gaps (assigned under the head's lock, unlike `id`, whose
 * values a rolled-back transaction burns). `hashVersion` 1: entries written before seq existed, whose
 * hash covers the fields without it; 2: the hash covers seq too.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    seq: integer().notNull(),
    hashVersion: smallint().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorId: integer().references(() => users.id),
    actorRole: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    prevHash: text().notNull(),
    hash: text().notNull().unique(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    uniqueIndex('audit_log_seq_key').on(t.seq),
    check('audit_log_seq_positive', sql`${t.seq} > 0`),
    check('audit_log_hash_version', sql`${t.hashVersion} in (1, 2)`),
  ],
);

/** One row: the chain head. Locking it serialises appends so the chain never forks. */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer().primaryKey(),
    lastId: integer(),
    lastSeq: integer().notNull().default(0),
    lastHash: text().notNull(),
  },
  (t) => [check('audit_head_single_row', sql`${t.id} = 1`)],
);

/**
 * The chain head as published each China calendar day (one row a day, whichever instance comes
 * first), with the publication of kind `audit_checkpoint` whose subject is this row. `verified`
 * says whether the entries since the previous verified checkpoint re-hashed cleanly when it was
 * taken, so the auditors' page re-hashes only what came after the last verified one. Append-only.
 */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: id(),
    day: date().notNull(),
    seq: integer().notNull(),
    hash: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    verified: boolean().notNull(),
  },
  (t) => [uniqueIndex('audit_checkpoints_day_key').on(t.day), check('audit_checkpoints_seq', sql`${t.seq} >= 0`)],
);

/**
 * Auditors' findings, answered by the responsible organisation. The subject is a row (subject_id)
 * or, for a reconciliation flag, its stable text key (subject_key, `rule:entity`). Closing needs a
 * reason and publishes the finding with its answers; a reopened finding is closed (and published) again.
 */
export const findings = pgTable(
  'findings',
  {
    id: id(),
    subjectType: text({ enum: FINDING_SUBJECT_TYPES }).notNull(),
    subjectId: integer(),
    subjectKey: text(),
    responsibleOrgId: integer().notNull().references(() => organisations.id),
    title: text().notNull(),
    body: text().notNull(),
    severity: text({ enum: FINDING_SEVERITIES }).notNull(),
    requiredAction: text().notNull(),
    dueDate: date().notNull(),
    status: text({ enum: FINDING_STATUSES }).notNull().default('open'),
    /** Guards every step: a page acts on the revision it showed. */
    revision: integer().notNull().default(0),
    closedReason: text(),
    closedBy: integer().references(() => users.id),
    closedAt: timestamp({ withTimezone: true }),
    /** The latest publication of the finding (written when it is closed). */
    publicationId: integer().references(() => publications.id),
    createdBy: integer().notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('findings_responsible_idx').on(t.responsibleOrgId, t.status),
    check('findings_subject_named', sql`(${t.subjectType} = 'flag') = (${t.subjectKey} IS NOT NULL) AND (${t.subjectType} = 'flag') = (${t.subjectId} IS NULL)`),
    check('findings_closed_reason', sql`(${t.status} = 'closed') = (${t.closedReason} IS NOT NULL AND ${t.closedBy} IS NOT NULL AND ${t.closedAt} IS NOT NULL)`),
    check('findings_text', sql`length(btrim(${t.title})) > 0 AND length(btrim(${t.body})) > 0 AND length(btrim(${t.requiredAction})) > 0`),
  ],
);

/** The responsible organisation's answers, one row per round (append-only: a trigger refuses UPDATE and DELETE). */
export const findingAnswers = pgTable(
  'finding_answers',
  {
    id: id(),
    findingId: integer().notNull().references(() => findings.id),
    organisationId: integer().notNull().references(() => organisations.id),
    body: text().notNull(),
    answeredBy: integer().notNull().references(() => users.id),
    answeredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('finding_answers_finding_idx').on(t.findingId)],
);

/** Evidence files of an answer, kept in the document store with their SHA-256. */
export const findingAnswerEvidence = pgTable(
  'finding_answer_evidence',
  {
    answerId: integer().notNull().references(() => findingAnswers.id),
    documentId: integer().notNull().references(() => documents.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.documentId] })],
);

/** A finding's history, step by step (append-only): recorded, answered, closed and reopened, with the reason. */
export const findingEvents = pgTable(
  'finding_events',
  {
    id: id(),
    findingId: integer().notNull().references(() => findings.id),
    event: text({ enum: FINDING_EVENTS }).notNull(),
    reason: text(),
    actorId: integer().notNull().references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('finding_events_finding_idx').on(t.findingId)],
);
