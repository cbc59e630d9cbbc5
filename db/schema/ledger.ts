import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { HOLDER_KINDS, IMPORT_TARGETS, ORG_LEVELS, PROGRAMME_DOCUMENT_KINDS, PROGRAMME_STATUSES, TRANSFER_KINDS } from '@/lib/domain/vocabulary';
import { bytea, createdAt, fen, id } from './_columns';
import { organisations } from './organisations';
import { projects } from './projects';
import { users } from './users';

/** 专项资金: a special fund of one level for one fiscal year. */
export const fundProgrammes = pgTable(
  'fund_programmes',
  {
    id: id(),
    code: text().notNull().unique(),
    name: text().notNull(),
    nameEn: text(),
    level: text({ enum: ORG_LEVELS }).notNull(),
    fiscalYear: integer().notNull(),
    managingOrgId: integer().notNull().references(() => organisations.id),
    totalFen: fen().notNull(),
    purpose: text().notNull(),
    status: text({ enum: PROGRAMME_STATUSES }).notNull().default('open'),
    isDemo: boolean().notNull().default(false),
    createdBy: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('fund_programmes_year_idx').on(t.fiscalYear),
    check('fund_programmes_total_positive', sql`${t.totalFen} > 0 AND ${t.totalFen} <= max_amount_fen()`),
    check('fund_programmes_year_range', sql`${t.fiscalYear} BETWEEN 2021 AND 2035`),
  ],
);

/** 配套比例: a lower level must co-fund share_bp / 10000 of what it receives of the upper programme. */
export const matchingRequirements = pgTable(
  'matching_requirements',
  {
    id: id(),
    upperProgrammeId: integer().notNull().references(() => fundProgrammes.id),
    lowerLevel: text({ enum: ORG_LEVELS }).notNull(),
    shareBp: integer().notNull(),
    note: text(),
  },
  (t) => [
    uniqueIndex('matching_requirements_key').on(t.upperProgrammeId, t.lowerLevel),
    check('matching_share_range', sql`${t.shareBp} > 0 AND ${t.shareBp} <= 100000`),
  ],
);

/** Uploaded files live in the database so that every app instance sees them. */
export const documents = pgTable('documents', {
  id: id(),
  sha256: text().notNull(),
  mimeType: text().notNull(),
  byteSize: integer().notNull(),
  filename: text().notNull(),
  content: bytea().notNull(),
  uploadedBy: integer().references(() => users.id),
  createdAt: createdAt(),
});

