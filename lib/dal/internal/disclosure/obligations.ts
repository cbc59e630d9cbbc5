import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { disclosureObligations } from '@/db/schema';
import { type PublicationKind } from '@/lib/domain/vocabulary';
import { readSetting } from '../settings';

/** What the event behind a first publication owes in all: opening a programme owes three, approving a batch two. */
const EVENT_OWES: Partial<Record<PublicationKind, PublicationKind[]>> = {
  fund_catalogue: ['fund_catalogue', 'management_rules', 'application_guideline'],
  formula: ['formula', 'allocation_result'],
  allocation_result: ['formula', 'allocation_result'],
  evaluation_result: ['evaluation_result'],
};

export async function deadlineDays(db: Queryable): Promise<number> {
  const n = Number(await readSetting(db, 'publication_deadline_days'));
  return Number.isInteger(n) && n > 0 ? n : 20;
}

interface Owed {
  kind: PublicationKind;
  subjectType: string;
  subjectId: number;
  responsibleOrgId: number;
  eventAt: Date;
}

/** Registers what an event owes, with its deadline; an obligation already registered keeps its deadline. */
export async function oweDisclosures(tx: Tx, owed: Omit<Owed, 'kind'>, kinds: readonly PublicationKind[]): Promise<void> {
  if (!kinds.length) return;
  const days = await deadlineDays(tx);
  const dueAt = new Date(owed.eventAt.getTime() + days * 86_400_000);
  await tx
    .insert(disclosureObligations)
    .values(kinds.map((kind) => ({ ...owed, kind, dueAt })))
    .onConflictDoNothing();
}

/**
 * Called by publishSnapshot in the publishing transaction: a first version registers what its
 * event owes, and every publication fulfils its own obligation if still open.
 */
export async function settleObligations(tx: Tx, owed: Owed, publicationId: number, firstVersion: boolean): Promise<void> {
  const kinds = firstVersion ? (EVENT_OWES[owed.kind] ?? [owed.kind]) : [owed.kind];
  await oweDisclosures(tx, owed, kinds);
  await tx
    .update(disclosureObligations)
    .set({ publicationId })
    .where(and(eq(disclosureObligations.kind, owed.kind), eq(disclosureObligations.subjectType, owed.subjectType), eq(disclosureObligations.subjectId, owed.subjectId), isNull(disclosureObligations.publicationId)));
}

