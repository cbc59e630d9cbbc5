import 'server-only';
import { and, asc, count, desc, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { balances, fundProgrammes, holders, matchingRequirements, organisations, projects } from '@/db/schema';
import { formatYuan } from '@/lib/domain/money';
import { toScaled } from '@/lib/domain/decimal';
import { AppError } from '@/lib/errors';
import type { ProgrammeCommand } from '@/lib/schemas/ledger';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { uploadDigest, type UploadedFile } from '../internal/documents';
import { once } from '../internal/idempotency';
import { holderFor, insertTransfer } from '../internal/ledger/transfers';
import { publishProgrammeDocument } from '../internal/ledger/programme-documents';
import { oweForEvent } from '../internal/disclosure/obligations';
import { publishSnapshot } from '../internal/publish';
import { demoVisible } from '../internal/settings';
import { assertCan, orgScope, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';

const PROGRAMME_LEVELS = ['central', 'provincial', 'municipal', 'county'] as const;

/**
 * Opens a programme of the officer's own organisation: the programme, its appropriation into the
 * managing organisation, its documents, and the catalogue/rules/guideline publications — one transaction.
 */
export async function createProgramme({ db, actor, clock, demo = false }: Ctx, cmd: ProgrammeCommand, docs: { rules?: UploadedFile; guideline?: UploadedFile }) {
  assertCan(actor, 'programme.write');
  const now = nowOf({ clock });
  const [org] = await db.select({ id: organisations.id, level: organisations.level, name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const level = org?.level;
  if (!org || !(PROGRAMME_LEVELS as readonly string[]).includes(level ?? '')) throw new AppError('forbidden', 'ledger.levelCannotManage');
  if (Number(cmd.openedOn.slice(0, 4)) < cmd.fiscalYear) throw new AppError('validation', 'ledger.date_before_programme_year', { openedOn: 'ledger.date_before_programme_year' });
  let shareBp: number | null = null;
  if (cmd.matchingLevel) {
    if (!cmd.matchingPercent) throw new AppError('validation', 'form.percent', { matchingPercent: 'form.percent' });
    shareBp = Number(toScaled(cmd.matchingPercent, 2));
    if (shareBp <= 0 || shareBp > 100_000) throw new AppError('validation', 'form.percent', { matchingPercent: 'form.percent' });
  }

  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const docHashes = { rules: uploadDigest(docs.rules), guideline: uploadDigest(docs.guideline) };
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body: { ...body, docHashes } }, async () => {
      const [dup] = await tx.select({ id: fundProgrammes.id }).from(fundProgrammes).where(eq(fundProgrammes.code, cmd.code));
      if (dup) throw new AppError('conflict', 'ledger.programmeCodeTaken', { code: 'ledger.programmeCodeTaken' });
      const [prog] = await tx
        .insert(fundProgrammes)
        .values({ code: cmd.code, name: cmd.name, level: level as (typeof PROGRAMME_LEVELS)[number], fiscalYear: cmd.fiscalYear, managingOrgId: org.id, totalFen: cmd.amountFen, purpose: cmd.purpose, createdBy: actor.id, createdAt: now, isDemo: demo })
        .returning({ id: fundProgrammes.id });
      const programmeId = prog!.id;
      const appropriation = await insertTransfer(tx, {
        programmeId,
        fromHolderId: null,
        toHolderId: await holderFor(tx, { kind: 'organisation', organisationId: org.id }, demo),
        amountFen: cmd.amountFen,
        kind: 'appropriation',
        transferDate: cmd.openedOn,
        docNumber: cmd.docNumber,
        isDemo: demo,
        recordedBy: actor.id,
        recordedAt: now,
      });
      if (shareBp !== null) await tx.insert(matchingRequirements).values({ upperProgrammeId: programmeId, lowerLevel: cmd.matchingLevel as 'provincial' | 'municipal' | 'county', shareBp });

      const eventAt = now;
      // Owed from the opening itself: rules and guideline not uploaded yet stay owed until they are.
      await oweForEvent(tx, 'programme_opened', { subjectId: programmeId, responsibleOrgId: org.id, eventAt });
      const base = { subjectType: 'programme' as const, subjectId: programmeId, issuerOrgId: org.id, docNumber: cmd.docNumber, dataAsOf: cmd.openedOn, eventAt, publishedAt: now, isDemo: demo };
      const catalogue = await publishSnapshot(tx, {
        ...base,
        kind: 'fund_catalogue',
        title: `专项资金目录：${cmd.name}`,
        content: { code: cmd.code, name: cmd.name, level, fiscalYear: cmd.fiscalYear, managingOrg: org.name, totalFen: cmd.amountFen, purpose: cmd.purpose, matching: shareBp === null ? null : { lowerLevel: cmd.matchingLevel, shareBp } },
        notice: `${org.name}设立${cmd.fiscalYear}年度“${cmd.name}”，资金总额 ${formatYuan(cmd.amountFen)} 元，文号 ${cmd.docNumber}。${demo ? '本条为演示数据。' : ''}`,
      });
      const publicationIds = [catalogue.id];
      for (const [kind, file] of [['management_rules', docs.rules], ['application_guideline', docs.guideline]] as const) {
        if (file) publicationIds.push((await publishProgrammeDocument(tx, { programmeId, code: cmd.code, name: cmd.name, issuerOrgId: org.id, issuerName: org.name, docNumber: cmd.docNumber, dataAsOf: cmd.openedOn, eventAt, publishedAt: now, isDemo: demo }, kind, file, actor.id)).id);
      }
      // The entry names what the opening wrote: its appropriation and its publications.
      await appendAudit(tx, { actor, action: 'programme.opened', entityType: 'programme', entityId: programmeId, after: { ...body, totalFen: cmd.amountFen, level, transferIds: [appropriation.id], publicationIds }, at: now });
      return { id: programmeId };
    });
    return { id: result.id, replayed };
  });
}

