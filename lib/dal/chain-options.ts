import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { holders, organisations, projects } from '@/db/schema';
import { assertCan } from './scope';
import type { Ctx } from './session';
import { listProgrammes } from './programmes';

/** What the chain page can be opened on: programmes the caller may see, projects and payees with money. */
export async function chainChoices(ctx: Ctx) {
  assertCan(ctx.actor, 'transfer.read');
  const { rows } = await listProgrammes(ctx, { page: 1, pageSize: 100, sort: 'fiscalYear', dir: 'desc' });
  const withMoney = ctx.db.select({ id: holders.projectId }).from(holders).where(eq(holders.kind, 'project'));
  const payeeIds = ctx.db.select({ id: holders.organisationId }).from(holders).where(eq(holders.kind, 'payee'));
  const [projectRows, payeeRows] = await Promise.all([
    ctx.db.select({ id: projects.id, code: projects.code, name: projects.name }).from(projects).where(inArray(projects.id, withMoney)).orderBy(asc(projects.code)),
    ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, payeeIds)).orderBy(asc(organisations.name)),
  ]);
  return {
    programmes: rows.map((r) => ({ value: String(r.id), label: `${r.code} ${r.name}` })),
    projects: projectRows.map((p) => ({ value: String(p.id), label: `${p.code} ${p.name}` })),
    payees: payeeRows.map((p) => ({ value: String(p.id), label: p.name })),
  };
}

