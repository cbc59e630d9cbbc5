import 'server-only';
import { asc, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { documents } from '@/db/schema';
import type { Evidence, EvidencePublication } from '@/lib/audit/evidence/bundle';
import type { Ctx } from '../auth/session';
import { auditChainHead } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { traceFunds, type TraceDto, type TraceSubject } from './trace';

const idList = (ids: number[]) => sql.raw(`(${ids.length ? ids.map(Number).join(',') : 'NULL'})`);

/** Publications that disclosed a traced movement, and the programmes' own (catalogue entries, rules, guidelines). */
async function publicationsOf(ctx: Ctx, transferIds: number[], programmeIds: number[]): Promise<EvidencePublication[]> {
  const rows = rowsOf<{ id: number; kind: string; subject_type: string; subject_id: number; version: number; title: string; doc_number: string | null; notice: string; content: unknown; content_hash: string; published_at: Date | string; withheld: boolean }>(
    await ctx.db.execute(sql`
      select p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title, p.doc_number, p.notice, p.content, p.content_hash, p.published_at,
             exists (select 1 from withheld_publication_items w where w.publication_id = p.id) as withheld
      from publications p
      where p.id in (select publication_id from publication_items where transfer_id in ${idList(transferIds)})
         or (p.subject_type = 'programme' and p.subject_id in ${idList(programmeIds)})
      order by p.id`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    subjectType: r.subject_type,
    subjectId: Number(r.subject_id),
    version: Number(r.version),
    title: r.title,
    docNumber: r.doc_number,
    notice: r.notice,
    content: typeof r.content === 'string' ? JSON.parse(r.content) : r.content,
    contentHash: r.content_hash,
    publishedAt: new Date(r.published_at).toISOString(),
    withheld: Boolean(r.withheld),
  }));
}

async function documentsOf(ctx: Ctx, publicationIds: number[], programmeIds: number[]): Promise<Evidence['documents']> {
  const ids = rowsOf<{ id: number }>(
    await ctx.db.execute(sql`
      select document_id as id from publication_items where document_id is not null and publication_id in ${idList(publicationIds)}
      union select document_id from programme_documents where programme_id in ${idList(programmeIds)}`),
  ).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const rows = await ctx.db.select().from(documents).where(inArray(documents.id, ids)).orderBy(asc(documents.id));
  return rows.map((d) => ({ id: d.id, filename: d.filename, mimeType: d.mimeType, byteSize: d.byteSize, sha256: d.sha256, content: d.content }));
}

/**
 * The entries that recorded the traced movements and their publications: those about them, and
 * those that name them among what they wrote (a programme's appropriation, a workflow step that
 * issued a batch, an import), found by the transferIds / publicationIds their `after` lists.
 */
async function auditEntriesOf(ctx: Ctx, transferIds: number[], publicationIds: number[], programmeIds: number[]): Promise<Evidence['auditEntries']> {
  const ints = (ids: number[]) => sql.raw(`array[${ids.map(Number).join(',')}]::int[]`);
  const texts = (ids: number[]) => sql.raw(`array[${ids.map((i) => `'${Number(i)}'`).join(',')}]::text[]`);
  const rows = rowsOf<{ id: number; seq: number; hash_version: number; at: Date | string; actor_id: number | null; actor_role: string | null; action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; prev_hash: string; hash: string }>(
    await ctx.db.execute(sql`
      select a.id, a.seq, a.hash_version, a.at, a.actor_id, a.actor_role, a.action, a.entity_type, a.entity_id, a.before, a.after, a.prev_hash, a.hash
      from audit_log a
      where (a.entity_type = 'transfer' and a.entity_id = any(${texts(transferIds)}))
         or (a.entity_type = 'publication' and a.entity_id = any(${texts(publicationIds)}))
         or (a.entity_type = 'programme' and a.entity_id = any(${texts(programmeIds)}))
         or exists (select 1 from jsonb_path_query(coalesce(a.after, 'null'::jsonb), 'lax $.**.transferIds[*]') v where v = any(select to_jsonb(x) from unnest(${ints(transferIds)}) x))
         or exists (select 1 from jsonb_path_query(coalesce(a.after, 'null'::jsonb), 'lax $.**.publicationIds[*]') v where v = any(select to_jsonb(x) from unnest(${ints(publicationIds)}) x))
      order by a.seq`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    seq: Number(r.seq),
    hashVersion: Number(r.hash_version),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    // Both drivers parse jsonb: a string here is a JSON string value, not text to parse.
    before: r.before,
    after: r.after,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Everything an evidence bundle of a trace holds; the caller has traced (and so is an auditor). */
export async function traceEvidence(ctx: Ctx, subject: TraceSubject): Promise<{ dto: TraceDto; evidence: Evidence }> {
  const dto = await traceFunds(ctx, subject, 'evidence_bundle');
  const { trace, labels, programmes } = dto;
  const transferIds = trace.transfers.map((t) => t.id);
  const publications = await publicationsOf(ctx, transferIds, trace.programmeIds);
  const publicationIds = publications.map((p) => p.id);
  const name = (holderId: number) => labels[holderId]?.name ?? String(holderId);
  const evidence: Evidence = {
    subject: { type: subject.type, id: subject.id, title: dto.title },
    generatedAt: nowOf(ctx),
    generatedBy: { id: ctx.actor.id, role: ctx.actor.role },
    asOf: dto.asOf,
    idleDays: dto.idleDays,
    auditHead: await auditChainHead(ctx.db).then((h) => ({ lastSeq: h.lastSeq, lastHash: h.lastHash })),
    transfers: trace.transfers.map((t) => ({ ...t, programmeCode: programmes[t.programmeId]!.code, fromName: t.from === null ? null : name(t.from), toName: name(t.to) })),
    positions: trace.positions.map((p) => ({ ...p, programmeCode: programmes[p.programmeId]!.code, holderName: name(p.holderId) })),
    publications,
    documents: await documentsOf(ctx, publicationIds, trace.programmeIds),
    auditEntries: await auditEntriesOf(ctx, transferIds, publicationIds, trace.programmeIds),
  };
  return { dto, evidence };
}
