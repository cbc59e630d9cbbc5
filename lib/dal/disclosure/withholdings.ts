import 'server-only';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { documents, findings, fundProgrammes, holders, indicatorReports, indicatorReportSubmissions, legalBases, planIndicators, programmeDocuments, projectCounties, projects, transfers, users, withholdings } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { chinaToday } from '@/lib/domain/china-date';
import { AppError } from '@/lib/errors';
import type { Actor } from '../auth/actor';
import { logWithheldReads } from '../audit/withheld-reads';
import { appendAudit } from '../internal/audit';
import { announcePublicChange, tagsOfWithholding } from '../internal/public-change';
import { nowOf } from '../internal/clock';
import { assertCan, orgScope, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';

export const WITHHOLDABLE = ['transfer', 'project', 'document', 'programme', 'field', 'indicator_report', 'finding'] as const;
/**
 * The fields of a programme's catalogue entry that may be withheld on their own. Amounts are
 * not among them (a withheld amount would still show in the notice and in every total); to hide
 * an amount, withhold the programme or the transfer.
 */
export const WITHHOLDABLE_FIELDS = ['purpose', 'matching'] as const;
export type WithholdableType = (typeof WITHHOLDABLE)[number];

export interface WithholdingRequest {
  itemType: WithholdableType;
  itemId: number;
  /** For a field: its dotted path in the content of the programme's publications. */
  field?: string | null;
  reason: string;
  legalBasisId: number;
  reviewDate: string;
}

const invalid = (field: string, key: string) => new AppError('validation', key, { [field]: key });

async function assertItemYours(tx: Tx, actor: Actor, req: WithholdingRequest): Promise<void> {
  const own = (orgId: number | null | undefined) => {
    if (orgId === undefined) throw invalid('itemId', 'disclosure.unknownItem');
    if (orgId !== actor.organisationId) throw new AppError('forbidden', 'disclosure.notYourItem');
  };
  switch (req.itemType) {
    case 'programme':
    case 'field': {
      const [p] = await tx.select({ org: fundProgrammes.managingOrgId }).from(fundProgrammes).where(eq(fundProgrammes.id, req.itemId));
      return own(p?.org);
    }
    case 'transfer': {
      // Every movement of money is published; whose document it is withholds it (for a project, the unit carrying
      // it out): the sender, or for a reversal the original's sender, who claws the money back.
      const [t] = await tx
        .select({ from: sql<number | null>`coalesce(${holders.organisationId}, (select p.implementing_org_id from projects p where p.id = ${holders.projectId}))` })
        .from(transfers)
        .innerJoin(holders, eq(holders.id, sql`case when ${transfers.kind} = 'reversal' then ${transfers.toHolderId} else ${transfers.fromHolderId} end`))
        .where(and(eq(transfers.id, req.itemId), ne(transfers.kind, 'appropriation')));
      return own(t ? (t.from === null ? null : Number(t.from)) : undefined);
    }
    case 'project': {
      // The implementing organisation, or a county the project lies in.
      const [p] = await tx.select({ id: projects.id, org: projects.implementingOrgId }).from(projects).where(eq(projects.id, req.itemId));
      if (!p) throw invalid('itemId', 'disclosure.unknownItem');
      if (p.org === actor.organisationId) return;
      const [county] = await tx.select({ id: projectCounties.countyId }).from(projectCounties).where(and(eq(projectCounties.projectId, p.id), eq(projectCounties.countyId, actor.organisationId)));
      return own(county ? actor.organisationId : null);
    }
    case 'document': {
      // Only a programme document, and only when every programme it belongs to is the actor's.
      const links = await tx
        .select({ org: fundProgrammes.managingOrgId })
        .from(programmeDocuments)
        .innerJoin(fundProgrammes, eq(fundProgrammes.id, programmeDocuments.programmeId))
        .where(eq(programmeDocuments.documentId, req.itemId));
      if (!links.length) return own(undefined);
      return own(links.every((l) => l.org === actor.organisationId) ? actor.organisationId : null);
    }
    case 'indicator_report': {
      // The organisation answering for the indicator, which published its values.
      const [r] = await tx.select({ org: planIndicators.responsibleOrgId }).from(indicatorReports).innerJoin(planIndicators, eq(planIndicators.id, indicatorReports.indicatorId)).where(eq(indicatorReports.id, req.itemId));
      return own(r ? r.org : undefined);
    }
    case 'finding': {
      // The organisation the finding is addressed to, whose answers it publishes.
      const [f] = await tx.select({ org: findings.responsibleOrgId }).from(findings).where(eq(findings.id, req.itemId));
      return own(f ? f.org : undefined);
    }
  }
}

async function validate(tx: Tx, req: WithholdingRequest): Promise<void> {
  if (!WITHHOLDABLE.includes(req.itemType)) throw invalid('itemType', 'disclosure.unknownItem');
  if (req.reason.trim().length < 4) throw invalid('reason', 'disclosure.reasonRequired');
  if ((req.itemType === 'field') !== !!req.field || (req.field && !(WITHHOLDABLE_FIELDS as readonly string[]).includes(req.field))) throw invalid('field', 'disclosure.fieldInvalid');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(req.reviewDate) || req.reviewDate <= chinaToday()) throw invalid('reviewDate', 'disclosure.reviewDatePast');
  const [basis] = await tx.select({ active: legalBases.active }).from(legalBases).where(eq(legalBases.id, req.legalBasisId));
  if (!basis?.active) throw invalid('legalBasisId', 'disclosure.basisInactive');
}

