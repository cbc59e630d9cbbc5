import 'server-only';
import { and, asc, eq, gt, inArray, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { balances, fundProgrammes, holders, organisations, projectCounties, projects, transfers } from '@/db/schema';
import { orgsUnderGovernment } from '../internal/ledger/holder-refs';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { demoVisible } from '../internal/settings';
import type { NamedOption } from './named';

/** A choice: an organisation by its Chinese and English names, a project by code and (Chinese) name. */
export type Option = NamedOption;
export interface FundOption extends NamedOption {
  sourceRef: string;
  programmeId: number;
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
    { value: `org:${actor.organisationId}`, name: actor.organisationName, nameEn: actor.organisationNameEn ?? null },
    ...ownProjects.map((p) => ({ value: `project:${p.id}`, code: p.code, name: p.name, nameEn: null })),
  ];

  const funds = await db
    .select({ programmeId: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn, orgId: holders.organisationId, projectId: holders.projectId, balanceFen: balances.balanceFen })
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
    .select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn, kind: organisations.kind })
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
    .select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .where(and(inArray(organisations.kind, ['contractor', 'implementing_unit']), showDemo ? undefined : eq(organisations.isDemo, false)))
    .orderBy(asc(organisations.name));

  return {
    sources,
    funds: funds.map((f): FundOption => ({
      sourceRef: f.projectId ? `project:${f.projectId}` : `org:${f.orgId}`,
      programmeId: f.programmeId,
      value: String(f.programmeId),
      code: f.code,
      name: f.name,
      nameEn: f.nameEn,
      balanceFen: f.balanceFen.toString(),
    })),
    organisations: orgs.filter((o) => o.kind !== 'contractor').map((o): Option => ({ value: `org:${o.id}`, name: o.name, nameEn: o.nameEn })),
    projects: reachableProjects.map((p): Option => ({ value: `project:${p.id}`, code: p.code, name: p.name, nameEn: null })),
    payees: payees.map((o): Option => ({ value: `payee:${o.id}`, name: o.name, nameEn: o.nameEn })),
  };
}

/** Programme/payee pairs the actor's projects have paid, for recording what the payee spent. */
export async function expenditureFormOptions({ db, actor }: Ctx) {
  assertCan(actor, 'transfer.record');
  const fromH = alias(holders, 'from_h');
  const toH = alias(holders, 'to_h');
  const rows = await db
    .selectDistinct({ programmeId: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn, payeeId: organisations.id, payee: organisations.name, payeeEn: organisations.nameEn })
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
    programmes: [...new Map(rows.map((r): [number, Option] => [r.programmeId, { value: String(r.programmeId), code: r.code, name: r.name, nameEn: r.nameEn }])).values()],
    pairs: rows.map((r) => ({ programmeId: String(r.programmeId), value: `payee:${r.payeeId}`, name: r.payee, nameEn: r.payeeEn })),
  };
}
