import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { BATCH_RECIPIENT_KINDS, FACTOR_DIRECTIONS } from '@/lib/domain/vocabulary';
import { createdAt, fen, id } from './_columns';
import { fundProgrammes, holders } from './ledger';
import { users } from './users';

/** A formula version is frozen once a batch uses it; a change is a new version with a reason. */
export const formulaVersions = pgTable(
  'formula_versions',
  {
    id: id(),
    programmeId: integer().notNull().references(() => fundProgrammes.id),
    version: integer().notNull(),
    fiscalYear: integer().notNull(),
    description: text().notNull(),
    changeReason: text(),
    floorFen: fen(),
    capFen: fen(),
    setAsideBp: integer().notNull().default(0),
    /** Value of the performance factor for a recipient without a grade yet. */
    defaultPerformanceValue: numeric({ precision: 20, scale: 6 }),
    frozenAt: timestamp({ withTimezone: true }),
    createdBy: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('formula_versions_key').on(t.programmeId, t.version),
    check('formula_set_aside_range', sql`${t.setAsideBp} >= 0 AND ${t.setAsideBp} < 10000`),
  ],
);

export const formulaFactors = pgTable(
  'formula_factors',
  {
    id: id(),
    formulaVersionId: integer().notNull().references(() => formulaVersions.id),
    code: text().notNull(),
    name: text().notNull(),
    unit: text().notNull(),
    source: text().notNull(),
    direction: text({ enum: FACTOR_DIRECTIONS }).notNull(),
    /** Weight in basis points; a version's weights sum to exactly 10000. */
    weightBp: integer().notNull(),
    isPerformance: boolean().notNull().default(false),
    sort: integer().notNull(),
  },
  (t) => [
    uniqueIndex('formula_factors_code_key').on(t.formulaVersionId, t.code),
    check('formula_factor_weight_range', sql`${t.weightBp} > 0 AND ${t.weightBp} <= 10000`),
  ],
);

export const allocationBatches = pgTable(
  'allocation_batches',
  {
    id: id(),
    programmeId: integer().notNull().references(() => fundProgrammes.id),
    code: text().notNull().unique(),
    title: text().notNull(),
    totalFen: fen().notNull(),
    formulaVersionId: integer().references(() => formulaVersions.id),
    fromHolderId: integer().notNull().references(() => holders.id),
    /** Who receives: the governments one level below (下达), or projects in the allocating area (拨付). */
    recipientKind: text({ enum: BATCH_RECIPIENT_KINDS }).notNull().default('government'),
    docNumber: text(),
    inputsHash: text(),
    computedAt: timestamp({ withTimezone: true }),
    createdBy: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('allocation_batches_total_range', sql`${t.totalFen} > 0 AND ${t.totalFen} <= max_amount_fen()`),
    check('allocation_batches_recipient_kind', sql`${t.recipientKind} IN ('government', 'project')`),
  ],
);

/** Factor values are exact decimals (numeric), never floats. */
export const factorValues = pgTable(
  'factor_values',
  {
    batchId: integer().notNull().references(() => allocationBatches.id),
    recipientHolderId: integer().notNull().references(() => holders.id),
    factorId: integer().notNull().references(() => formulaFactors.id),
    value: numeric({ precision: 24, scale: 6 }).notNull(),
    source: text().notNull(),
    enteredBy: integer().references(() => users.id),
    enteredAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.recipientHolderId, t.factorId] }),
    check('factor_values_non_negative', sql`${t.value} >= 0`),
  ],
);

export const batchResults = pgTable(
  'batch_results',
  {
    batchId: integer().notNull().references(() => allocationBatches.id),
    recipientHolderId: integer().notNull().references(() => holders.id),
    /** Share as an exact fraction, kept as decimal strings of numerator/denominator. */
    shareNumerator: text().notNull(),
    shareDenominator: text().notNull(),
    computedFen: fen().notNull(),
    adjustedFen: fen(),
    adjustmentReason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.recipientHolderId] }),
    check('batch_results_adjustment_reason', sql`(${t.adjustedFen} IS NULL) = (${t.adjustmentReason} IS NULL)`),
  ],
);

/**
 * 分配公式复算缓存: the auditors' recomputation of an issued batch, valid while the batch's inputs
 * hash is unchanged. A page load recomputes only batches whose inputs changed since. Derived data,
 * rebuilt from the ledger at will, so writing it is not an audited change.
 */
export const formulaRecomputations = pgTable('formula_recomputations', {
  batchId: integer()
    .primaryKey()
    .references(() => allocationBatches.id),
  /** `inputsHash` (lib/domain/formula) of the inputs the recomputation used. */
  inputsHash: text().notNull(),
  /** Recipient code → recomputed amount in fen (decimal strings); empty when the formula refused the inputs. */
  amounts: jsonb().$type<Record<string, string>>().notNull(),
  /** The formula's refusal code when it could not compute. */
  refusal: text(),
  computedAt: createdAt(),
});
