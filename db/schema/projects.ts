import { boolean, date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { PROJECT_TYPES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { organisations } from './organisations';
import { engineeringGroups, keyAreas, restorationZones } from './plan';

/** A restoration project of the plan (reference) or applied for later. */
export const projects = pgTable(
  'projects',
  {
    id: id(),
    code: text().notNull().unique(),
    name: text().notNull(),
    groupId: integer().references(() => engineeringGroups.id),
    /** Null for city-wide projects (the plan's 7th group). */
    zoneId: integer().references(() => restorationZones.id),
    keyAreaId: integer().references(() => keyAreas.id),
    type: text({ enum: PROJECT_TYPES }).notNull(),
    implementingOrgId: integer().references(() => organisations.id),
    description: text(),
    town: text(),
    plannedStart: date(),
    plannedEnd: date(),
    /** True for the projects named in the plan itself. */
    fromPlan: boolean().notNull().default(false),
    isDemo: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('projects_group_idx').on(t.groupId), index('projects_zone_idx').on(t.zoneId)],
);

export const projectCounties = pgTable(
  'project_counties',
  {
    projectId: integer().notNull().references(() => projects.id),
    countyId: integer().notNull().references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.countyId] }), index('project_counties_county_idx').on(t.countyId)],
);
