import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { EVALUATION_GRADES, EVALUATION_STATUSES, INDICATOR_CATEGORIES, INDICATOR_SUBCATEGORIES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { projectApplications } from './applications';
import { projects } from './projects';
import { users } from './users';

/** Targets a project commits to when it applies; the evaluation scores against them. */
export const performanceTargets = pgTable('performance_targets', {
  id: id(),
  projectId: integer().notNull().references(() => projects.id),
  /** The application that committed to this target; null for targets set otherwise. */
  applicationId: integer().references(() => projectApplications.id),
  category: text({ enum: INDICATOR_CATEGORIES }).notNull(),
  subcategory: text({ enum: INDICATOR_SUBCATEGORIES }).notNull(),
  name: text().notNull(),
  unit: text().notNull(),
  targetValue: numeric({ precision: 20, scale: 4 }).notNull(),
  createdAt: createdAt(),
});

export const evaluations = pgTable(
  'evaluations',
  {
    id: id(),
    projectId: integer().notNull().references(() => projects.id),
    year: integer().notNull(),
    evaluatorId: integer().references(() => users.id),
    /** Score 0-100 with two decimals; grade 优 ≥ 90, 良 80-89, 中 60-79, 差 < 60. */
    totalScore: numeric({ precision: 5, scale: 2 }),
    grade: text({ enum: EVALUATION_GRADES }),
    status: text({ enum: EVALUATION_STATUSES }).notNull().default('draft'),
    approvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluations_project_year_key').on(t.projectId, t.year),
    check('evaluations_score_range', sql`${t.totalScore} IS NULL OR (${t.totalScore} >= 0 AND ${t.totalScore} <= 100)`),
  ],
);

export const evaluationIndicators = pgTable('evaluation_indicators', {
  id: id(),
  evaluationId: integer().notNull().references(() => evaluations.id),
  category: text({ enum: INDICATOR_CATEGORIES }).notNull(),
  subcategory: text({ enum: INDICATOR_SUBCATEGORIES }).notNull(),
  name: text().notNull(),
  weightBp: integer().notNull(),
  targetValue: numeric({ precision: 20, scale: 4 }),
  actualValue: numeric({ precision: 20, scale: 4 }),
  score: numeric({ precision: 5, scale: 2 }),
});
