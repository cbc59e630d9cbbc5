import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { disclosureObligations } from '@/db/schema';
import { OWED_BY_EVENT, type DeadlineKind, type DisclosureEvent } from '@/lib/domain/disclosure-events';
import { type PublicationKind, type PublicationSubjectType } from '@/lib/domain/vocabulary';
import { readSetting } from '../settings';

const DEADLINE_SETTING: Record<DeadlineKind, { key: string; fallback: number }> = {
  publication: { key: 'publication_deadline_days', fallback: 20 },
  evaluation: { key: 'evaluation_deadline_days', fallback: 90 },
};

export async function deadlineDays(db: Queryable, deadline: DeadlineKind = 'publication'): Promise<number> {
  const { key, fallback } = DEADLINE_SETTING[deadline];
  const n = Number(await readSetting(db, key));
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

interface Subject {
  subjectType: PublicationSubjectType;
  subjectId: number;
  responsibleOrgId: number;
  eventAt: Date;
}

/** Registers what an event owes, with its deadline; an obligation already registered keeps its deadline. */
export async function oweDisclosures(tx: Tx, owed: Subject, kinds: readonly PublicationKind[], deadline: DeadlineKind = 'publication'): Promise<void> {
  if (!kinds.length) return;
  const days = await deadlineDays(tx, deadline);
  const dueAt = new Date(owed.eventAt.getTime() + days * 86_400_000);
  await tx
    .insert(disclosureObligations)
    .values(kinds.map((kind) => ({ ...owed, kind, dueAt })))
    .onConflictDoNothing();
}

/** The obligations an event creates, written in the event's transaction (see lib/domain/disclosure-events.ts). */
export async function oweForEvent(tx: Tx, event: DisclosureEvent, subject: { subjectId: number; responsibleOrgId: number; eventAt: Date }): Promise<void> {
  const owed = OWED_BY_EVENT[event];
  await oweDisclosures(tx, { ...subject, subjectType: owed.subjectType }, owed.kinds, owed.deadline);
}

/**
 * Called by publishSnapshot in the publishing transaction: the publication fulfils its own
 * obligation (registering it first if no event did: a publication is always owed), and an
 * evaluation's result fulfils its project's.
 */
export async function settleObligations(tx: Tx, owed: Subject & { kind: PublicationKind }, publicationId: number): Promise<void> {
  // The audit log's daily checkpoint is the portal's own record, not a disclosure anyone owes: it
  // would count in its issuer's completeness every day.
  if (owed.kind === 'audit_checkpoint') return;
  await oweDisclosures(tx, owed, [owed.kind]);
  await fulfil(tx, owed.kind, owed.subjectType, owed.subjectId, publicationId);
  if (owed.kind === 'evaluation_result' && owed.subjectType === 'evaluation') {
    await tx.execute(sql`
      update disclosure_obligations set publication_id = ${publicationId}
      where kind = 'evaluation_result' and subject_type = 'project' and publication_id is null
        and subject_id = (select e.project_id from evaluations e where e.id = ${owed.subjectId})`);
  }
}

async function fulfil(tx: Tx, kind: PublicationKind, subjectType: string, subjectId: number, publicationId: number) {
  await tx
    .update(disclosureObligations)
    .set({ publicationId })
    .where(and(eq(disclosureObligations.kind, kind), eq(disclosureObligations.subjectType, subjectType), eq(disclosureObligations.subjectId, subjectId), isNull(disclosureObligations.publicationId)));
}
