import 'server-only';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { balances, fundProgrammes, holders } from '@/db/schema';
import { assertCan, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { demoVisible } from '../internal/settings';
import { listTransfers, type TransferListDto } from './transfer-list';

export interface HoldingDto {
  programmeCode: string;
  programmeName: string;
  /** Programmes are named in Chinese; null unless an English name was given. */
  programmeNameEn: string | null;
  isDemo: boolean;
  receivedFen: bigint;
  passedOnFen: bigint;
  balanceFen: bigint;
}

/** Balances held by the caller's organisation and those below it (all organisations for auditors and admins). */
export async function listHoldings(ctx: Ctx): Promise<HoldingDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'transfer.read');
  const showDemo = await demoVisible(db);
  const where: (SQL | undefined)[] = [eq(holders.kind, 'organisation'), scopeWhere(ctx, holders.organisationId)];
  if (!showDemo) where.push(eq(fundProgrammes.isDemo, false));
  return db
    .select({
      programmeCode: fundProgrammes.code,
      programmeName: fundProgrammes.name,
      programmeNameEn: fundProgrammes.nameEn,
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

/** Recent transfers into or out of the caller's organisation: the first page of the transfer list. */
export async function recentTransfers(ctx: Ctx, limit = 20): Promise<TransferListDto[]> {
  return (await listTransfers(ctx, { page: 1, pageSize: limit, sort: 'date', dir: 'desc' })).rows;
}
