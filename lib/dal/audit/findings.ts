import 'server-only';
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Tx } from '@/db/client';
import { documents, findingAnswerEvidence, findingAnswers, findingEvents, findings, organisations, users } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { chinaToday } from '@/lib/domain/china-date';
import type { FindingEvent, FindingSeverity, FindingStatus, FindingSubjectType } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors';
import type { AnswerFindingInput, FindingStepInput, RecordFindingInput } from '@/lib/schemas/findings';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { storeDocument, type UploadedFile } from '../internal/documents';
import { once } from '../internal/idempotency';
import { publishSnapshot } from '../internal/publish';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { resolveFindingSubject, type OrgChoice, type ResolvedSubject } from '../internal/findings/subjects';
import { flagStands } from './flags';
import { logWithheldReads, type ReadItem } from './withheld-reads';

const invalid = (field: string, key: string) => new AppError('validation', key, { [field]: key });

/** The subject of a new finding as the auditor's form shows it; not found when the reference names nothing. */
export async function findingSubject({ db, actor }: Ctx, type: FindingSubjectType, ref: string): Promise<ResolvedSubject> {
  assertCan(actor, 'finding.record');
  const subject = await resolveFindingSubject(db, type, ref);
  if (!subject || (type === 'flag' && !(await flagStands({ db, actor }, subject.subjectKey!)))) throw new AppError('not_found', 'findings.unknownSubject');
  return subject;
}

/** 记录审计发现: an auditor records a finding on a subject, addressed to an organisation responsible for it. */
export async function recordFinding({ db, actor, clock }: Ctx, input: RecordFindingInput): Promise<{ id: number }> {
  assertCan(actor, 'finding.record');
  const now = nowOf({ clock });
  if (input.dueDate < chinaToday(now)) throw invalid('dueDate', 'findings.duePast');
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = input;
    const { result } = await once(tx, { clientKey, userId: actor.id, body }, async () => {
      const subject = await resolveFindingSubject(tx, input.subjectType, input.subjectRef);
      // A flag key is checked against the flags the rules raise now, not only for its shape.
      if (!subject || (input.subjectType === 'flag' && !(await flagStands({ db, actor }, subject.subjectKey!, tx)))) throw invalid('subjectRef', 'findings.unknownSubject');
      if (input.subjectType === 'flag' && !input.responsibleOrgId) throw invalid('responsibleOrgId', 'findings.responsibleRequired');
      const responsible = input.responsibleOrgId ? subject.allowed.find((o) => o.id === input.responsibleOrgId) : subject.allowed[0];
      if (!responsible) throw invalid('responsibleOrgId', 'findings.responsibleNotAllowed');
      const [row] = await tx
        .insert(findings)
        .values({
          subjectType: input.subjectType,
          subjectId: subject.subjectId,
          subjectKey: subject.subjectKey,
          responsibleOrgId: responsible.id,
          title: input.title,
          body: input.body,
          severity: input.severity,
          requiredAction: input.requiredAction,
          dueDate: input.dueDate,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning({ id: findings.id });
      await tx.insert(findingEvents).values({ findingId: row!.id, event: 'recorded', actorId: actor.id, at: now });
      await appendAudit(tx, {
        actor,
        action: 'finding.recorded',
        entityType: 'finding',
        entityId: row!.id,
        after: { subjectType: input.subjectType, subjectId: subject.subjectId, subjectKey: subject.subjectKey, responsibleOrg: responsible.code, severity: input.severity, title: input.title, body: input.body, requiredAction: input.requiredAction, dueDate: input.dueDate },
        at: now,
      });
      return { id: row!.id };
    });
    return result;
  });
}

/** The finding a step acts on, locked, at the revision the actor's page showed. */
async function lockedAt(tx: Tx, findingId: number, expectedRevision: number) {
  const [f] = await tx.select().from(findings).where(eq(findings.id, findingId)).for('update');
  if (!f) throw new AppError('not_found');
  return { f, stale: f.revision !== expectedRevision };
}