/** 申请不予公开: a finance officer asks to withhold an item of their organisation; nothing is withheld until two others approve. */
export async function requestWithholding({ db, actor, clock }: Ctx, req: WithholdingRequest): Promise<{ id: number }> {
  assertCan(actor, 'withholding.request');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    await validate(tx, req);
    await assertItemYours(tx, actor, req);
    const [row] = await tx
      .insert(withholdings)
      .values({ itemType: req.itemType, itemId: req.itemId, field: req.field ?? null, reason: req.reason.trim(), legalBasisId: req.legalBasisId, reviewDate: req.reviewDate, requestedBy: actor.id, organisationId: actor.organisationId, createdAt: now })
      .returning({ id: withholdings.id });
    await appendAudit(tx, { actor, action: 'withholding.requested', entityType: 'withholding', entityId: row!.id, after: { ...req, reason: req.reason.trim() }, at: now });
    return { id: row!.id };
  });
}

/** 续期: renewing is a new request for the same item, approved the same way; until then the review date stands. */
export async function renewWithholding({ db, actor }: Ctx, input: { withholdingId: number; reason: string; reviewDate: string; legalBasisId?: number }): Promise<{ id: number }> {
  assertCan(actor, 'withholding.request');
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(withholdings).where(eq(withholdings.id, input.withholdingId));
    if (!old || old.organisationId !== actor.organisationId) throw new AppError('not_found');
    if (old.status !== 'active') throw invalid('withholdingId', 'disclosure.notActive');
    const req: WithholdingRequest = { itemType: old.itemType, itemId: old.itemId, field: old.field, reason: input.reason, legalBasisId: input.legalBasisId ?? old.legalBasisId, reviewDate: input.reviewDate };
    await validate(tx, req);
    if (req.reviewDate <= old.reviewDate) throw invalid('reviewDate', 'disclosure.reviewDatePast');
    const [row] = await tx
      .insert(withholdings)
      .values({ ...req, reason: req.reason.trim(), requestedBy: actor.id, organisationId: actor.organisationId, renewsId: old.id })
      .returning({ id: withholdings.id });
    await appendAudit(tx, { actor, action: 'withholding.renewal_requested', entityType: 'withholding', entityId: row!.id, after: { renews: old.id, reviewDate: req.reviewDate, legalBasisId: req.legalBasisId } });
    return { id: row!.id };
  });
}

/**
 * 审批: two distinct approvers, neither the requester. The first approval is recorded; the second
 * makes the withholding active. The table's CHECK refuses an active row without both.
 */
