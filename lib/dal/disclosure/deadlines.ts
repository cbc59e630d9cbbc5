import 'server-only';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { disclosureObligations, organisations } from '@/db/schema';
import { type PublicationKind } from '@/lib/domain/vocabulary';
import { assertCan, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';

export interface OverdueDto {
  id: number;
  kind: PublicationKind;
  subjectType: string;
  subjectId: number;
  /** What is owed, by its working name: the programme, batch or project, or the document's 文号. */
  subjectName: string | null;
  responsibleOrg: string;
  responsibleOrgEn: string;
  eventAt: Date;
  dueAt: Date;
  daysOverdue: number;
}

/** 逾期未公开: publications the caller's organisation owes past their deadline (all organisations for auditors). */
export async function listOverdueObligations(ctx: Ctx): Promise<OverdueDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'programme.read');
  const rows = await db
    .select({
      id: disclosureObligations.id,
      kind: disclosureObligations.kind,
      subjectType: disclosureObligations.subjectType,
      subjectId: disclosureObligations.subjectId,
      subjectName: sql<string | null>`case ${disclosureObligations.subjectType}
        when 'programme' then (select p.name from fund_programmes p where p.id = ${disclosureObligations.subjectId})
        when 'batch' then (select b.title from allocation_batches b where b.id = ${disclosureObligations.subjectId})
        when 'project' then (select p.name from projects p where p.id = ${disclosureObligations.subjectId})
        when 'transfer_document' then (select d.doc_number from transfer_documents d where d.id = ${disclosureObligations.subjectId}) end`,
      responsibleOrg: organisations.name,
      responsibleOrgEn: organisations.nameEn,
      eventAt: disclosureObligations.eventAt,
      dueAt: disclosureObligations.dueAt,
      daysOverdue: sql<number>`floor(extract(epoch from now() - ${disclosureObligations.dueAt}) / 86400)::int`,
    })
    .from(disclosureObligations)
    .innerJoin(organisations, eq(organisations.id, disclosureObligations.responsibleOrgId))
    .where(and(isNull(disclosureObligations.publicationId), lt(disclosureObligations.dueAt, sql`now()`), scopeWhere(ctx, disclosureObligations.responsibleOrgId)))
    .orderBy(asc(disclosureObligations.dueAt));
  return rows.map((r) => ({ ...r, daysOverdue: Number(r.daysOverdue) }));
}
