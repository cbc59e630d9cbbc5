import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { FINDING_EVENTS, FINDING_SEVERITIES, FINDING_SUBJECT_TYPES } from '@/lib/domain/vocabulary';
import { demoVisible } from '../internal/settings';
import { publicPublicationsView, viewRows } from './views';

const org = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

/** What closing a finding publishes (lib/dal/audit/findings.ts). */
const findingContent = z.object({
  finding: z.object({ id: z.number().int(), title: z.string(), body: z.string(), severity: z.enum(FINDING_SEVERITIES), requiredAction: z.string(), dueDate: z.string(), recordedOn: z.string() }),
  subject: z.object({ type: z.enum(FINDING_SUBJECT_TYPES), label: z.string() }),
  responsibleOrg: org,
  auditOrg: org,
  answers: z.array(z.object({ answeredOn: z.string(), organisation: org, body: z.string(), evidence: z.array(z.object({ filename: z.string(), sha256: z.string(), byteSize: z.number().int() })) })),
  closedOn: z.string(),
  closedReason: z.string(),
  history: z.array(z.object({ event: z.enum(FINDING_EVENTS), on: z.string(), reason: z.string().nullable() })),
});

const findingRow = publicPublicationsView.pick({ id: true, subject_id: true, version: true, published_at: true, content_hash: true, is_demo: true }).extend({ content: findingContent });

export interface PublicFindingDto {
  /** The finding's number (the publication's subject). */
  id: number;
  publicationId: number;
  version: number;
  publishedAt: string;
  contentHash: string;
  isDemo: boolean;
  content: z.infer<typeof findingContent>;
}

const toDto = (r: z.infer<typeof findingRow>): PublicFindingDto => ({
  id: r.subject_id,
  publicationId: r.id,
  version: r.version,
  publishedAt: r.published_at,
  contentHash: r.content_hash,
  isDemo: r.is_demo,
  content: r.content,
});

/**
 * The closed findings as published: the latest public version of each, newest first. Read from
 * public_publications only, so a withheld finding (or one whose subject is withheld) is never a row.
 */
export async function listPublicFindings(db?: Queryable): Promise<PublicFindingDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const rows = await q.execute(sql`
    select * from (
      select distinct on (subject_id) id, subject_id, version, published_at::text, content_hash, is_demo, content
      from public_publications where kind = 'audit_finding' and subject_type = 'finding'
      order by subject_id, version desc) latest
    order by published_at desc, id desc`);
  return viewRows('public_publications', findingRow, rows)
    .filter((r) => showDemo || !r.is_demo)
    .map(toDto);
}

/** One published finding (its latest public version), or null when none is public. */
export async function getPublicFinding(findingId: number, db?: Queryable): Promise<PublicFindingDto | null> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const rows = await q.execute(sql`
    select id, subject_id, version, published_at::text, content_hash, is_demo, content
    from public_publications where kind = 'audit_finding' and subject_type = 'finding' and subject_id = ${findingId}
    order by version desc limit 1`);
  const [row] = viewRows('public_publications', findingRow, rows).filter((r) => showDemo || !r.is_demo);
  return row ? toDto(row) : null;
}