export async function approveWithholding({ db, actor, clock }: Ctx, withholdingId: number): Promise<{ status: 'requested' | 'active' }> {
  assertCan(actor, 'withholding.approve');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const [w] = await tx.select().from(withholdings).where(eq(withholdings.id, withholdingId)).for('update');
    const scope = orgScope(actor);
    if (!w || (scope !== null && w.organisationId !== scope)) throw new AppError('not_found');
    if (w.status !== 'requested') throw new AppError('conflict', 'disclosure.notRequested');
    if (w.requestedBy === actor.id) throw new AppError('forbidden', 'disclosure.approverIsRequester');
    if (w.approvedBy1 === actor.id) throw new AppError('forbidden', 'disclosure.sameApprover');
    if (w.approvedBy1 === null) {
      await tx.update(withholdings).set({ approvedBy1: actor.id }).where(eq(withholdings.id, w.id));
      await appendAudit(tx, { actor, action: 'withholding.approved_once', entityType: 'withholding', entityId: w.id, after: { approvedBy1: actor.id }, at: now });
      return { status: 'requested' as const };
    }
    if (w.reviewDate <= chinaToday()) throw invalid('reviewDate', 'disclosure.reviewDatePast');
    await tx.update(withholdings).set({ approvedBy2: actor.id, status: 'active', activatedAt: now }).where(eq(withholdings.id, w.id));
    await announcePublicChange(tx, await tagsOfWithholding(tx, w.id));
    // A renewal in force replaces what it renews; the register counts the item once.
    if (w.renewsId !== null) await tx.update(withholdings).set({ status: 'lapsed' }).where(and(eq(withholdings.id, w.renewsId), eq(withholdings.status, 'active')));
    await appendAudit(tx, { actor, action: 'withholding.activated', entityType: 'withholding', entityId: w.id, before: { approvedBy1: w.approvedBy1 }, after: { approvedBy2: actor.id, status: 'active', reviewDate: w.reviewDate }, at: now });
    return { status: 'active' as const };
  });
}

/** Ends a withholding early (the item is public at once); the requesting organisation decides. */
export async function revokeWithholding({ db, actor }: Ctx, withholdingId: number): Promise<void> {
  assertCan(actor, 'withholding.request');
  await db.transaction(async (tx) => {
    const [w] = await tx.select().from(withholdings).where(eq(withholdings.id, withholdingId)).for('update');
    if (!w || w.organisationId !== actor.organisationId) throw new AppError('not_found');
    if (w.status !== 'active' && w.status !== 'requested') throw new AppError('conflict', 'disclosure.notActive');
    // Read while the withholding is still in force: what it covered becomes public again.
    if (w.status === 'active') await announcePublicChange(tx, await tagsOfWithholding(tx, w.id));
    await tx.update(withholdings).set({ status: 'revoked' }).where(eq(withholdings.id, w.id));
    await appendAudit(tx, { actor, action: 'withholding.revoked', entityType: 'withholding', entityId: w.id, before: { status: w.status }, after: { status: 'revoked' } });
  });
}

export interface WithholdingRowDto {
  id: number;
  itemType: WithholdableType;
  itemId: number;
  field: string | null;
  reason: string;
  basisName: string;
  basisNameEn: string;
  reviewDate: string;
  /** requested, active, lapsed (review date reached or renewed), revoked. */
  status: 'requested' | 'active' | 'lapsed' | 'revoked';
  requestedBy: string;
  approvals: number;
  renewsId: number | null;
  mayApprove: boolean;
}

