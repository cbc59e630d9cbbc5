import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { INDICATOR_COMPARATORS, INDICATOR_REPORT_STATUSES, PROJECT_TYPES } from '@/lib/domain/vocabulary';
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
  /** The organisation whose officers report the city's measured value and whose reviewers approve it. */
  responsibleOrgId: integer().references(() => organisations.id),
});

/**
 * The city's value of one plan indicator for one year: the subject of a publication series
 * (kind `indicator_report`), whose versions are the approved submissions below.
 */
export const indicatorReports = pgTable(
  'indicator_reports',
  {
    id: id(),
    indicatorId: integer().notNull().references(() => planIndicators.id),
    year: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('indicator_reports_year_key').on(t.indicatorId, t.year), check('indicator_reports_year_range', sql`${t.year} BETWEEN 2020 AND 2035`)],
);

/**
 * A measured value submitted by one officer of the responsible organisation and approved by a
 * second person of it (four eyes); the approval publishes it. A correction of an approved value is
 * a new submission with its reason, published as the series' next version.
 */
export const indicatorReportSubmissions = pgTable(
  'indicator_report_submissions',
  {
    id: id(),
    reportId: integer().notNull().references(() => indicatorReports.id),
    value: numeric({ precision: 12, scale: 2 }).notNull(),
    source: text().notNull(),
    method: text().notNull(),
    measuredOn: date().notNull(),
    /** Why an approved value is replaced; required for every submission after the first approval. */
    changeReason: text(),
    status: text({ enum: INDICATOR_REPORT_STATUSES }).notNull().default('submitted'),
    organisationId: integer().notNull().references(() => organisations.id),
    submittedBy: integer().notNull().references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    returnReason: text(),
    /** The publication the approval wrote (publications.id; no foreign key, as the schema of disclosure depends on the plan's). */
    publicationId: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    index('indicator_report_submissions_report_idx').on(t.reportId),
    // One submission awaits review per indicator and year at a time.
    uniqueIndex('indicator_report_submissions_pending_key').on(t.reportId).where(sql`${t.status} = 'submitted'`),
    check('indicator_report_submissions_four_eyes', sql`${t.decidedBy} IS NULL OR ${t.decidedBy} <> ${t.submittedBy}`),
    check(
      'indicator_report_submissions_decided',
      sql`(${t.status} = 'submitted') = (${t.decidedBy} IS NULL) AND (${t.status} = 'approved') = (${t.publicationId} IS NOT NULL) AND (${t.status} = 'returned') = (${t.returnReason} IS NOT NULL)`,
    ),
  ],
);