export const programmeDocuments = pgTable(
  'programme_documents',
  {
    id: id(),
    programmeId: integer().notNull().references(() => fundProgrammes.id),
    kind: text({ enum: PROGRAMME_DOCUMENT_KINDS }).notNull(),
    version: integer().notNull(),
    documentId: integer().notNull().references(() => documents.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('programme_documents_version_key').on(t.programmeId, t.kind, t.version)],
);

/** Whoever holds money of a programme: an organisation, a project, or a payee (contractor). */
export const holders = pgTable(
  'holders',
  {
    id: id(),
    kind: text({ enum: HOLDER_KINDS }).notNull(),
    organisationId: integer().references(() => organisations.id),
    projectId: integer().references(() => projects.id),
    isDemo: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('holders_org_key').on(t.organisationId).where(sql`${t.kind} = 'organisation'`),
    uniqueIndex('holders_project_key').on(t.projectId).where(sql`${t.kind} = 'project'`),
    uniqueIndex('holders_payee_key').on(t.organisationId).where(sql`${t.kind} = 'payee'`),
    check(
      'holders_shape',
      sql`(${t.kind} = 'project' AND ${t.projectId} IS NOT NULL AND ${t.organisationId} IS NULL)
       OR (${t.kind} <> 'project' AND ${t.organisationId} IS NOT NULL AND ${t.projectId} IS NULL)`,
    ),
  ],
);

/**
 * The append-only ledger. Balances are maintained, and flow rules enforced, by database
 * triggers (see the ledger migration); rows are never updated or deleted.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: id(),
    programmeId: integer().notNull().references(() => fundProgrammes.id),
    /** Null only for an appropriation: the programme's money entering the chain. */
    fromHolderId: integer().references(() => holders.id),
    toHolderId: integer().notNull().references(() => holders.id),
    amountFen: fen().notNull(),
    kind: text({ enum: TRANSFER_KINDS }).notNull(),
    transferDate: date().notNull(),
    docNumber: text(),
    batchId: integer(),
    reversesId: integer().references((): import('drizzle-orm/pg-core').AnyPgColumn => transfers.id),
    note: text(),
    importLine: integer(),
    isDemo: boolean().notNull().default(false),
    recordedBy: integer().references(() => users.id),
    recordedAt: createdAt(),
  },
  (t) => [
    index('transfers_programme_idx').on(t.programmeId),
    index('transfers_from_idx').on(t.fromHolderId, t.programmeId),
    index('transfers_to_idx').on(t.toHolderId, t.programmeId),
    index('transfers_reverses_idx').on(t.reversesId),
    uniqueIndex('transfers_import_line_key').on(t.docNumber, t.importLine, t.fromHolderId).where(sql`${t.importLine} IS NOT NULL`),
    check('transfers_amount_range', sql`${t.amountFen} > 0 AND ${t.amountFen} <= max_amount_fen()`),
    check('transfers_not_to_self', sql`${t.fromHolderId} IS NULL OR ${t.fromHolderId} <> ${t.toHolderId}`),
    check(
      'transfers_shape',
      sql`(${t.kind} = 'appropriation') = (${t.fromHolderId} IS NULL) AND (${t.kind} = 'reversal') = (${t.reversesId} IS NOT NULL)`,
    ),
  ],
);

/** Balance(programme, holder) = received − passed on; kept by trigger, never negative. */
export const balances = pgTable(
  'balances',
  {
    programmeId: integer().notNull().references(() => fundProgrammes.id),
    holderId: integer().notNull().references(() => holders.id),
    receivedFen: fen().notNull().default(sql`0`),
    passedOnFen: fen().notNull().default(sql`0`),
    balanceFen: fen().notNull().default(sql`0`),
    lastReceivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.holderId] }),
    index('balances_holder_idx').on(t.holderId),
    check('balances_non_negative', sql`${t.balanceFen} >= 0 AND ${t.receivedFen} >= 0 AND ${t.passedOnFen} >= 0`),
    check('balances_consistent', sql`${t.balanceFen} = ${t.receivedFen} - ${t.passedOnFen}`),
  ],
);

/** What a payee spent of a programme's money, with its voucher and evidence. */
export const expenditures = pgTable(
  'expenditures',
  {
    id: id(),
    programmeId: integer().notNull().references(() => fundProgrammes.id),
    payeeHolderId: integer().notNull().references(() => holders.id),
    amountFen: fen().notNull(),
    spentOn: date().notNull(),
    voucherNo: text().notNull(),
    description: text().notNull(),
    evidenceDocumentId: integer().references(() => documents.id),
    importLine: integer(),
    isDemo: boolean().notNull().default(false),
    recordedBy: integer().references(() => users.id),
    recordedAt: createdAt(),
  },
  (t) => [
    check('expenditures_amount_range', sql`${t.amountFen} > 0 AND ${t.amountFen} <= max_amount_fen()`),
    uniqueIndex('expenditures_import_line_key').on(t.voucherNo, t.importLine).where(sql`${t.importLine} IS NOT NULL`),
  ],
);

/** Replays of a write with the same client key return the first result and write nothing. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text().primaryKey(),
  userId: integer().notNull().references(() => users.id),
  requestHash: text().notNull(),
  response: jsonb().notNull(),
  createdAt: createdAt(),
});

/** Column mappings for spreadsheet import, remembered per organisation. */
export const importMappings = pgTable(
  'import_mappings',
  {
    organisationId: integer().notNull().references(() => organisations.id),
    target: text({ enum: IMPORT_TARGETS }).notNull(),
    mapping: jsonb().notNull(),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.target] })],
);
