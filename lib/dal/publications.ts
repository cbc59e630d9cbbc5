import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { publications, type PublicationKind } from '@/db/schema';
import { canonicalJson, toJsonSafe } from '@/lib/audit/chain';

export interface SnapshotInput {
  kind: PublicationKind;
  subjectType: 'programme' | 'batch' | 'project' | 'evaluation' | 'year';
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
}

/**
 * Writes an immutable snapshot in the caller's transaction: the event that makes a disclosure
 * true publishes it. A later call for the same subject is a new version and must say why.
 */
export async function publishSnapshot(tx: Tx, input: SnapshotInput): Promise<{ id: number; version: number; contentHash: string }> {
  const content = toJsonSafe(input.content);
  const contentHash = createHash('sha256').update(canonicalJson({ content, notice: input.notice })).digest('hex');
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
    })
    .returning({ id: publications.id });
  return { id: row!.id, version, contentHash };
}