/**
 * 整改答复: the organisation the finding is addressed to answers with text and evidence files
 * (each kept with its SHA-256). Any number of rounds until the auditor closes it.
 */
export async function answerFinding({ db, actor, clock }: Ctx, input: AnswerFindingInput, evidence: UploadedFile[] = []): Promise<{ answerId: number; revision: number }> {
  assertCan(actor, 'finding.answer');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const { f, stale } = await lockedAt(tx, input.findingId, input.expectedRevision);
    if (f.responsibleOrgId !== actor.organisationId) throw new AppError('forbidden', 'findings.notAddressedToYou');
    if (f.status === 'closed') throw new AppError('conflict', 'findings.closedNoAnswer');
    if (stale) throw new AppError('conflict', 'findings.stale');
    const [answer] = await tx
      .insert(findingAnswers)
      .values({ findingId: f.id, organisationId: actor.organisationId, body: input.body, answeredBy: actor.id, answeredAt: now })
      .returning({ id: findingAnswers.id });
    const stored = [];
    for (const file of evidence) {
      const doc = await storeDocument(tx, file, actor.id, 'evidence');
      await tx.insert(findingAnswerEvidence).values({ answerId: answer!.id, documentId: doc.id, createdAt: now });
      stored.push({ documentId: doc.id, filename: doc.filename, sha256: doc.sha256 });
    }
    await tx.update(findings).set({ status: 'answered', revision: f.revision + 1 }).where(and(eq(findings.id, f.id), eq(findings.revision, f.revision)));
    await tx.insert(findingEvents).values({ findingId: f.id, event: 'answered', actorId: actor.id, at: now });
    await appendAudit(tx, { actor, action: 'finding.answered', entityType: 'finding', entityId: f.id, before: { status: f.status }, after: { status: 'answered', answerId: answer!.id, body: input.body, evidence: stored }, at: now });
    return { answerId: answer!.id, revision: f.revision + 1 };
  });
}

async function orgOf(tx: Tx, id: number): Promise<OrgChoice> {
  const [o] = await tx.select({ id: organisations.id, code: organisations.code, name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.id, id));
  return o!;
}

/**
 * 关闭: the auditor closes the finding with a reason. The same transaction publishes it with its
 * answers (kind audit_finding): an immutable version, the next one if it was closed before.
 */
