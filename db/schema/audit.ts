import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { FINDING_SEVERITIES, FINDING_STATUSES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { organisations } from './organisations';
import { users } from './users';

/** Append-only, hash-chained log of every change (triggers refuse UPDATE and DELETE). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
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
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);

/** One row: the chain head. Locking it serialises appends so the chain never forks. */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer().primaryKey(),
    lastId: integer(),
    lastHash: text().notNull(),
  },
  (t) => [check('audit_head_single_row', sql`${t.id} = 1`)],
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
