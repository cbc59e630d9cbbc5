import 'server-only';
import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, or, type SQL } from 'drizzle-orm';
import { balances, fundProgrammes, holders, organisations, projects, transfers } from '@/db/schema';
import { assertCan, orgScope } from './scope';
import type { Ctx } from './session';
import { demoVisible } from './settings';

export interface HoldingDto {
  programmeCode: string;
  programmeName: string;
  isDemo: boolean;
  receivedFen: bigint;
  passedOnFen: bigint;
  balanceFen: bigint;
}

/** Balances held by the caller's organisation (all organisations for auditors and admins). */
export async function listHoldings({ db, actor }: Ctx): Promise<HoldingDto[]> {
  assertCan(actor, 'transfer.read');
  const scope = orgScope(actor);
  const showDemo = await demoVisible(db);
  const where: SQL[] = [eq(holders.kind, 'organisation')];
  if (scope !== null) where.push(eq(holders.organisationId, scope));
  if (!showDemo) where.push(eq(fundProgrammes.isDemo, false));
  return db
    .select({
      programmeCode: fundProgrammes.code,
      programmeName: fundProgrammes.name,
      isDemo: fundProgrammes.isDemo,
      receivedFen: balances.receivedFen,
      passedOnFen: balances.passedOnFen,
      balanceFen: balances.balanceFen,
    })
    .from(balances)
    .innerJoin(holders, eq(holders.id, balances.holderId))
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, balances.programmeId))
    .where(and(...where))
    .orderBy(desc(fundProgrammes.fiscalYear), fundProgrammes.code)
    .limit(200);
}

export interface TransferRowDto {
  id: number;
  date: string;
  programmeCode: string;
  kind: string;
  fromName: string | null;
  toName: string;
  amountFen: bigint;
  docNumber: string | null;
  isDemo: boolean;
}

/** Recent transfers into or out of the caller's organisation. */
export async function recentTransfers({ db, actor }: Ctx, limit = 20): Promise<TransferRowDto[]> {
  assertCan(actor, 'transfer.read');
  const scope = orgScope(actor);
  const showDemo = await demoVisible(db);
  const fromH = alias(holders, 'from_h');
  const toH = alias(holders, 'to_h');
  const fromOrg = alias(organisations, 'from_org');
  const toOrg = alias(organisations, 'to_org');
  const fromProject = alias(projects, 'from_p');
  const toProject = alias(projects, 'to_p');
  const where: (SQL | undefined)[] = [];
  if (scope !== null) where.push(or(eq(fromH.organisationId, scope), eq(toH.organisationId, scope)));
  if (!showDemo) where.push(eq(transfers.isDemo, false));
  const rows = await db
    .select({
      id: transfers.id,
      date: transfers.transferDate,
      programmeCode: fundProgrammes.code,
      kind: transfers.kind,
      fromName: fromOrg.name,
      fromProject: fromProject.name,
      toOrgName: toOrg.name,
      amountFen: transfers.amountFen,
      docNumber: transfers.docNumber,
      isDemo: transfers.isDemo,
      toProjectName: toProject.name,
    })
    .from(transfers)
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, transfers.programmeId))
    .leftJoin(fromH, eq(fromH.id, transfers.fromHolderId))
    .leftJoin(fromOrg, eq(fromOrg.id, fromH.organisationId))
    .leftJoin(fromProject, eq(fromProject.id, fromH.projectId))
    .innerJoin(toH, eq(toH.id, transfers.toHolderId))
    .leftJoin(toOrg, eq(toOrg.id, toH.organisationId))
    .leftJoin(toProject, eq(toProject.id, toH.projectId))
    .where(and(...where))
    .orderBy(desc(transfers.transferDate), desc(transfers.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    programmeCode: r.programmeCode,
    kind: r.kind,
    fromName: r.fromName ?? r.fromProject,
    toName: r.toOrgName ?? r.toProjectName ?? '',
    amountFen: r.amountFen,
    docNumber: r.docNumber,
    isDemo: r.isDemo,
  }));
}
