import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { FOLLOW_SUBJECT_TYPES, WORKFLOW_KINDS } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { organisations } from './organisations';
import { users } from './users';

/** Stages are data: a definition is versioned, and running items keep the version they began with. */
export const workflowDefinitions = pgTable(
  'workflow_definitions',
  {
    id: id(),
    kind: text({ enum: WORKFLOW_KINDS }).notNull(),
    version: integer().notNull(),
    definition: jsonb().notNull(),
    active: boolean().notNull().default(true),
    createdBy: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('workflow_definitions_version_key').on(t.kind, t.version),
    uniqueIndex('workflow_definitions_active_key').on(t.kind).where(sql`${t.active}`),
  ],
);

export const workflowItems = pgTable(
  'workflow_items',
  {
    id: id(),
    kind: text({ enum: WORKFLOW_KINDS }).notNull(),
    definitionId: integer().notNull().references(() => workflowDefinitions.id),
    /** The project or allocation batch this item moves. */
    subjectId: integer().notNull(),
    organisationId: integer().notNull().references(() => organisations.id),
    stage: text().notNull(),
    /** Bumped by every transition and edit: a page that read an older revision is stale. */
    revision: integer().notNull().default(0),
    submittedBy: integer().references(() => users.id),
    lastEditedBy: integer().references(() => users.id),
    stageEnteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp({ withTimezone: true }),
    returnReason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('workflow_items_subject_key').on(t.kind, t.subjectId),
    index('workflow_items_stage_idx').on(t.stage, t.dueAt),
  ],
);

export const workflowTransitions = pgTable(
  'workflow_transitions',
  {
    id: id(),
    itemId: integer().notNull().references(() => workflowItems.id),
    fromStage: text().notNull(),
    toStage: text().notNull(),
    action: text().notNull(),
    actorId: integer().notNull().references(() => users.id),
    reason: text(),
    changes: jsonb(),
    at: createdAt(),
  },
  (t) => [index('workflow_transitions_item_idx').on(t.itemId, t.at)],
);

/** Followers of an item: signed-in users, or citizens by a confirmed contact token. */
export const follows = pgTable(
  'follows',
  {
    id: id(),
    subjectType: text({ enum: FOLLOW_SUBJECT_TYPES }).notNull(),
    subjectId: integer().notNull(),
    userId: integer().references(() => users.id),
    /** A citizen's confirmed e-mail address (citizen_contacts); the reference is kept loose to avoid a module cycle. */
    citizenContactId: integer(),
    /** A citizen's follow sends nothing until its address confirmed it (double opt-in). */
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('follows_user_key').on(t.subjectType, t.subjectId, t.userId).where(sql`${t.userId} IS NOT NULL`),
    uniqueIndex('follows_citizen_key').on(t.subjectType, t.subjectId, t.citizenContactId).where(sql`${t.citizenContactId} IS NOT NULL`),
    check('follows_who', sql`(${t.userId} IS NULL) <> (${t.citizenContactId} IS NULL)`),
  ],
);

/** Transactional outbox: written with the event, delivered once by a worker. */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    topic: text().notNull(),
    dedupeKey: text().notNull().unique(),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
    availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index('outbox_pending_idx').on(t.availableAt).where(sql`${t.deliveredAt} IS NULL`)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: integer().notNull().references(() => users.id),
    outboxId: integer().notNull().references(() => outbox.id),
    title: text().notNull(),
    body: text().notNull(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notifications_once_key').on(t.userId, t.outboxId)],
);