export async function closeFinding({ db, actor, clock, demo }: Ctx, input: FindingStepInput): Promise<{ publicationId: number; version: number }> {
  assertCan(actor, 'finding.record');
  const now = nowOf({ clock });
  const reason = input.reason.trim();
  if (reason.length < 4) throw invalid('reason', 'findings.closeReasonRequired');
  return db.transaction(async (tx) => {
    const { f, stale } = await lockedAt(tx, input.findingId, input.expectedRevision);
    if (f.status === 'closed') throw new AppError('conflict', 'findings.alreadyClosed');
    if (stale) throw new AppError('conflict', 'findings.stale');
    await tx.update(findings).set({ status: 'closed', closedReason: reason, closedBy: actor.id, closedAt: now, revision: f.revision + 1 }).where(eq(findings.id, f.id));
    await tx.insert(findingEvents).values({ findingId: f.id, event: 'closed', reason, actorId: actor.id, at: now });
    const [responsible, auditOffice, subject] = await Promise.all([orgOf(tx, f.responsibleOrgId), orgOf(tx, actor.organisationId), resolveFindingSubject(tx, f.subjectType, f.subjectKey ?? String(f.subjectId))]);
    const answers = await answersOf(tx, [f.id]);
    const history = await tx.select({ event: findingEvents.event, reason: findingEvents.reason, at: findingEvents.at }).from(findingEvents).where(eq(findingEvents.findingId, f.id)).orderBy(asc(findingEvents.id));
    const published = await publishSnapshot(tx, {
      kind: 'audit_finding',
      subjectType: 'finding',
      subjectId: f.id,
      title: `审计发现：${f.title}`,
      content: {
        finding: { id: f.id, title: f.title, body: f.body, severity: f.severity, requiredAction: f.requiredAction, dueDate: f.dueDate, recordedOn: chinaToday(f.createdAt) },
        subject: { type: f.subjectType, label: subject?.label ?? f.subjectKey ?? `#${f.subjectId}` },
        responsibleOrg: { code: responsible.code, name: responsible.name, nameEn: responsible.nameEn },
        auditOrg: { code: auditOffice.code, name: auditOffice.name, nameEn: auditOffice.nameEn },
        answers: answers.map((a) => ({ answeredOn: chinaToday(a.answeredAt), organisation: { code: a.orgCode, name: a.orgName, nameEn: a.orgNameEn }, body: a.body, evidence: a.evidence.map(({ filename, sha256, byteSize }) => ({ filename, sha256, byteSize })) })),
        closedOn: chinaToday(now),
        closedReason: reason,
        history: history.map((h) => ({ event: h.event, on: chinaToday(h.at), reason: h.reason })),
      },
      notice: `${auditOffice.name}关闭审计发现“${f.title}”（责任单位：${responsible.name}）：${reason}`,
      issuerOrgId: actor.organisationId,
      dataAsOf: chinaToday(now),
      eventAt: now,
      changeReason: reason,
      isDemo: demo ?? false,
      publishedAt: now,
    });
    await tx.update(findings).set({ publicationId: published.id }).where(eq(findings.id, f.id));
    await appendAudit(tx, { actor, action: 'finding.closed', entityType: 'finding', entityId: f.id, before: { status: f.status }, after: { status: 'closed', reason, publicationId: published.id, version: published.version }, at: now });
    return { publicationId: published.id, version: published.version };
  });
}

/** 重新打开: the auditor reopens a closed finding with a reason; what was published stays, and closing again publishes a new version. */
export async function reopenFinding({ db, actor, clock }: Ctx, input: FindingStepInput): Promise<{ revision: number }> {
  assertCan(actor, 'finding.record');
  const now = nowOf({ clock });
  const reason = input.reason.trim();
  if (reason.length < 4) throw invalid('reason', 'findings.reopenReasonRequired');
  return db.transaction(async (tx) => {
    const { f, stale } = await lockedAt(tx, input.findingId, input.expectedRevision);
    if (f.status !== 'closed') throw new AppError('conflict', 'findings.notClosed');
    if (stale) throw new AppError('conflict', 'findings.stale');
    await tx.update(findings).set({ status: 'open', closedReason: null, closedBy: null, closedAt: null, revision: f.revision + 1 }).where(eq(findings.id, f.id));
    await tx.insert(findingEvents).values({ findingId: f.id, event: 'reopened', reason, actorId: actor.id, at: now });
    await appendAudit(tx, { actor, action: 'finding.reopened', entityType: 'finding', entityId: f.id, before: { status: 'closed', reason: f.closedReason }, after: { status: 'open', reason }, at: now });
    return { revision: f.revision + 1 };
  });
}

interface AnswerRow {
  id: number;
  findingId: number;
  body: string;
  answeredAt: Date;
  answeredBy: string;
  orgCode: string;
  orgName: string;
  orgNameEn: string;
  evidence: { documentId: number; filename: string; sha256: string; byteSize: number }[];
}

