import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { FINDING_SEVERITIES, FINDING_STATUSES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
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

/** Auditors' findings, answered by the responsible organisation. */
export const findings = pgTable('findings', {
  id: id(),
  subjectType: text().notNull(),
  subjectId: integer().notNull(),
  responsibleOrgId: integer().notNull().references(() => organisations.id),
  title: text().notNull(),
  body: text().notNull(),
  severity: text({ enum: FINDING_SEVERITIES }).notNull(),
  status: text({ enum: FINDING_STATUSES }).notNull().default('open'),
  answer: text(),
  answeredBy: integer().references(() => users.id),
  answeredAt: timestamp({ withTimezone: true }),
  createdBy: integer().notNull().references(() => users.id),
  createdAt: createdAt(),
});
