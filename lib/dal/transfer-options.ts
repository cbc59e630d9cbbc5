import 'server-only';
import { and, asc, eq, gt, inArray, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { balances, fundProgrammes, holders, organisations, projectCounties, projects, transfers } from '@/db/schema';
import { orgsUnderGovernment } from './internal/holder-refs';
import { assertCan } from './scope';
import type { Ctx } from './session';
import { demoVisible } from './internal/settings';

export interface Option {
  value: string;
  label: string;
}
export interface FundOption {
  sourceRef: string;
  programmeId: number;
  label: string;
  balanceFen: string;
}

/** What the actor may pay from (their organisation, their projects), what with, and to whom. */
export async function transferFormOptions({ db, actor }: Ctx) {
  assertCan(actor, 'transfer.record');
  const showDemo = await demoVisible(db);
  const ownProjects = await db
    .selectDistinct({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .leftJoin(projectCounties, eq(projectCounties.projectId, projects.id))
    .where(or(eq(projects.implementingOrgId, actor.organisationId), eq(projectCounties.countyId, actor.organisationId)))
    .orderBy(asc(projects.code));
  const sources: Option[] = [
    { value: `org:${actor.organisationId}`, label: actor.organisationName },
    ...ownProjects.map((p) => ({ value: `project:${p.id}`, label: `${p.code} ${p.name}` })),
  ];

  const funds = await db
    .select({ programmeId: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, orgId: holders.organisationId, projectId: holders.projectId, balanceFen: balances.balanceFen })
    .from(balances)
    .innerJoin(holders, eq(holders.id, balances.holderId))
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, balances.programmeId))
    .where(
      and(
        gt(balances.balanceFen, 0n),
        showDemo ? undefined : eq(fundProgrammes.isDemo, false),
        or(
          and(eq(holders.kind, 'organisation'), eq(holders.organisationId, actor.organisationId)),
          ownProjects.length ? and(eq(holders.kind, 'project'), inArray(holders.projectId, ownProjects.map((p) => p.id))) : undefined,
        ),
      ),
    )
    .orderBy(asc(fundProgrammes.code));

  const reach = await orgsUnderGovernment(db, actor.organisationId);
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(and(inArray(organisations.id, reach), ne(organisations.id, actor.organisationId), ne(organisations.level, 'township'), showDemo ? undefined : eq(organisations.isDemo, false)))
    .orderBy(asc(organisations.code));
  const reachableProjects = await db
    .selectDistinct({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .innerJoin(projectCounties, eq(projectCounties.projectId, projects.id))
    .where(inArray(projectCounties.countyId, reach))
    .orderBy(asc(projects.code));

  // Contractors are paid wherever they are registered, so payees are not limited to the tree.
  const payees = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(inArray(organisations.kind, ['contractor', 'implementing_unit']), showDemo ? undefined : eq(organisations.isDemo, false)))
    .orderBy(asc(organisations.name));

  return {
    sources,
    funds: funds.map((f): FundOption => ({
      sourceRef: f.projectId ? `project:${f.projectId}` : `org:${f.orgId}`,
      programmeId: f.programmeId,
      label: `${f.code} ${f.name}`,
      balanceFen: f.balanceFen.toString(),
    })),
    organisations: orgs.filter((o) => o.kind !== 'contractor').map((o) => ({ value: `org:${o.id}`, label: o.name })),
    projects: reachableProjects.map((p) => ({ value: `project:${p.id}`, label: `${p.code} ${p.name}` })),
    payees: payees.map((o) => ({ value: `payee:${o.id}`, label: o.name })),
  };
}

/** Programme/payee pairs the actor's projects have paid, for recording what the payee spent. */
export async function expenditureFormOptions({ db, actor }: Ctx) {
  assertCan(actor, 'transfer.record');
  const fromH = alias(holders, 'from_h');
  const toH = alias(holders, 'to_h');
  const rows = await db
    .selectDistinct({ programmeId: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, payeeId: organisations.id, payee: organisations.name })
    .from(transfers)
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, transfers.programmeId))
    .innerJoin(fromH, eq(fromH.id, transfers.fromHolderId))
    .innerJoin(projects, eq(projects.id, fromH.projectId))
    .leftJoin(projectCounties, eq(projectCounties.projectId, projects.id))
    .innerJoin(toH, eq(toH.id, transfers.toHolderId))
    .innerJoin(organisations, eq(organisations.id, toH.organisationId))
    .where(and(eq(transfers.kind, 'disbursement'), or(eq(projects.implementingOrgId, actor.organisationId), eq(projectCounties.countyId, actor.organisationId))))
    .orderBy(asc(fundProgrammes.code), asc(organisations.name));
  return {
    programmes: [...new Map(rows.map((r) => [r.programmeId, { value: String(r.programmeId), label: `${r.code} ${r.name}` }])).values()],
    pairs: rows.map((r) => ({ programmeId: String(r.programmeId), value: `payee:${r.payeeId}`, label: r.payee })),
  };
}
