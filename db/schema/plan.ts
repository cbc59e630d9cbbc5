import { integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { INDICATOR_COMPARATORS, PROJECT_TYPES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { organisations } from './organisations';
import { users } from './users';

export const restorationZones = pgTable('restoration_zones', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text().notNull(),
  areaKm2: numeric({ precision: 10, scale: 2 }).notNull(),
  sort: integer().notNull(),
});

export const zoneTowns = pgTable(
  'zone_towns',
  {
    zoneId: integer().notNull().references(() => restorationZones.id),
    townId: integer().notNull().references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.townId] })],
);

export const keyAreas = pgTable('key_areas', {
  id: id(),
  code: text().notNull().unique(),
  zoneId: integer().notNull().references(() => restorationZones.id),
  name: text().notNull(),
  nameEn: text().notNull(),
  focus: text().array().notNull(),
  sort: integer().notNull(),
});

export const engineeringGroups = pgTable('engineering_groups', {
  id: id(),
  code: text().notNull().unique(),
  zoneId: integer().references(() => restorationZones.id),
  name: text().notNull(),
  nameEn: text().notNull(),
  sort: integer().notNull(),
});

export const projectTypes = pgTable('project_types', {
  code: text({ enum: PROJECT_TYPES }).primaryKey(),
  name: text().notNull(),
  nameEn: text().notNull(),
  sort: integer().notNull(),
});

export const planIndicators = pgTable('plan_indicators', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text().notNull(),
  unit: text().notNull(),
  comparator: text({ enum: INDICATOR_COMPARATORS }).notNull(),
  baseline2020: numeric({ precision: 12, scale: 2 }),
  target2025: numeric({ precision: 12, scale: 2 }),
  target2035: numeric({ precision: 12, scale: 2 }),
  note: text(),
  sort: integer().notNull(),
});

/** Values reported against the plan's targets, tracked on a public page. */
export const indicatorReports = pgTable(
  'indicator_reports',
  {
    id: id(),
    indicatorId: integer().notNull().references(() => planIndicators.id),
    year: integer().notNull(),
    value: numeric({ precision: 12, scale: 2 }).notNull(),
    source: text().notNull(),
    reportedBy: integer().references(() => users.id),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('indicator_reports_year_key').on(t.indicatorId, t.year)],
);
