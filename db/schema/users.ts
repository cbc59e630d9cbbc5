import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns';
import { organisations } from './organisations';

export const ROLES = ['admin', 'finance_officer', 'reviewer', 'implementing_unit', 'evaluator', 'auditor', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    organisationId: integer().notNull().references(() => organisations.id),
    disabledAt: timestamp({ withTimezone: true }),
    /** Bumped on every role change or disablement: tokens carrying an older value are refused. */
    sessionVersion: integer().notNull().default(1),
    isDemo: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('users_org_idx').on(t.organisationId)],
);

/** Failed sign-ins per account and per address, shared by every app instance. */
export const authThrottles = pgTable('auth_throttles', {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp({ withTimezone: true }),
});

/** Generic fixed-window counters (feedback, public API), shared by every app instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  count: integer().notNull(),
  windowEndsAt: timestamp({ withTimezone: true }).notNull(),
});
