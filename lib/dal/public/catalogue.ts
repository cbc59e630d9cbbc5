import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { demoVisible } from '../internal/settings';
import { publicPublicationsView, viewRows } from './views';

export interface CatalogueEntryDto {
  programmeId: number;
  code: string;
  name: string;
  level: string;
  fiscalYear: number;
  managingOrg: string | null;
  managingOrgEn: string | null;
  /** Null when a withheld amount of one of its batches would follow from it (migration 0012). */
  totalFen: bigint | null;
  purpose: string;
  docNumber: string | null;
  publishedAt: string;
  version: number;
  isDemo: boolean;
  documents: { kind: string; documentId: number; filename: string; sha256: string; byteSize: number }[];
}

const catalogueRow = publicPublicationsView
  .pick({ kind: true, subject_id: true, version: true, content: true, doc_number: true, published_at: true, is_demo: true })
  .extend({ issuer_name: z.string(), issuer_name_en: z.string() });

/**
 * 专项资金目录 of a year, from published snapshots only (public_publications): the latest version
 * of each programme's catalogue entry with its published rules and guideline.
 */
export async function getCatalogue(year: number | undefined, db?: Queryable): Promise<{ years: number[]; entries: CatalogueEntryDto[] }> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  // The catalogue entry is issued by the managing organisation: its names come with the issuer.
  const latest = viewRows(
    'public_publications',
    catalogueRow,
    await q.execute(sql`
      select distinct on (p.kind, p.subject_id) p.kind, p.subject_id, p.version, p.content, p.doc_number, p.published_at::text, p.is_demo,
             o.name as issuer_name, o.name_en as issuer_name_en
      from public_publications p join organisations o on o.id = p.issuer_org_id
      where p.subject_type = 'programme' and p.kind in ('fund_catalogue', 'management_rules', 'application_guideline')
      order by p.kind, p.subject_id, p.version desc`),
  ).filter((r) => showDemo || !r.is_demo);
  const catalogue = latest.filter((r) => r.kind === 'fund_catalogue');
  const years = [...new Set(catalogue.map((r) => Number(r.content.fiscalYear)))].sort((a, b) => b - a);
  const chosen = year ?? years[0];
  const entries = catalogue
    .filter((r) => Number(r.content.fiscalYear) === chosen)
    .map((r) => ({
      programmeId: Number(r.subject_id),
      code: String(r.content.code),
      name: String(r.content.name),
      level: String(r.content.level),
      fiscalYear: Number(r.content.fiscalYear),
      managingOrg: (r.content.managingOrg as string | undefined) ?? r.issuer_name,
      managingOrgEn: r.issuer_name_en,
      totalFen: r.content.totalFen === null || r.content.totalFen === undefined ? null : BigInt(String(r.content.totalFen)),
      purpose: String(r.content.purpose ?? ''),
      docNumber: r.doc_number,
      publishedAt: r.published_at.slice(0, 10),
      version: Number(r.version),
      isDemo: r.is_demo,
      documents: latest
        .filter((d) => d.kind !== 'fund_catalogue' && Number(d.subject_id) === Number(r.subject_id))
        .map((d) => ({ kind: d.kind, documentId: Number(d.content.documentId), filename: String(d.content.filename), sha256: String(d.content.sha256), byteSize: Number(d.content.byteSize) })),
    }))
    .sort((a, b) => ['central', 'provincial', 'municipal', 'county'].indexOf(a.level) - ['central', 'provincial', 'municipal', 'county'].indexOf(b.level) || a.code.localeCompare(b.code));
  return { years, entries };
}

/** A document only when a public publication names it; otherwise it does not exist for the public. */
export async function getPublishedDocument(documentId: number, db?: Queryable) {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const [row] = rowsOf<{ filename: string; mime_type: string; sha256: string; content: Uint8Array }>(
    await q.execute(sql`
      select d.filename, d.mime_type, d.sha256, d.content from documents d
      where d.id = ${documentId}
        and exists (select 1 from public_publications p
                    where p.kind in ('management_rules', 'application_guideline')
                      and (p.content->>'documentId')::int = d.id)`),
  );
  return row ?? null;
}

/** Every year's catalogue entries, newest year first: the public list of programmes. */
export async function listCatalogueEntries(db?: Queryable): Promise<CatalogueEntryDto[]> {
  const q = db ?? (await getDb());
  const { years } = await getCatalogue(undefined, q);
  const perYear = await Promise.all(years.map((y) => getCatalogue(y, q)));
  return perYear.flatMap((c) => c.entries);
}
