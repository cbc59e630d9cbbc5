import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { EVALUATION_GRADES, EVALUATION_STATUSES, INDICATOR_CATEGORIES, INDICATOR_DIRECTIONS, INDICATOR_SUBCATEGORIES, SCORING_RULES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { projectApplications } from './applications';
import { documents } from './ledger';
import { publications } from './disclosure';
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

/**
 * A project's performance evaluation (绩效评价): the unit's self-evaluation (draft → submitted), the
 * evaluator's review (reviewed) and a second person's approval, which publishes it (approved).
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: id(),
    projectId: integer().notNull().references(() => projects.id),
    /** The application whose accepted works are evaluated; its workflow item moves to 绩效评价 on approval. */
    applicationId: integer().references(() => projectApplications.id),
    year: integer().notNull(),
    /** The evaluator who reviewed (复核) and scored. */
    evaluatorId: integer().references(() => users.id),
    /** Score 0-100 with two decimals; grade 优 ≥ 90, 良 80-89.99, 中 60-79.99, 差 < 60. */
    totalScore: numeric({ precision: 5, scale: 2 }),
    grade: text({ enum: EVALUATION_GRADES }),
    status: text({ enum: EVALUATION_STATUSES }).notNull().default('draft'),
    /** The unit's own account of the works (自评报告摘要). */
    selfSummary: text(),
    selfSubmittedBy: integer().references(() => users.id),
    selfSubmittedAt: timestamp({ withTimezone: true }),
    /** Why the evaluator or the approver sent it back; cleared on the next submission. */
    returnReason: text(),
    findings: text(),
    corrections: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    approvedBy: integer().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    publicationId: integer().references(() => publications.id),
    /** Bumped by every write: a form showing an older revision was overtaken. */
    revision: integer().notNull().default(0),
    createdBy: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluations_project_year_key').on(t.projectId, t.year),
    check('evaluations_score_range', sql`${t.totalScore} IS NULL OR (${t.totalScore} >= 0 AND ${t.totalScore} <= 100)`),
    // Four eyes: whoever approved neither reviewed nor self-evaluated it.
    check('evaluations_four_eyes', sql`${t.approvedBy} IS NULL OR (${t.approvedBy} IS DISTINCT FROM ${t.evaluatorId} AND ${t.approvedBy} IS DISTINCT FROM ${t.selfSubmittedBy})`),
  ],
);

/** One indicator of an evaluation's set: weights of a set sum to 100 % (10000 basis points). */
export const evaluationIndicators = pgTable(
  'evaluation_indicators',
  {
    id: id(),
    evaluationId: integer().notNull().references(() => evaluations.id),
    position: integer().notNull().default(0),
    /** The target committed at application this indicator was taken from, if any. */
    performanceTargetId: integer().references(() => performanceTargets.id),
    category: text({ enum: INDICATOR_CATEGORIES }).notNull(),
    subcategory: text({ enum: INDICATOR_SUBCATEGORIES }).notNull(),
    name: text().notNull(),
    unit: text().notNull().default(''),
    weightBp: integer().notNull(),
    direction: text({ enum: INDICATOR_DIRECTIONS }).notNull().default('higher_better'),
    rule: text({ enum: SCORING_RULES }).notNull().default('proportional'),
    evidenceRequired: boolean().notNull().default(true),
    targetValue: numeric({ precision: 20, scale: 4 }),
    /** What the unit reported in its self-evaluation. */
    selfValue: numeric({ precision: 20, scale: 4 }),
    /** The value the evaluator accepted on review; the score is computed from it. */
    actualValue: numeric({ precision: 20, scale: 4 }),
    score: numeric({ precision: 5, scale: 2 }),
    /** Where a value came from (e.g. a satisfaction survey) until citizens' ratings provide it. */
    source: text(),
    note: text(),
  },
  (t) => [
    index('evaluation_indicators_evaluation_idx').on(t.evaluationId),
    check('evaluation_indicators_weight', sql`${t.weightBp} > 0 AND ${t.weightBp} <= 10000`),
    check('evaluation_indicators_score', sql`${t.score} IS NULL OR (${t.score} >= 0 AND ${t.score} <= 100)`),
  ],
);

/** Evidence files of an indicator's actual value, kept in the document store with their SHA-256. */
export const evaluationEvidence = pgTable(
  'evaluation_evidence',
  {
    indicatorId: integer().notNull().references(() => evaluationIndicators.id),
    documentId: integer().notNull().references(() => documents.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.documentId] })],
);
