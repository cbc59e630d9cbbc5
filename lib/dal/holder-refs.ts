import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '@/db/client';
import { organisations, projectCounties, projects } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { holderFor } from './ledger';

export type ParsedRef = { kind: 'org' | 'project' | 'payee'; id: number };

export function parseRef(ref: string): ParsedRef {
  const [kind, raw] = ref.split(':');
  const id = Number(raw);
  if (!['org', 'project', 'payee'].includes(kind ?? '') || !Number.isInteger(id) || id <= 0) throw new AppError('validation', 'form.holder', { ref: 'form.holder' });
  return { kind: kind as ParsedRef['kind'], id };
}

/** Organisation ids under the actor's government (its own subtree), the reach of what it may pay to. */
export async function orgsUnderGovernment(db: Queryable, orgId: number): Promise<number[]> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      with recursive down(id) as (
        select org_government(${orgId})
        union all
        select o.id from organisations o join down on o.parent_id = down.id
      )
      select id from down`),
  );
  return rows.map((r) => Number(r.id));
}

/** Whether the actor may spend from this holder: their own organisation, or a project they implement or whose county they are. */
export async function assertMaySpendFrom(db: Queryable, actor: Actor, ref: ParsedRef): Promise<void> {
  if (ref.kind === 'org') {
    if (ref.id !== actor.organisationId) throw new AppError('forbidden', 'ledger.notYourHolder');
    return;
  }
  if (ref.kind === 'project') {
    const [p] = await db.select({ implementingOrgId: projects.implementingOrgId }).from(projects).where(eq(projects.id, ref.id));
    if (!p) throw new AppError('validation', 'ledger.unknownHolder', { fromRef: 'ledger.unknownHolder' });
    if (p.implementingOrgId === actor.organisationId) return;
    const [county] = await db
      .select({ id: projectCounties.countyId })
      .from(projectCounties)
      .where(and(eq(projectCounties.projectId, ref.id), eq(projectCounties.countyId, actor.organisationId)));
    if (county) return;
  }
  throw new AppError('forbidden', 'ledger.notYourHolder');
}

/** Resolves a reference to a holder id, creating the holder row on first use; unknown targets are refused. */
export async function holderIdFor(tx: Tx, ref: ParsedRef, field: string, isDemo = false): Promise<number> {
  if (ref.kind === 'project') {
    const [p] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, ref.id));
    if (!p) throw new AppError('validation', 'ledger.unknownHolder', { [field]: 'ledger.unknownHolder' });
    return holderFor(tx, { kind: 'project', projectId: ref.id }, isDemo);
  }
  const [o] = await tx
    .select({ id: organisations.id, kind: organisations.kind })
    .from(organisations)
    .where(and(eq(organisations.id, ref.id), ref.kind === 'payee' ? inArray(organisations.kind, ['contractor', 'implementing_unit']) : undefined));
  if (!o) throw new AppError('validation', 'ledger.unknownHolder', { [field]: 'ledger.unknownHolder' });
  return holderFor(tx, { kind: ref.kind === 'payee' ? 'payee' : 'organisation', organisationId: ref.id }, isDemo);
}
