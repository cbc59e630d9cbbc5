import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns';
import { ROLES, SECURITY_EVENT_KINDS } from '@/lib/domain/vocabulary';
import { organisations } from './organisations';

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

/**
 * Server-side sessions: the JWT carries only this random id (with the user id and session version);
 * a session is valid while its row is neither revoked (sign-out, user disabled) nor expired.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text().primaryKey(),
    userId: integer().notNull().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    address: text().notNull(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

/** Addresses a user has signed in from with the right password: their owner passes an account slow-down. */
export const knownSignInAddresses = pgTable(
  'known_sign_in_addresses',
  {
    userId: integer().notNull().references(() => users.id),
    address: text().notNull(),
    lastSuccessAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);

/** Append-only security log (sign-ins, failures, throttles, sign-outs), read by administrators and auditors. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: id(),
    at: timestamp({ withTimezone: true }).notNull(),
    kind: text({ enum: SECURITY_EVENT_KINDS }).notNull(),
    username: text().notNull(),
    userId: integer().references(() => users.id),
    address: text().notNull(),
    detail: jsonb(),
  },
  (t) => [index('security_events_at_idx').on(t.at)],
);

/** Generic fixed-window counters (feedback, public API), shared by every app instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  count: integer().notNull(),
  windowEndsAt: timestamp({ withTimezone: true }).notNull(),
});
