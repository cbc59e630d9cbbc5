import 'server-only';
import { sha256Hex } from '@/lib/domain/sha256';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { outbox, publications } from '@/db/schema';
import { type PublicationKind, type PublicationSubjectType } from '@/lib/domain/vocabulary';
import { canonicalJson, toJsonSafe } from '@/lib/audit/chain';
import { recordPublicationItems } from './disclosure/items';
import { settleObligations } from './disclosure/obligations';
import { announcePublicChange, tagsOfPublications } from './public-change';

export type SubjectType = PublicationSubjectType;

export interface SnapshotInput {
  kind: PublicationKind;
  subjectType: SubjectType;
  subjectId: number;
  title: string;
  content: unknown;
  notice: string;
  issuerOrgId: number;
  docNumber?: string | null;
  dataAsOf: string;
  eventAt: Date;
  changeReason?: string | null;
  isDemo?: boolean;
  /** The publishing command's clock; the time of the transaction when absent. */
  publishedAt?: Date;
}

/**
 * Writes an immutable snapshot in the caller's transaction: the event that makes a disclosure
 * true publishes it. A later call for the same subject is a new version and must say why.
 * The same transaction records what the content names (for withholding) and settles the
 * disclosure obligations, so a publication and its bookkeeping exist together or not at all.
 */
export async function publishSnapshot(tx: Tx, input: SnapshotInput): Promise<{ id: number; version: number; contentHash: string }> {
  const content = toJsonSafe(input.content);
  const contentHash = sha256Hex(canonicalJson({ content, notice: input.notice }));
  const [last] = await tx
    .select({ version: sql<number>`coalesce(max(${publications.version}), 0)::int` })
    .from(publications)
    .where(and(eq(publications.kind, input.kind), eq(publications.subjectType, input.subjectType), eq(publications.subjectId, input.subjectId)));
  const version = Number(last?.version ?? 0) + 1;
  const [row] = await tx
    .insert(publications)
    .values({
      kind: input.kind,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      version,
      title: input.title,
      content,
      notice: input.notice,
      contentHash,
      changeReason: input.changeReason ?? null,
      issuerOrgId: input.issuerOrgId,
      docNumber: input.docNumber ?? null,
      dataAsOf: input.dataAsOf,
      eventAt: input.eventAt,
      isDemo: input.isDemo ?? false,
      ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}),
    })
    .returning({ id: publications.id });
  await recordPublicationItems(tx, row!.id, input, content);
  await settleObligations(tx, { kind: input.kind, subjectType: input.subjectType, subjectId: input.subjectId, responsibleOrgId: input.issuerOrgId, eventAt: input.eventAt }, row!.id);
  await announcePublicChange(tx, await tagsOfPublications(tx, [row!.id]));
  // Followers hear of it through the outbox; whether the public may see it is checked when it is sent.
  await tx.insert(outbox).values({ topic: 'publication_published', dedupeKey: `publication:${row!.id}`, payload: { publicationId: row!.id }, ...(input.publishedAt ? { createdAt: input.publishedAt } : {}), availableAt: input.publishedAt ?? input.eventAt });
  return { id: row!.id, version, contentHash };
}
