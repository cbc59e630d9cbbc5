import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, fen, id } from './_columns';
import { documents } from './ledger';
import { organisations } from './organisations';
import { projects } from './projects';
import { users } from './users';

/** 项目申报: an implementing unit asks for funds for one project and year; moved by the workflow. */
export const projectApplications = pgTable(
  'project_applications',
  {
    id: id(),
    code: text().notNull().unique(),
    projectId: integer().notNull().references(() => projects.id),
    applicantOrgId: integer().notNull().references(() => organisations.id),
    fiscalYear: integer().notNull(),
    requestedCentralFen: fen().notNull().default(sql`0`),
    requestedProvincialFen: fen().notNull().default(sql`0`),
    requestedMunicipalFen: fen().notNull().default(sql`0`),
    ownFundsFen: fen().notNull().default(sql`0`),
    plannedStart: date().notNull(),
    plannedEnd: date().notNull(),
    countyId: integer().notNull().references(() => organisations.id),
    town: text(),
    description: text().notNull(),
    createdBy: integer().notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'project_applications_amounts',
      sql`${t.requestedCentralFen} >= 0 AND ${t.requestedProvincialFen} >= 0 AND ${t.requestedMunicipalFen} >= 0 AND ${t.ownFundsFen} >= 0
        AND ${t.requestedCentralFen} + ${t.requestedProvincialFen} + ${t.requestedMunicipalFen} > 0
        AND ${t.requestedCentralFen} + ${t.requestedProvincialFen} + ${t.requestedMunicipalFen} + ${t.ownFundsFen} <= max_amount_fen()`,
    ),
    check('project_applications_schedule', sql`${t.plannedEnd} >= ${t.plannedStart}`),
    check('project_applications_year_range', sql`${t.fiscalYear} BETWEEN 2021 AND 2035`),
  ],
);

export const applicationDocuments = pgTable(
  'application_documents',
  {
    applicationId: integer().notNull().references(() => projectApplications.id),
    documentId: integer().notNull().references(() => documents.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.documentId] })],
);