async function answersOf(db: Tx | Ctx['db'], findingIds: number[]): Promise<AnswerRow[]> {
  if (!findingIds.length) return [];
  const rows = await db
    .select({ id: findingAnswers.id, findingId: findingAnswers.findingId, body: findingAnswers.body, answeredAt: findingAnswers.answeredAt, answeredBy: users.displayName, orgCode: organisations.code, orgName: organisations.name, orgNameEn: organisations.nameEn })
    .from(findingAnswers)
    .innerJoin(users, eq(users.id, findingAnswers.answeredBy))
    .innerJoin(organisations, eq(organisations.id, findingAnswers.organisationId))
    .where(inArray(findingAnswers.findingId, findingIds))
    .orderBy(asc(findingAnswers.id));
  const files = rows.length
    ? await db
        .select({ answerId: findingAnswerEvidence.answerId, documentId: documents.id, filename: documents.filename, sha256: documents.sha256, byteSize: documents.byteSize })
        .from(findingAnswerEvidence)
        .innerJoin(documents, eq(documents.id, findingAnswerEvidence.documentId))
        .where(inArray(findingAnswerEvidence.answerId, rows.map((r) => r.id)))
        .orderBy(asc(documents.id))
    : [];
  return rows.map((r) => ({ ...r, evidence: files.filter((x) => x.answerId === r.id).map(({ documentId, filename, sha256, byteSize }) => ({ documentId, filename, sha256, byteSize })) }));
}

/**
 * Who may see which findings: auditors every one; an organisation that answers findings only
 * those addressed to it; anyone else none.
 */
function visibleWhere(actor: Actor): SQL | undefined {
  if (can(actor.role, 'finding.record')) return undefined;
  if (can(actor.role, 'finding.answer')) return eq(findings.responsibleOrgId, actor.organisationId);
  throw new AppError('forbidden');
}

export interface FindingRowDto {
  id: number;
  title: string;
  severity: FindingSeverity;
  status: FindingStatus;
  subjectType: FindingSubjectType;
  subjectRef: string;
  responsibleOrg: { code: string; name: string; nameEn: string };
  dueDate: string;
  overdue: boolean;
  answers: number;
  revision: number;
  createdAt: string;
}

/** Findings the caller may see, open ones first, then by due date. */
export async function listFindings(ctx: Ctx, query: { status?: 'open' | 'closed' } = {}): Promise<FindingRowDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const where = and(visibleWhere(actor), query.status === 'closed' ? eq(findings.status, 'closed') : query.status === 'open' ? ne(findings.status, 'closed') : undefined);
  const counted = db.select({ findingId: findingAnswers.findingId, n: sql<number>`count(*)::int`.as('n') }).from(findingAnswers).groupBy(findingAnswers.findingId).as('counted');
  const rows = await db
    .select({ f: findings, orgCode: organisations.code, orgName: organisations.name, orgNameEn: organisations.nameEn, answers: sql<number>`coalesce(${counted.n}, 0)::int` })
    .from(findings)
    .innerJoin(organisations, eq(organisations.id, findings.responsibleOrgId))
    .leftJoin(counted, eq(counted.findingId, findings.id))
    .where(where)
    .orderBy(sql`(${findings.status} = 'closed')`, asc(findings.dueDate), desc(findings.id))
    .limit(500);
  const today = chinaToday();
  const list = rows.map(({ f, orgCode, orgName, orgNameEn, answers }) => ({
    id: f.id,
    title: f.title,
    severity: f.severity,
    status: f.status,
    subjectType: f.subjectType,
    subjectRef: f.subjectKey ?? `#${f.subjectId}`,
    responsibleOrg: { code: orgCode, name: orgName, nameEn: orgNameEn },
    dueDate: f.dueDate,
    overdue: f.status !== 'closed' && f.dueDate < today,
    answers: Number(answers),
    revision: f.revision,
    createdAt: f.createdAt.toISOString(),
  }));
  await logWithheldReads(ctx, list.map((f) => ({ type: 'finding' as const, id: f.id })), 'findings.list');
  return list;
}

export interface FindingDetailDto extends FindingRowDto {
  body: string;
  requiredAction: string;
  subjectLabel: string | null;
  closedReason: string | null;
  publicationId: number | null;
  recordedBy: string;
  answerList: { id: number; body: string; answeredAt: string; answeredBy: string; orgName: string; orgNameEn: string; evidence: { documentId: number; filename: string; sha256: string; byteSize: number }[] }[];
  history: { event: FindingEvent; reason: string | null; at: string; actor: string }[];
  mayAnswer: boolean;
  mayClose: boolean;
  mayReopen: boolean;
}

