import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { PUBLICATION_KINDS, PUBLICATION_SUBJECT_TYPES, WITHHOLDING_ITEM_TYPES, WITHHOLDING_STATUSES } from '@/lib/domain/vocabulary';
import { createdAt, id } from './_columns';
import { holders } from './ledger';
import { legalBases, organisations } from './organisations';
import { users } from './users';

/**
 * The public read model: immutable snapshots written by the workflow event that makes them true.
 * Public pages, APIs, exports and feeds read only this table (through the public_publications view).
 */
export const publications = pgTable(
  'publications',
  {
    id: id(),
    kind: text({ enum: PUBLICATION_KINDS }).notNull(),
    subjectType: text({ enum: PUBLICATION_SUBJECT_TYPES }).notNull(),
    subjectId: integer().notNull(),
    version: integer().notNull(),
    title: text().notNull(),
    content: jsonb().notNull(),
    notice: text().notNull(),
    contentHash: text().notNull(),
    changeReason: text(),
    issuerOrgId: integer().notNull().references(() => organisations.id),
    docNumber: text(),
    dataAsOf: date().notNull(),
    eventAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('publications_version_key').on(t.kind, t.subjectType, t.subjectId, t.version),
    index('publications_published_idx').on(t.publishedAt),
    check('publications_correction_reason', sql`${t.version} = 1 OR ${t.changeReason} IS NOT NULL`),
  ],
);

/** An event that owes a publication, with its deadline; closed when the publication exists. */
export const disclosureObligations = pgTable(
  'disclosure_obligations',
  {
    id: id(),
    kind: text({ enum: PUBLICATION_KINDS }).notNull(),
    subjectType: text().notNull(),
    subjectId: integer().notNull(),
    responsibleOrgId: integer().notNull().references(() => organisations.id),
    eventAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    publicationId: integer().references(() => publications.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('disclosure_obligations_key').on(t.kind, t.subjectType, t.subjectId)],
);

/** Withholding is the exception: reason, legal basis, review date and two distinct approvers. */
export const withholdings = pgTable(
  'withholdings',
  {
    id: id(),
    itemType: text({ enum: WITHHOLDING_ITEM_TYPES }).notNull(),
    itemId: integer().notNull(),
    field: text(),
    reason: text().notNull(),
    legalBasisId: integer().notNull().references(() => legalBases.id),
    reviewDate: date().notNull(),
    requestedBy: integer().notNull().references(() => users.id),
    approvedBy1: integer().references(() => users.id),
    approvedBy2: integer().references(() => users.id),
    status: text({ enum: WITHHOLDING_STATUSES }).notNull().default('requested'),
    /** The requester's organisation: reviewers approve only their own organisation's requests. */
    organisationId: integer().references(() => organisations.id),
    /** A renewal is a new withholding of the same item, approved the same way. */
    renewsId: integer().references((): AnyPgColumn => withholdings.id),
    activatedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('withholdings_item_idx').on(t.itemType, t.itemId),
    check('withholdings_field_named', sql`(${t.itemType} = 'field') = (${t.field} IS NOT NULL)`),
    check(
      'withholdings_two_distinct_approvers',
      sql`${t.status} <> 'active' OR (${t.approvedBy1} IS NOT NULL AND ${t.approvedBy2} IS NOT NULL
        AND ${t.approvedBy1} <> ${t.approvedBy2} AND ${t.approvedBy1} <> ${t.requestedBy} AND ${t.approvedBy2} <> ${t.requestedBy})`,
    ),
  ],
);

/**
 * What a publication's content refers to, written with the snapshot: whole-publication references
 * (path null) and the JSON path of each node that names a withholdable item. The public views
 * redact by these rows, so withholding never needs to rewrite an immutable snapshot.
 */
export const publicationItems = pgTable(
  'publication_items',
  {
    id: id(),
    publicationId: integer().notNull().references(() => publications.id),
    /** JSON path of the node inside content; null when the reference covers the whole publication. */
    path: text().array(),
    programmeId: integer(),
    projectId: integer(),
    documentId: integer(),
    batchId: integer(),
    holderId: integer(),
    /** The transfer a line of a document's allocation result lists: withholding the transfer removes the line. */
    transferId: integer(),
    /** The node's amount, summed into the "withheld under basis X" line when redacted. */
    amountFen: bigint({ mode: 'bigint' }),
  },
  // The public views find a withholding's items through these: one index per kind of item.
  (t) => [
    index('publication_items_publication_idx').on(t.publicationId),
    index('publication_items_transfer_idx').on(t.transferId),
    index('publication_items_programme_idx').on(t.programmeId),
    index('publication_items_project_idx').on(t.projectId),
    index('publication_items_document_idx').on(t.documentId),
    index('publication_items_batch_holder_idx').on(t.batchId, t.holderId),
  ],
);

/**
 * A document (文号) of a sender, the subject of the allocation result that lists every transfer it
 * moved. Its row is locked while a new version is written, so concurrent lines publish in turn.
 */
export const transferDocuments = pgTable(
  'transfer_documents',
  {
    id: id(),
    senderHolderId: integer().notNull().references(() => holders.id),
    docNumber: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('transfer_documents_key').on(t.senderHolderId, t.docNumber)],
);
