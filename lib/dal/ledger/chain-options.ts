import 'server-only';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { holders, organisations, projectCounties, projects, transfers } from '@/db/schema';
import { chainReach } from './chain-scope';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import type { NamedOption } from './named';
import { listProgrammes } from './programmes';

/**
 * What the chain page can be opened on: programmes the caller may see, and — for scoped roles — the
 * projects in their reach (located under their government, or implemented by their organisation
 * and below; see `chainReach`) and the payees those projects paid.
 */
export async function chainChoices(ctx: Ctx): Promise<{ programmes: NamedOption[]; projects: NamedOption[]; payees: NamedOption[] }> {
  assertCan(ctx.actor, 'transfer.read');
  const { rows } = await listProgrammes(ctx, { page: 1, pageSize: 100, sort: 'fiscalYear', dir: 'desc' });
  const reach = (await chainReach(ctx))?.orgIds ?? null;
  const projectRows = await ctx.db
    .selectDistinct({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .innerJoin(holders, and(eq(holders.kind, 'project'), eq(holders.projectId, projects.id)))
    .leftJoin(projectCounties, eq(projectCounties.projectId, projects.id))
    .where(reach === null ? undefined : or(inArray(projectCounties.countyId, reach.length ? reach : [0]), inArray(projects.implementingOrgId, reach.length ? reach : [0])))
    .orderBy(asc(projects.code));
  const projectHolders = ctx.db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'project'), inArray(holders.projectId, projectRows.length ? projectRows.map((p) => p.id) : [0])));
  const paid = ctx.db.select({ id: transfers.toHolderId }).from(transfers).where(and(eq(transfers.kind, 'disbursement'), inArray(transfers.fromHolderId, projectHolders)));
  const payeeRows = await ctx.db
    .selectDistinct({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .innerJoin(holders, and(eq(holders.kind, 'payee'), eq(holders.organisationId, organisations.id)))
    .where(inArray(holders.id, paid))
    .orderBy(asc(organisations.name));
  return {
    programmes: rows.map((r) => ({ value: String(r.id), code: r.code, name: r.name, nameEn: r.nameEn })),
    projects: projectRows.map((p) => ({ value: String(p.id), code: p.code, name: p.name, nameEn: null })),
    payees: payeeRows.map((p) => ({ value: String(p.id), name: p.name, nameEn: p.nameEn })),
  };
}