/** One finding with its answers and history; not found for an organisation it is not addressed to. */
export async function findingDetail(ctx: Ctx, findingId: number): Promise<FindingDetailDto> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const recorder = alias(users, 'recorder');
  const [row] = await db
    .select({ f: findings, orgCode: organisations.code, orgName: organisations.name, orgNameEn: organisations.nameEn, recordedBy: recorder.displayName })
    .from(findings)
    .innerJoin(organisations, eq(organisations.id, findings.responsibleOrgId))
    .innerJoin(recorder, eq(recorder.id, findings.createdBy))
    .where(and(eq(findings.id, findingId), visibleWhere(actor)));
  if (!row) throw new AppError('not_found');
  const { f } = row;
  const [answers, history, subject] = await Promise.all([
    answersOf(db, [f.id]),
    db.select({ event: findingEvents.event, reason: findingEvents.reason, at: findingEvents.at, actor: users.displayName }).from(findingEvents).innerJoin(users, eq(users.id, findingEvents.actorId)).where(eq(findingEvents.findingId, f.id)).orderBy(asc(findingEvents.id)),
    resolveFindingSubject(db, f.subjectType, f.subjectKey ?? String(f.subjectId)),
  ]);
  const reads: ReadItem[] = [{ type: 'finding', id: f.id }];
  if (f.subjectId !== null && (f.subjectType === 'transfer' || f.subjectType === 'project' || f.subjectType === 'programme')) reads.push({ type: f.subjectType, id: f.subjectId });
  await logWithheldReads(ctx, reads, `findings.detail:${f.id}`);
  const auditor = can(actor.role, 'finding.record');
  return {
    id: f.id,
    title: f.title,
    severity: f.severity,
    status: f.status,
    subjectType: f.subjectType,
    subjectRef: f.subjectKey ?? `#${f.subjectId}`,
    subjectLabel: subject?.label ?? null,
    responsibleOrg: { code: row.orgCode, name: row.orgName, nameEn: row.orgNameEn },
    dueDate: f.dueDate,
    overdue: f.status !== 'closed' && f.dueDate < chinaToday(),
    answers: answers.length,
    revision: f.revision,
    createdAt: f.createdAt.toISOString(),
    body: f.body,
    requiredAction: f.requiredAction,
    closedReason: f.closedReason,
    publicationId: f.publicationId,
    recordedBy: row.recordedBy,
    answerList: answers.map((a) => ({ id: a.id, body: a.body, answeredAt: a.answeredAt.toISOString(), answeredBy: a.answeredBy, orgName: a.orgName, orgNameEn: a.orgNameEn, evidence: a.evidence })),
    history: history.map((h) => ({ event: h.event, reason: h.reason, at: h.at.toISOString(), actor: h.actor })),
    mayAnswer: can(actor.role, 'finding.answer') && f.responsibleOrgId === actor.organisationId && f.status !== 'closed',
    mayClose: auditor && f.status !== 'closed',
    mayReopen: auditor && f.status === 'closed',
  };
}

/** An evidence file of a finding's answer, for whoever may see the finding. */
export async function findingEvidence(ctx: Ctx, findingId: number, documentId: number): Promise<{ filename: string; mimeType: string; sha256: string; content: Uint8Array }> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`select f.id from findings f join finding_answers a on a.finding_id = f.id join finding_answer_evidence e on e.answer_id = a.id
      where f.id = ${findingId} and e.document_id = ${documentId}`),
  );
  if (!rows.length) throw new AppError('not_found');
  const [visible] = await db.select({ id: findings.id }).from(findings).where(and(eq(findings.id, findingId), visibleWhere(actor)));
  if (!visible) throw new AppError('not_found');
  const [doc] = await db.select({ filename: documents.filename, mimeType: documents.mimeType, sha256: documents.sha256, content: documents.content }).from(documents).where(eq(documents.id, documentId));
  if (!doc) throw new AppError('not_found');
  return doc;
}
