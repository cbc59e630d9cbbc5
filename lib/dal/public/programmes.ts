import 'server-only';
import { publicTag, shows } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { FUND_LEVELS, PUBLICATION_KINDS, type FundLevel, type PublicationKind } from '@/lib/domain/vocabulary';
import { demoVisible } from '../internal/settings';
import { flowsCte, STAGES, type Stage } from './flows';
import { organisationNamesEnByName } from './names';

export interface ProgrammeDisclosureDto {
  kind: PublicationKind;
  publicationId: number;
  subjectType: string;
  title: string;
  version: number;
  publishedAt: string;
  docNumber: string | null;
}

export interface PublicProgrammeDto {
  code: string;
  name: string;
  level: FundLevel;
  fiscalYear: number;
  managingOrg: string | null;
  managingOrgEn: string | null;
  /** Null where the read model withholds it (a withheld amount would follow from it). */
  totalFen: bigint | null;
  purpose: string;
  isDemo: boolean;
  /** The latest public version of each of its disclosures: catalogue, rules, guideline, each batch's formula and result, evaluations. */
  disclosures: ProgrammeDisclosureDto[];
  /** Each document (文号) that moved its money, as published. */
  documents: { publicationId: number; docNumber: string; senderName: string; senderNameEn: string; first: string; last: string; lines: number; movedFen: bigint }[];
  /** Money of this programme that arrived at each stage. */
  byStage: Record<Stage, bigint>;
  dataAsOf: string | null;
}

const catalogueRow = z.object({ subject_id: z.number().int(), content: z.record(z.string(), z.unknown()), is_demo: z.boolean() });
const disclosureRow = z.object({
  id: z.number().int(),
  kind: z.enum(PUBLICATION_KINDS),
  subject_type: z.string(),
  title: z.string(),
  version: z.number().int(),
  published_at: z.string(),
  doc_number: z.string().nullable(),
});
const documentRow = z.object({
  publication_id: z.number().int(),
  doc_number: z.string(),
  sender_name: z.string(),
  sender_name_en: z.string(),
  first: z.string(),
  last: z.string(),
  lines: z.coerce.number(),
  moved: z.string(),
});

/** One programme as the public sees it, by its code; null when it is not public (withheld, demo hidden, or unknown). */
export async function getPublicProgramme(code: string, db?: Queryable): Promise<PublicProgrammeDto | null> {
  const q = db ?? (await getDb());
  shows(publicTag.programme(code));
  const [catalogue] = z.array(catalogueRow).parse(
    rowsOf(
      await q.execute(sql`SELECT subject_id, content, is_demo FROM public_publications
        WHERE kind = 'fund_catalogue' AND subject_type = 'programme' AND content->>'code' = ${code}
        ORDER BY version DESC LIMIT 1`),
    ),
  );
  if (!catalogue || (catalogue.is_demo && !(await demoVisible(q)))) return null;
  const c = catalogue.content;
  const disclosures = z.array(disclosureRow).parse(
    rowsOf(
      await q.execute(sql`SELECT DISTINCT ON (p.kind, p.subject_type, p.subject_id) p.id, p.kind, p.subject_type, p.title, p.version, p.published_at::text, p.doc_number
        FROM public_publications p
        WHERE (p.subject_type = 'programme' AND p.subject_id = ${catalogue.subject_id})
           OR (p.subject_type = 'batch' AND p.content->'batch'->>'programmeCode' = ${code})
           OR (p.kind = 'evaluation_result' AND coalesce(p.content->'programmeCodes', '[]'::jsonb) @> jsonb_build_array(${code}::text))
        ORDER BY p.kind, p.subject_type, p.subject_id, p.version DESC`),
    ),
  );
  const flows = await flowsCte(q);
  const documents = z.array(documentRow).parse(
    rowsOf(
      await q.execute(sql`WITH ${flows}
        SELECT publication_id, doc_number, min(CASE WHEN kind = 'reversal' THEN to_name ELSE from_name END) AS sender_name,
               min(CASE WHEN kind = 'reversal' THEN to_name_en ELSE from_name_en END) AS sender_name_en,
               min(transfer_date) AS first, max(transfer_date) AS last, count(*) AS lines, sum(net_fen)::text AS moved
        FROM flows WHERE programme_code = ${code} GROUP BY publication_id, doc_number ORDER BY min(transfer_date), doc_number`),
    ),
  );
  const stages = rowsOf<{ stage: string; fen: string; as_of: string }>(
    await q.execute(sql`WITH ${flows} SELECT stage, sum(net_fen)::text AS fen, max(transfer_date) AS as_of FROM flows WHERE programme_code = ${code} GROUP BY stage`),
  );
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0n])) as Record<Stage, bigint>;
  for (const s of stages) if ((STAGES as readonly string[]).includes(s.stage)) byStage[s.stage as Stage] = BigInt(s.fen);
  const managingOrg = typeof c.managingOrg === 'string' ? c.managingOrg : null;
  const namesEn = managingOrg ? await organisationNamesEnByName([managingOrg], q) : new Map<string, string>();
  const level = z.enum(FUND_LEVELS).catch('municipal').parse(c.level);
  return {
    code,
    name: String(c.name),
    level,
    fiscalYear: Number(c.fiscalYear),
    managingOrg,
    managingOrgEn: managingOrg ? (namesEn.get(managingOrg) ?? null) : null,
    totalFen: c.totalFen === null || c.totalFen === undefined ? null : BigInt(String(c.totalFen)),
    purpose: String(c.purpose ?? ''),
    isDemo: catalogue.is_demo,
    disclosures: disclosures.map((d) => ({ kind: d.kind, publicationId: d.id, subjectType: d.subject_type, title: d.title, version: d.version, publishedAt: d.published_at, docNumber: d.doc_number })),
    documents: documents.map((d) => ({ publicationId: d.publication_id, docNumber: d.doc_number, senderName: d.sender_name, senderNameEn: d.sender_name_en, first: d.first, last: d.last, lines: d.lines, movedFen: BigInt(d.moved) })),
    byStage,
    dataAsOf: stages.reduce<string | null>((d, s) => (d === null || s.as_of > d ? s.as_of : d), null),
  };
}
