import { boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ORG_KINDS, ORG_LEVELS } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';

/** Government bodies and implementing units, one tree by parent. */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text().notNull(),
    level: text({ enum: ORG_LEVELS }).notNull(),
    kind: text({ enum: ORG_KINDS }).notNull(),
    parentId: integer().references((): import('drizzle-orm/pg-core').AnyPgColumn => organisations.id),
    /** Officers' names on public timelines are shown only at or above this organisation's choice. */
    showOfficerNames: boolean().notNull().default(false),
    isDemo: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('organisations_code_key').on(t.code),
    index('organisations_parent_idx').on(t.parentId),
    check('organisations_not_own_parent', sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
  ],
);

export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
});

export const legalBases = pgTable('legal_bases', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text().notNull(),
  active: boolean().notNull().default(true),
  sort: integer().notNull().default(0),
});
