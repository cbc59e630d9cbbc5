import 'server-only';
import { publicTag, shows } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { scoreCompleteness, type Completeness } from '@/lib/domain/completeness';
import { transferDocumentSchema, type FundedApplication } from '@/lib/domain/transfer-document';
import { PUBLICATION_KINDS, type PublicationKind } from '@/lib/domain/vocabulary';
import { demoVisible } from '../internal/settings';
import { publicationFilterSql } from './publication-filter';
import { publicDisclosureObligationsView, publicPublicationsView, viewRows } from './views';

/*
 * What a project's page says of its disclosure: every public version of every publication that
 * names it (the publication list's own project filter, on public content only), and how complete
 * its disclosure obligations are. Both read the public read model only.
 */

export interface ProjectPublicationDto {
  id: number;
  kind: PublicationKind;
  title: string;
  version: number;
  docNumber: string | null;
  /** The day it was published, in China (YYYY-MM-DD). */
  publishedOn: string;
  isDemo: boolean;
}

/** One publication (a kind about one subject) with its public versions, newest first. */
export interface ProjectPublicationSeriesDto {
  kind: PublicationKind;
  versions: ProjectPublicationDto[];
}

const publicationRow = publicPublicationsView
  .pick({ id: true, kind: true, subject_type: true, subject_id: true, title: true, version: true, doc_number: true, is_demo: true })
  .extend({ published_on: z.string() });

/** Every public version of every publication naming the project, grouped by publication, the most recently published first. */
export async function listProjectPublications(code: string, db?: Queryable): Promise<ProjectPublicationSeriesDto[]> {
  const q = db ?? (await getDb());
  shows(publicTag.project(code));
  const visible = (await demoVisible(q)) ? sql`true` : sql`not p.is_demo`;
  const rows = viewRows(
    'public_publications',
    publicationRow,
    await q.execute(sql`
      select p.id, p.kind, p.subject_type, p.subject_id, p.title, p.version, p.doc_number, p.is_demo,
             ((p.published_at at time zone 'UTC') + interval '8 hours')::date::text as published_on
      from public_publications p
      where ${sql.join([visible, ...publicationFilterSql({ project: code })], sql` and `)}
      order by p.published_at desc, p.id desc`),
  );
  const series = new Map<string, ProjectPublicationSeriesDto>();
  for (const r of rows) {
    const key = `${r.kind}\u0000${r.subject_type}\u0000${r.subject_id}`;
    const s = series.get(key) ?? { kind: r.kind, versions: [] };
    s.versions.push({ id: r.id, kind: r.kind, title: r.title, version: r.version, docNumber: r.doc_number, publishedOn: r.published_on, isDemo: r.is_demo });
    series.set(key, s);
  }
  return [...series.values()];
}

const obligationRow = publicDisclosureObligationsView.pick({ kind: true, status: true });

/** The project's disclosure completeness, as /disclosure/completeness scores it: on time (or lawfully withheld) over due. */
export async function getProjectCompleteness(code: string, db?: Queryable): Promise<Completeness> {
  const q = db ?? (await getDb());
  shows(publicTag.project(code));
  const visible = (await demoVisible(q)) ? sql`true` : sql`not pp.is_demo`;
  const rows = viewRows(
    'public_disclosure_obligations',
    obligationRow,
    await q.execute(sql`
      select o.kind, o.status from public_disclosure_obligations o
      join public_projects pp on pp.id = o.project_id
      where pp.code = ${code} and ${visible}`),
  );
  return scoreCompleteness(rows.filter((r) => (PUBLICATION_KINDS as readonly string[]).includes(r.kind)));
}

/** The performance targets issued with the money (绩效目标与资金同步下达): one application's targets, as the document that funded it published them. */
export interface ProjectTargetsDto {
  applicationCode: string;
  docNumber: string;
  /** The day the money moved (YYYY-MM-DD). */
  date: string;
  publicationId: number;
  isDemo: boolean;
  targets: FundedApplication['targets'];
}

const fundingRow = publicPublicationsView.pick({ id: true, doc_number: true, is_demo: true }).extend({ content: transferDocumentSchema });

/** The targets of each funded application of the project, from the public lines that paid it (a withheld line takes its targets with it). */
export async function listProjectTargets(code: string, db?: Queryable): Promise<ProjectTargetsDto[]> {
  const q = db ?? (await getDb());
  shows(publicTag.project(code));
  const visible = (await demoVisible(q)) ? sql`true` : sql`not p.is_demo`;
  const paid = JSON.stringify([{ projectCode: code, to: { kind: 'project' } }]);
  const rows = viewRows(
    'public_publications',
    fundingRow,
    await q.execute(sql`
      select distinct on (p.subject_id) p.id, p.doc_number, p.is_demo, p.content
      from public_publications p
      where ${visible} and p.kind = 'allocation_result' and p.subject_type = 'transfer_document' and p.content->'lines' @> ${paid}::jsonb
      order by p.subject_id, p.version desc`),
  );
  const byApplication = new Map<string, ProjectTargetsDto>();
  for (const r of rows) {
    for (const line of r.content.lines) {
      if (line.projectCode !== code || line.to.kind !== 'project' || !line.fundedApplication) continue;
      const { code: applicationCode, targets } = line.fundedApplication;
      if (!byApplication.has(applicationCode)) byApplication.set(applicationCode, { applicationCode, docNumber: line.docNumber, date: line.date, publicationId: r.id, isDemo: r.is_demo, targets });
    }
  }
  return [...byApplication.values()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.applicationCode.localeCompare(b.applicationCode)));
}
