import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import type { PublishedAllocation } from '../internal/formulas/batch-effects';
import { demoVisible } from '../internal/settings';
import { organisationNamesEn } from './names';
import { publicPublicationsView, viewRows } from './views';

/**
 * A published allocation as the public read model returns it. Where a withheld amount is not shown
 * (see migration 0012), the per-basis line's amount and the batch total are null: the remaining
 * lines are then not the whole batch, and no reader may present their sum as its total.
 */
export type PublicAllocation = Omit<PublishedAllocation, 'batch' | 'withheld'> & {
  batch: Omit<PublishedAllocation['batch'], 'totalFen'> & { totalFen: string | null };
  withheld?: { basisCode: string; basis: string; basisEn: string; items: number; amountFen: string | null }[];
};

export interface AllocationSummaryDto {
  batchId: number;
  title: string;
  programmeName: string;
  fiscalYear: number;
  /** Null when part of it is withheld and may not be shown. */
  totalFen: bigint | null;
  issuerName: string;
  issuerNameEn: string | null;
  docNumber: string | null;
  publishedAt: string;
  version: number;
}

const allocationRow = publicPublicationsView
  .pick({ subject_id: true, version: true, published_at: true, is_demo: true, content_hash: true })
  .extend({ content: z.custom<PublicAllocation>((v) => typeof v === 'object' && v !== null && 'batch' in v && 'recipients' in v) });

/** Published allocation results, newest first, from published snapshots only. */
export async function listPublishedAllocations(db?: Queryable): Promise<AllocationSummaryDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const rows = viewRows(
    'public_publications',
    allocationRow,
    await q.execute(sql`
      select distinct on (subject_id) subject_id, version, content, published_at::text, is_demo, content_hash
      from public_publications where kind = 'allocation_result' and subject_type = 'batch'
      order by subject_id, version desc`),
  ).filter((r) => showDemo || !r.is_demo);
  const en = await organisationNamesEn([...new Set(rows.map((r) => r.content.batch.issuerCode))], q);
  return rows
    .map((r) => ({
      batchId: Number(r.subject_id),
      title: r.content.batch.title,
      programmeName: r.content.batch.programmeName,
      fiscalYear: r.content.batch.fiscalYear,
      totalFen: r.content.batch.totalFen === null ? null : BigInt(r.content.batch.totalFen),
      issuerName: r.content.batch.issuerName,
      issuerNameEn: en.get(r.content.batch.issuerCode) ?? null,
      docNumber: r.content.batch.docNumber,
      publishedAt: r.published_at,
      version: Number(r.version),
    }))
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
}

export interface PublishedAllocationDto {
  content: PublicAllocation;
  version: number;
  publishedAt: string;
  contentHash: string;
  /** English names of the issuer and of the recipients that are organisations, by code. */
  namesEn: Record<string, string>;
}

/** The latest published allocation result of a batch, or null when none is published. */
export async function getPublishedAllocation(batchId: number, db?: Queryable): Promise<PublishedAllocationDto | null> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const [row] = viewRows(
    'public_publications',
    allocationRow,
    await q.execute(sql`
      select subject_id, version, content, published_at::text, is_demo, content_hash
      from public_publications where kind = 'allocation_result' and subject_type = 'batch' and subject_id = ${batchId}
      order by version desc limit 1`),
  );
  if (!row || (row.is_demo && !showDemo)) return null;
  const codes = [row.content.batch.issuerCode, ...row.content.recipients.map((r) => r.code)];
  const namesEn = Object.fromEntries(await organisationNamesEn(codes, q));
  return { content: row.content, version: Number(row.version), publishedAt: row.published_at, contentHash: row.content_hash, namesEn };
}
