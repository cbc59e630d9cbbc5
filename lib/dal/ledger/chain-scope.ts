import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { organisations } from '@/db/schema';
import type { Ctx } from '../auth/session';
import { orgScope } from '../auth/scope';

/** Where a viewer may look in the chain of funds: organisations and the holders that belong to them. */
export interface ChainReach {
  orgIds: number[];
  holderIds: Set<number>;
}

/** Organisations that do not act for a government: they see their own subtree only. */
const SELF_ONLY_KINDS = new Set(['implementing_unit', 'contractor']);

/**
 * The viewer's own organisation and below: a government's departments act for that government
 * (a county officer sees the county and everything under it, the city finance bureau the whole
 * city); an implementing unit sees itself and below. Null for roles that read everything.
 * A holder is in reach when it is such an organisation (as holder or payee), or a project located
 * in, or implemented by, one of them.
 */
export async function chainReach(ctx: Ctx): Promise<ChainReach | null> {
  const scope = orgScope(ctx.actor);
  if (scope === null) return null;
  const [org] = await ctx.db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, scope));
  const top = org && SELF_ONLY_KINDS.has(org.kind) ? sql`select ${scope}::integer` : sql`select org_government(${scope})`;
  const orgRows = rowsOf<{ id: number }>(
    await ctx.db.execute(sql`
      with recursive down(id) as (
        ${top}
        union all
        select o.id from organisations o join down on o.parent_id = down.id
      )
      select id from down where id is not null`),
  );
  const orgIds = orgRows.map((r) => Number(r.id));
  if (orgIds.length === 0) return { orgIds, holderIds: new Set() };
  const list = sql.raw(`(${orgIds.join(',')})`);
  const holderRows = rowsOf<{ id: number }>(
    await ctx.db.execute(sql`
      select h.id from holders h
      left join projects p on p.id = h.project_id
      where (h.kind in ('organisation', 'payee') and h.organisation_id in ${list})
         or (h.kind = 'project' and (p.implementing_org_id in ${list}
             or exists (select 1 from project_counties pc where pc.project_id = h.project_id and pc.county_id in ${list})))`),
  );
  return { orgIds, holderIds: new Set(holderRows.map((r) => Number(r.id))) };
}
