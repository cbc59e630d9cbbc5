import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { demoVisible } from '../internal/settings';
import { hopOf, hopRow, type HopDto } from './flows';
import type { PublicPublicationDto } from './publications';
import { publicPublicationsView, viewRows } from './views';

/*
 * The bulk exports (/api/public/bulk/*) read the public read model one bounded batch at a time,
 * keyset-paged (`after` the last row of the previous batch), so an export of any size holds one
 * batch in memory and each query returns at most `limit` rows. No query counts or sums anything.
 */

/** Where a transfer-line batch resumes: after this line of this transfer document. */
export interface TransferCursor {
  documentId: number;
  transferId: number;
}

/**
 * One batch of published transfer lines: the rows of public_transfer_lines (the lines of the latest
 * public version of every transfer document's allocation result, demo lines only while demo data is
 * shown, as `flows` reads them), in document order, then transfer id.
 *
 * Not `SELECT … FROM public_transfer_lines WHERE transfer_id > $last`: that view expands every
 * document on every query (its CTE is materialised), so paging it costs the whole set per batch.
 * Here the keyset bound reaches the publications' index through public_publications, and only the
 * documents the batch needs are expanded. The columns are the view's, expression for expression;
 * tests/integration/bulk-export.test.ts checks that the two give the same rows.
 */
export async function transferLinesBatch(after: TransferCursor | null, limit: number, db?: Queryable): Promise<{ rows: HopDto[]; next: TransferCursor | null }> {
  const q = db ?? (await getDb());
  const showDemo = await demoVisible(q);
  const doc = after?.documentId ?? 0;
  const line = after?.transferId ?? 0;
  const rows = rowsOf<Record<string, unknown>>(
    await q.execute(sql`
      WITH latest AS (
        SELECT DISTINCT ON (p.subject_id) p.id, p.subject_id, p.content, p.is_demo
        FROM public_publications p
        WHERE p.subject_type = 'transfer_document' AND p.kind = 'allocation_result' AND p.subject_id >= ${doc}
        ORDER BY p.subject_id, p.version DESC
      )
      SELECT latest.subject_id AS document_id,
             (l->>'transferId')::integer AS transfer_id,
             l->>'kind' AS kind,
             (l->>'date')::date::text AS transfer_date,
             l->>'docNumber' AS doc_number,
             l->>'programmeCode' AS programme_code,
             l->>'programmeName' AS programme_name,
             l->>'programmeLevel' AS programme_level,
             l->'from'->>'code' AS from_code,
             l->'from'->>'kind' AS from_kind,
             l->'from'->>'name' AS from_name,
             l->'from'->>'nameEn' AS from_name_en,
             l->'to'->>'code' AS to_code,
             l->'to'->>'kind' AS to_kind,
             l->'to'->>'name' AS to_name,
             l->'to'->>'nameEn' AS to_name_en,
             l->>'projectCode' AS project_code,
             (l->>'amountFen')::bigint::text AS amount_fen,
             (l->>'reversesTransferId')::integer AS reverses_transfer_id,
             latest.id AS publication_id,
             latest.is_demo
      FROM latest CROSS JOIN LATERAL jsonb_array_elements(latest.content->'lines') AS l
      WHERE (${showDemo} OR NOT latest.is_demo)
        AND (latest.subject_id, (l->>'transferId')::integer) > (${doc}, ${line})
      ORDER BY latest.subject_id, (l->>'transferId')::integer
      LIMIT ${limit}`),
  );
  const parsed = z.array(hopRow.extend({ document_id: z.number().int() })).parse(rows);
  const last = parsed.at(-1);
  return { rows: parsed.map(hopOf), next: last ? { documentId: last.document_id, transferId: last.transfer_id } : null };
}

const publicationRow = publicPublicationsView
  .omit({ issuer_org_id: true, event_at: true })
  .extend({ issuer_code: z.string(), issuer_name: z.string(), issuer_name_en: z.string() });

/**
 * One batch of public publications, every public version of every publication (as
 * /api/public/publications?versions=all gives them, demo ones only while demo data is shown), by id.
 */
export async function publicationsBatch(afterId: number | null, limit: number, db?: Queryable): Promise<{ rows: PublicPublicationDto[]; next: number | null }> {
  const q = db ?? (await getDb());
  const showDemo = await demoVisible(q);
  const rows = viewRows(
    'public_publications',
    publicationRow,
    await q.execute(sql`
      select p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title, p.notice, p.content, p.content_hash, p.change_reason, p.doc_number,
             p.data_as_of::text, to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as published_at, p.is_demo, p.redacted,
             o.code as issuer_code, o.name as issuer_name, o.name_en as issuer_name_en
      from public_publications p join organisations o on o.id = p.issuer_org_id
      where p.id > ${afterId ?? 0} and ${showDemo ? sql`true` : sql`not p.is_demo`}
      order by p.id
      limit ${limit}`),
  );
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      subjectType: r.subject_type,
      subjectId: Number(r.subject_id),
      version: Number(r.version),
      title: r.title,
      notice: r.notice,
      changeReason: r.change_reason,
      docNumber: r.doc_number,
      dataAsOf: r.data_as_of,
      publishedAt: r.published_at,
      issuerCode: r.issuer_code,
      issuerName: r.issuer_name,
      issuerNameEn: r.issuer_name_en,
      contentHash: r.content_hash,
      redacted: r.redacted,
      isDemo: r.is_demo,
      content: r.content,
    })),
    next: rows.length ? Number(rows.at(-1)!.id) : null,
  };
}