export const PROGRAMME_SORTS = ['code', 'name', 'fiscalYear', 'total', 'level'] as const;
export interface ProgrammeQuery {
  page: number;
  pageSize: number;
  sort: (typeof PROGRAMME_SORTS)[number];
  dir: 'asc' | 'desc';
  q?: string;
  year?: number;
  level?: string;
}

export interface ProgrammeRowDto {
  id: number;
  code: string;
  name: string;
  /** Null unless an English name was given: programmes are named in Chinese. */
  nameEn: string | null;
  level: string;
  fiscalYear: number;
  managingOrg: string;
  managingOrgEn: string;
  totalFen: bigint;
  heldByYouFen: bigint | null;
  isDemo: boolean;
}

/** Programmes the caller's organisation manages or holds money of, itself or in its projects (all for auditors), paged and sorted in the database. */
export async function listProgrammes(ctx: Ctx, query: ProgrammeQuery): Promise<{ rows: ProgrammeRowDto[]; total: number }> {
  const { db, actor } = ctx;
  assertCan(actor, 'programme.read');
  const scope = orgScope(actor);
  const where: (SQL | undefined)[] = [];
  if (!(await demoVisible(db))) where.push(eq(fundProgrammes.isDemo, false));
  if (scope !== null) {
    where.push(
      or(
        scopeWhere(ctx, fundProgrammes.managingOrgId),
        exists(
          db
            .select({ one: sql`1` })
            .from(balances)
            .innerJoin(holders, eq(holders.id, balances.holderId))
            .where(
              and(
                eq(balances.programmeId, fundProgrammes.id),
                or(scopeWhere(ctx, holders.organisationId), inArray(holders.projectId, db.select({ id: projects.id }).from(projects).where(scopeWhere(ctx, projects.implementingOrgId)))),
              ),
            ),
        ),
      ),
    );
  }
  if (query.q) where.push(or(ilike(fundProgrammes.name, `%${query.q}%`), ilike(fundProgrammes.code, `%${query.q}%`)));
  if (query.year) where.push(eq(fundProgrammes.fiscalYear, query.year));
  if (query.level) where.push(eq(fundProgrammes.level, query.level as (typeof PROGRAMME_LEVELS)[number]));
  const sortColumn = { code: fundProgrammes.code, name: fundProgrammes.name, fiscalYear: fundProgrammes.fiscalYear, total: fundProgrammes.totalFen, level: fundProgrammes.level }[query.sort];
  const held = scope === null
    ? sql<string | null>`null`
    : // An implementing unit holds programme money in its projects rather than in its own name.
      sql<string | null>`(select sum(b.balance_fen)::text from balances b join holders h on h.id = b.holder_id left join projects p on p.id = h.project_id
          where b.programme_id = ${fundProgrammes.id} and ((h.kind = 'organisation' and h.organisation_id = ${scope}) or (h.kind = 'project' and p.implementing_org_id = ${scope})))`;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: fundProgrammes.id,
        code: fundProgrammes.code,
        name: fundProgrammes.name,
        nameEn: fundProgrammes.nameEn,
        level: fundProgrammes.level,
        fiscalYear: fundProgrammes.fiscalYear,
        managingOrg: organisations.name,
        managingOrgEn: organisations.nameEn,
        totalFen: fundProgrammes.totalFen,
        held: held.as('held'),
        isDemo: fundProgrammes.isDemo,
      })
      .from(fundProgrammes)
      .innerJoin(organisations, eq(organisations.id, fundProgrammes.managingOrgId))
      .where(and(...where))
      .orderBy(query.dir === 'asc' ? asc(sortColumn) : desc(sortColumn), asc(fundProgrammes.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(fundProgrammes).where(and(...where)),
  ]);
  return {
    rows: rows.map(({ held: h, ...r }) => ({ ...r, heldByYouFen: h === null || h === undefined ? null : BigInt(h) })),
    total: totalRow?.n ?? 0,
  };
}