/** Withholdings of the caller's organisation (all for administrators), with the status in force today. */
export async function listWithholdings(ctx: Ctx): Promise<WithholdingRowDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  if (!can(actor.role, 'withholding.request') && !can(actor.role, 'withholding.approve') && !can(actor.role, 'classified.read')) throw new AppError('forbidden');
  const scope = orgScope(actor);
  const today = chinaToday();
  const rows = await db
    .select({ w: withholdings, basisName: legalBases.name, basisNameEn: legalBases.nameEn, requestedBy: users.displayName })
    .from(withholdings)
    .innerJoin(legalBases, eq(legalBases.id, withholdings.legalBasisId))
    .innerJoin(users, eq(users.id, withholdings.requestedBy))
    .where(scopeWhere(ctx, withholdings.organisationId))
    .orderBy(desc(withholdings.id));
  // The register names what is withheld and why: an auditor's read of it is logged item by item.
  await logWithheldReads(ctx, rows.map(({ w }) => ({ type: w.itemType === 'field' ? 'programme' : w.itemType, id: w.itemId })), 'withholdings.register');
  return rows.map(({ w, basisName, basisNameEn, requestedBy }) => ({
    id: w.id,
    itemType: w.itemType,
    itemId: w.itemId,
    field: w.field,
    reason: w.reason,
    basisName,
    basisNameEn,
    reviewDate: w.reviewDate,
    status: w.status === 'active' && w.reviewDate <= today ? 'lapsed' : w.status,
    requestedBy,
    approvals: (w.approvedBy1 ? 1 : 0) + (w.approvedBy2 ? 1 : 0),
    renewsId: w.renewsId,
    mayApprove: can(actor.role, 'withholding.approve') && (scope === null || w.organisationId === scope) && w.status === 'requested' && w.requestedBy !== actor.id && w.approvedBy1 !== actor.id,
  }));
}

export interface LegalBasisDto {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  active: boolean;
}

/** The legal bases: everyone who requests or reviews needs the list; only active ones may be chosen. */
export async function listLegalBases({ db, actor }: Ctx): Promise<LegalBasisDto[]> {
  assertCan(actor, 'workspace.enter');
  return db.select({ id: legalBases.id, code: legalBases.code, name: legalBases.name, nameEn: legalBases.nameEn, active: legalBases.active }).from(legalBases).orderBy(legalBases.sort, legalBases.id);
}

export async function addLegalBasis({ db, actor }: Ctx, input: { code: string; name: string; nameEn: string }): Promise<{ id: number }> {
  assertCan(actor, 'settings.manage');
  const code = input.code.trim();
  if (!/^[A-Za-z0-9-]{2,32}$/.test(code)) throw invalid('code', 'disclosure.basisCodeInvalid');
  if (!input.name.trim() || !input.nameEn.trim()) throw invalid('name', 'disclosure.basisNameRequired');
  return db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: legalBases.id }).from(legalBases).where(eq(legalBases.code, code));
    if (dup) throw new AppError('conflict', 'disclosure.basisCodeTaken', { code: 'disclosure.basisCodeTaken' });
    const [max] = await tx.select({ n: sql<number>`coalesce(max(${legalBases.sort}), 0)::int` }).from(legalBases);
    const [row] = await tx.insert(legalBases).values({ code, name: input.name.trim(), nameEn: input.nameEn.trim(), sort: Number(max?.n ?? 0) + 1 }).returning({ id: legalBases.id });
    await appendAudit(tx, { actor, action: 'legal_basis.added', entityType: 'legal_basis', entityId: row!.id, after: { code, name: input.name.trim(), nameEn: input.nameEn.trim() } });
    return { id: row!.id };
  });
}

/** Deactivating keeps the basis on existing withholdings; it only stops new requests from choosing it. */
export async function setLegalBasisActive({ db, actor }: Ctx, id: number, active: boolean): Promise<void> {
  assertCan(actor, 'settings.manage');
  await db.transaction(async (tx) => {
    const [b] = await tx.select({ active: legalBases.active }).from(legalBases).where(eq(legalBases.id, id));
    if (!b) throw new AppError('not_found');
    await tx.update(legalBases).set({ active }).where(eq(legalBases.id, id));
    await appendAudit(tx, { actor, action: active ? 'legal_basis.activated' : 'legal_basis.deactivated', entityType: 'legal_basis', entityId: id, before: { active: b.active }, after: { active } });
  });
}

