import 'server-only';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, type SQL } from 'drizzle-orm';
import { fundProgrammes, holders, organisations, projects, transfers } from '@/db/schema';
import { TRANSFER_KINDS } from '@/lib/domain/vocabulary';
import { can } from '@/lib/auth/permissions';
import { assertCan, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { demoVisible } from '../internal/settings';
import { logWithheldReads } from '../audit/withheld-reads';

export const TRANSFER_SORTS = ['date', 'amount', 'programme', 'id'] as const;
export interface TransferQuery {
  page: number;
  pageSize: number;
  sort: (typeof TRANSFER_SORTS)[number];
  dir: 'asc' | 'desc';
  q?: string;
  kind?: (typeof TRANSFER_KINDS)[number];
  from?: string;
  to?: string;
  programme?: number;
}

export interface TransferListDto {
  id: number;
  date: string;
  kind: string;
  programmeCode: string;
  programmeId: number;
  /** Sender and recipient: an organisation (with its English name) or a project (named only in Chinese, nameEn null). */
  fromName: string | null;
  fromNameEn: string | null;
  toName: string;
  toNameEn: string | null;
  amountFen: bigint;
  docNumber: string | null;
  reversesId: number | null;
  isDemo: boolean;
  /** Whether the caller may reverse it: only the sending organisation takes money back (see reverseTransfer). */
  mayReverse: boolean;
}

/** Transfers touching the caller's organisation, those below it or their projects (all for auditors), paged in the database. */
export async function listTransfers(ctx: Ctx, query: TransferQuery): Promise<{ rows: TransferListDto[]; total: number }> {
  const { db, actor } = ctx;
  assertCan(actor, 'transfer.read');
  const mayRecord = can(actor, 'transfer.record');
  const fromH = alias(holders, 'from_h');
  const toH = alias(holders, 'to_h');
  const fromOrg = alias(organisations, 'from_org');
  const toOrg = alias(organisations, 'to_org');
  const fromP = alias(projects, 'from_p');
  const toP = alias(projects, 'to_p');
  const where: (SQL | undefined)[] = [];
  if (!(await demoVisible(db))) where.push(eq(transfers.isDemo, false));
  if (actor.scope !== 'all') {
    const own = db.select({ id: projects.id }).from(projects).where(scopeWhere(ctx, projects.implementingOrgId));
    where.push(or(scopeWhere(ctx, fromH.organisationId), scopeWhere(ctx, toH.organisationId), inArray(fromH.projectId, own), inArray(toH.projectId, own)));
  }
  if (query.q) where.push(or(ilike(transfers.docNumber, `%${query.q}%`), ilike(fundProgrammes.code, `%${query.q}%`), ilike(fundProgrammes.name, `%${query.q}%`)));
  if (query.kind) where.push(eq(transfers.kind, query.kind));
  if (query.from) where.push(gte(transfers.transferDate, query.from));
  if (query.to) where.push(lte(transfers.transferDate, query.to));
  if (query.programme) where.push(eq(transfers.programmeId, query.programme));
  const sortColumn = { date: transfers.transferDate, amount: transfers.amountFen, programme: fundProgrammes.code, id: transfers.id }[query.sort];
  const base = db
    .select({
      id: transfers.id,
      date: transfers.transferDate,
      kind: transfers.kind,
      programmeCode: fundProgrammes.code,
      programmeId: fundProgrammes.id,
      fromOrg: fromOrg.name,
      fromOrgEn: fromOrg.nameEn,
      fromOrgId: fromH.organisationId,
      fromProject: fromP.name,
      toOrg: toOrg.name,
      toOrgEn: toOrg.nameEn,
      toProject: toP.name,
      amountFen: transfers.amountFen,
      docNumber: transfers.docNumber,
      reversesId: transfers.reversesId,
      isDemo: transfers.isDemo,
    })
    .from(transfers)
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, transfers.programmeId))
    .leftJoin(fromH, eq(fromH.id, transfers.fromHolderId))
    .leftJoin(fromOrg, eq(fromOrg.id, fromH.organisationId))
    .leftJoin(fromP, eq(fromP.id, fromH.projectId))
    .innerJoin(toH, eq(toH.id, transfers.toHolderId))
    .leftJoin(toOrg, eq(toOrg.id, toH.organisationId))
    .leftJoin(toP, eq(toP.id, toH.projectId))
    .where(and(...where));
  const [rows, [totalRow]] = await Promise.all([
    base.orderBy(query.dir === 'asc' ? asc(sortColumn) : desc(sortColumn), desc(transfers.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db
      .select({ n: count() })
      .from(transfers)
      .innerJoin(fundProgrammes, eq(fundProgrammes.id, transfers.programmeId))
      .leftJoin(fromH, eq(fromH.id, transfers.fromHolderId))
      .innerJoin(toH, eq(toH.id, transfers.toHolderId))
      .where(and(...where)),
  ]);
  await logWithheldReads(ctx, rows.map((r) => ({ type: 'transfer' as const, id: r.id })), 'transfers.list');
  return {
    rows: rows.map((r) => ({
      id: r.id,
      date: r.date,
      kind: r.kind,
      programmeCode: r.programmeCode,
      programmeId: r.programmeId,
      fromName: r.fromOrg ?? r.fromProject,
      fromNameEn: r.fromOrgEn,
      toName: r.toOrg ?? r.toProject ?? '',
      toNameEn: r.toOrgEn,
      amountFen: r.amountFen,
      docNumber: r.docNumber,
      reversesId: r.reversesId,
      isDemo: r.isDemo,
      mayReverse: mayRecord && r.fromOrgId === actor.organisationId && r.kind !== 'appropriation' && r.kind !== 'reversal',
    })),
    total: totalRow?.n ?? 0,
  };
}
