import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { allocationBatches, fundProgrammes, organisations, projectCounties, projects, publications, workflowItems } from '@/db/schema';
import type { FindingSubjectType } from '@/lib/domain/vocabulary';

/** A reconciliation flag's stable key: its rule, the type of the entity it names and that entity's id, e.g. `duplicate_voucher:transfer:123`. */
export const FLAG_KEY = /^[a-z][a-z0-9_]{1,40}:[A-Za-z0-9_.:-]{1,120}$/;

export interface OrgChoice {
  id: number;
  code: string;
  name: string;
  nameEn: string;
}

export interface ResolvedSubject {
  subjectId: number | null;
  subjectKey: string | null;
  /** How people know it: codes, 文号 and names as recorded (official text). */
  label: string;
  /** The organisations that may be made to answer, the usual one first. */
  allowed: OrgChoice[];
}

const ORG = { id: organisations.id, code: organisations.code, name: organisations.name, nameEn: organisations.nameEn };

/** Organisations that can answer (contractors hold no accounts), in the order given, each once. */
async function answerable(db: Queryable, ids: (number | null | undefined)[]): Promise<OrgChoice[]> {
  const wanted = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (!wanted.length) return [];
  const rows = await db.select(ORG).from(organisations).where(and(sql`${organisations.id} in (select value::int from jsonb_array_elements_text(${JSON.stringify(wanted)}::jsonb))`, ne(organisations.kind, 'contractor')));
  return wanted.map((w) => rows.find((r) => r.id === w)).filter((r): r is OrgChoice => !!r);
}

/**
 * What a finding is about, from its type and reference (a row id, or a flag key), with the
 * organisations responsible for it: a transfer's sender then its recipient (a project holder
 * answers through its implementing unit), a project's implementing unit then its counties, a
 * programme's or batch's managing organisation, a publication's issuer, a workflow item's
 * organisation, an organisation itself. A flag names any organisation except contractors. Null when
 * the reference names nothing.
 */
export async function resolveFindingSubject(db: Queryable, type: FindingSubjectType, ref: string): Promise<ResolvedSubject | null> {
  const raw = ref.trim();
  if (type === 'flag') {
    if (!FLAG_KEY.test(raw)) return null;
    const all = await db.select(ORG).from(organisations).where(ne(organisations.kind, 'contractor')).orderBy(organisations.code);
    return { subjectId: null, subjectKey: raw, label: raw, allowed: all };
  }
  const idText = raw.replace(/^#/, '');
  if (!/^\d{1,10}$/.test(idText)) return null;
  const id = Number(idText);
  if (id > 2_147_483_647 || id < 1) return null;
  const found = (label: string, allowed: OrgChoice[]) => ({ subjectId: id, subjectKey: null, label, allowed });
  switch (type) {
    case 'transfer': {
      const [t] = rowsOf<{ doc_number: string | null; kind: string; amount_fen: string; transfer_date: string; from_org: number | null; to_org: number | null; from_name: string | null; to_name: string | null }>(
        await db.execute(sql`
          select t.doc_number, t.kind, t.amount_fen::text as amount_fen, t.transfer_date::text as transfer_date,
                 coalesce(fh.organisation_id, fp.implementing_org_id) as from_org, coalesce(th.organisation_id, tp.implementing_org_id) as to_org,
                 coalesce(fo.name, fp.name) as from_name, coalesce(tor.name, tp.name) as to_name
          from transfers t
          join holders th on th.id = t.to_holder_id left join holders fh on fh.id = t.from_holder_id
          left join projects fp on fp.id = fh.project_id left join projects tp on tp.id = th.project_id
          left join organisations fo on fo.id = fh.organisation_id left join organisations tor on tor.id = th.organisation_id
          where t.id = ${id} and t.kind <> 'appropriation'`),
      );
      if (!t) return null;
      const label = `#${id} · ${t.transfer_date} · ${t.doc_number ?? '—'} · ${t.from_name ?? '—'} → ${t.to_name ?? '—'}`;
      return found(label, await answerable(db, [t.from_org === null ? null : Number(t.from_org), t.to_org === null ? null : Number(t.to_org)]));
    }
    case 'project': {
      const [p] = await db.select({ code: projects.code, name: projects.name, org: projects.implementingOrgId }).from(projects).where(eq(projects.id, id));
      if (!p) return null;
      const counties = await db.select({ id: projectCounties.countyId }).from(projectCounties).where(eq(projectCounties.projectId, id));
      return found(`${p.code} · ${p.name}`, await answerable(db, [p.org, ...counties.map((c) => c.id)]));
    }
    case 'programme': {
      const [p] = await db.select({ code: fundProgrammes.code, name: fundProgrammes.name, org: fundProgrammes.managingOrgId }).from(fundProgrammes).where(eq(fundProgrammes.id, id));
      return p ? found(`${p.code} · ${p.name}`, await answerable(db, [p.org])) : null;
    }
    case 'batch': {
      const [b] = await db
        .select({ code: allocationBatches.code, title: allocationBatches.title, org: fundProgrammes.managingOrgId })
        .from(allocationBatches)
        .innerJoin(fundProgrammes, eq(fundProgrammes.id, allocationBatches.programmeId))
        .where(eq(allocationBatches.id, id));
      return b ? found(`${b.code} · ${b.title}`, await answerable(db, [b.org])) : null;
    }
    case 'publication': {
      const [p] = await db.select({ title: publications.title, version: publications.version, org: publications.issuerOrgId }).from(publications).where(eq(publications.id, id));
      return p ? found(`#${id} · ${p.title} · v${p.version}`, await answerable(db, [p.org])) : null;
    }
    case 'workflow_item': {
      const [w] = await db.select({ kind: workflowItems.kind, org: workflowItems.organisationId }).from(workflowItems).where(eq(workflowItems.id, id));
      return w ? found(`#${id} · ${w.kind}`, await answerable(db, [w.org])) : null;
    }
    case 'organisation': {
      const allowed = await answerable(db, [id]);
      return allowed.length ? found(`${allowed[0]!.code} · ${allowed[0]!.name}`, allowed) : null;
    }
  }
}