/**
 * One thing that may be withheld, named as officers know it: a code, and a name that is official
 * Chinese text (programme and project names, 文号, file names) unless an English one exists
 * (a programme's, when given). A transfer also carries its amount, which the page formats.
 */
export interface WithholdingCandidate {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  amountFen?: string;
}

export interface WithholdingCandidates {
  programme: WithholdingCandidate[];
  transfer: WithholdingCandidate[];
  project: WithholdingCandidate[];
  document: WithholdingCandidate[];
  indicator_report: WithholdingCandidate[];
  finding: WithholdingCandidate[];
}

/** What the officer's organisation may ask to withhold, named as officers know it (codes, 文号, file names). */
export async function withholdingCandidates({ db, actor }: Ctx): Promise<WithholdingCandidates> {
  assertCan(actor, 'withholding.request');
  const programmes = await db
    .select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn })
    .from(fundProgrammes)
    .where(eq(fundProgrammes.managingOrgId, actor.organisationId))
    .orderBy(desc(fundProgrammes.fiscalYear), fundProgrammes.code);
  const sent = await db
    .select({ id: transfers.id, docNumber: transfers.docNumber, amountFen: transfers.amountFen, date: transfers.transferDate, code: fundProgrammes.code })
    .from(transfers)
    .innerJoin(holders, eq(holders.id, transfers.fromHolderId))
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, transfers.programmeId))
    .where(and(eq(holders.kind, 'organisation'), eq(holders.organisationId, actor.organisationId), ne(transfers.kind, 'appropriation')))
    .orderBy(desc(transfers.id))
    .limit(300);
  const own = await db
    .selectDistinct({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .leftJoin(projectCounties, eq(projectCounties.projectId, projects.id))
    .where(sql`${projects.implementingOrgId} = ${actor.organisationId} or ${projectCounties.countyId} = ${actor.organisationId}`)
    .orderBy(projects.code)
    .limit(500);
  const docs = await db
    .select({ id: documents.id, filename: documents.filename, code: fundProgrammes.code })
    .from(programmeDocuments)
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, programmeDocuments.programmeId))
    .innerJoin(documents, eq(documents.id, programmeDocuments.documentId))
    .where(eq(fundProgrammes.managingOrgId, actor.organisationId))
    .orderBy(desc(documents.id));
  const reports = await db
    .selectDistinct({ id: indicatorReports.id, year: indicatorReports.year, code: planIndicators.code, name: planIndicators.name, nameEn: planIndicators.nameEn })
    .from(indicatorReports)
    .innerJoin(planIndicators, eq(planIndicators.id, indicatorReports.indicatorId))
    .innerJoin(indicatorReportSubmissions, and(eq(indicatorReportSubmissions.reportId, indicatorReports.id), eq(indicatorReportSubmissions.status, 'approved')))
    .where(eq(planIndicators.responsibleOrgId, actor.organisationId))
    .orderBy(planIndicators.code, desc(indicatorReports.year));
  const addressed = await db
    .select({ id: findings.id, title: findings.title, status: findings.status })
    .from(findings)
    .where(eq(findings.responsibleOrgId, actor.organisationId))
    .orderBy(desc(findings.id))
    .limit(300);
  return {
    finding: addressed.map((f) => ({ id: f.id, code: `#${f.id} ·`, name: f.title, nameEn: null })),
    indicator_report: reports.map((r) => ({ id: r.id, code: `${r.code} · ${r.year} ·`, name: r.name, nameEn: r.nameEn })),
    programme: programmes.map((p) => ({ id: p.id, code: p.code, name: p.name, nameEn: p.nameEn })),
    transfer: sent.map((t) => ({ id: t.id, code: `#${t.id} · ${t.code} · ${t.date} ·`, name: t.docNumber ?? '—', nameEn: null, amountFen: t.amountFen.toString() })),
    project: own.map((p) => ({ id: p.id, code: p.code, name: p.name, nameEn: null })),
    document: docs.map((d) => ({ id: d.id, code: `${d.code} ·`, name: d.filename, nameEn: null })),
  };
}
