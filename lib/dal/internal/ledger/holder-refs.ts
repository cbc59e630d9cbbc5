import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Queryable, type Tx } from '@/db/client';
import { organisations, projects } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Actor } from '../../auth/actor';
import { holderFor } from './transfers';

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

/** Who may spend from a project, as a condition on its id: its implementing unit, or a county it lies in. */
export function projectSpendableBy(actor: Pick<Actor, 'organisationId'>, projectId: SQL | number): SQL {
  return sql`exists (select 1 from projects p where p.id = ${projectId} and (p.implementing_org_id = ${actor.organisationId}
    or exists (select 1 from project_counties pc where pc.project_id = p.id and pc.county_id = ${actor.organisationId})))`;
}

/** Whether the actor may spend from this holder: their own organisation, or a project they implement or whose county they are. */
export async function assertMaySpendFrom(db: Queryable, actor: Actor, ref: ParsedRef): Promise<void> {
  if (ref.kind === 'org') {
    if (ref.id !== actor.organisationId) throw new AppError('forbidden', 'ledger.notYourHolder');
    return;
  }
  if (ref.kind === 'project') {
    const [p] = rowsOf<{ found: boolean; allowed: boolean }>(
      await db.execute(sql`select exists (select 1 from projects where id = ${ref.id}) as found, ${projectSpendableBy(actor, ref.id)} as allowed`),
    );
    if (!p?.found) throw new AppError('validation', 'ledger.unknownHolder', { fromRef: 'ledger.unknownHolder' });
    if (p.allowed) return;
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
