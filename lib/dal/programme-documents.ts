import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { fundProgrammes, organisations, programmeDocuments } from '@/db/schema';
import { chinaToday } from '@/lib/domain/china-date';
import { AppError } from '@/lib/errors';
import { appendAudit } from './audit';
import { storeDocument, uploadDigest, type UploadedFile } from './documents';
import { once } from './idempotency';
import { publishSnapshot } from './publications';
import { assertCan } from './scope';
import type { Ctx } from './session';

export type ProgrammeDocumentKind = 'management_rules' | 'application_guideline';

const KIND_NAME: Record<ProgrammeDocumentKind, string> = { management_rules: '管理制度', application_guideline: '申报指南' };

export interface ProgrammeDocumentEvent {
  programmeId: number;
  code: string;
  name: string;
  issuerOrgId: number;
  issuerName: string;
  docNumber: string | null;
  dataAsOf: string;
  eventAt: Date;
  isDemo?: boolean;
  /** The publishing command's clock; the time of the transaction when absent. */
  publishedAt?: Date;
  changeReason?: string | null;
}

/** Stores a programme's rules or guideline and publishes it, in the caller's transaction; a replacement is a new version with its reason. */
export async function publishProgrammeDocument(tx: Tx, e: ProgrammeDocumentEvent, kind: ProgrammeDocumentKind, file: UploadedFile, uploadedBy: number | null) {
  const doc = await storeDocument(tx, file, uploadedBy, kind === 'management_rules' ? 'rules' : 'guideline');
  const [last] = await tx
    .select({ v: sql<number>`coalesce(max(${programmeDocuments.version}), 0)::int` })
    .from(programmeDocuments)
    .where(and(eq(programmeDocuments.programmeId, e.programmeId), eq(programmeDocuments.kind, kind)));
  const version = Number(last?.v ?? 0) + 1;
  if (version > 1 && !e.changeReason) throw new AppError('validation', 'ledger.documentChangeReason', { changeReason: 'ledger.documentChangeReason' });
  await tx.insert(programmeDocuments).values({ programmeId: e.programmeId, kind, version, documentId: doc.id });
  return publishSnapshot(tx, {
    kind,
    subjectType: 'programme',
    subjectId: e.programmeId,
    title: `${KIND_NAME[kind]}：${e.name}`,
    content: { programmeCode: e.code, documentId: doc.id, filename: doc.filename, mimeType: doc.mimeType, byteSize: doc.byteSize, sha256: doc.sha256 },
    notice: `${e.issuerName}发布“${e.name}”${KIND_NAME[kind]}（${doc.filename}，SHA-256 ${doc.sha256}）。`,
    issuerOrgId: e.issuerOrgId,
    docNumber: e.docNumber,
    dataAsOf: e.dataAsOf,
    eventAt: e.eventAt,
    isDemo: e.isDemo,
    publishedAt: e.publishedAt,
    changeReason: version > 1 ? e.changeReason : null,
  });
}

/** The managing organisation publishes (or replaces) a programme's rules or guideline after opening it. */
export async function addProgrammeDocument(
  { db, actor }: Ctx,
  cmd: { clientKey: string; programmeId: number; kind: ProgrammeDocumentKind; docNumber: string; changeReason: string },
  file: UploadedFile | undefined,
): Promise<{ publicationId: number; replayed: boolean }> {
  assertCan(actor, 'programme.write');
  if (!file) throw new AppError('validation', 'form.fileEmpty', { file: 'form.fileEmpty' });
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body: { ...body, file: uploadDigest(file) } }, async () => {
      const [p] = await tx
        .select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, managingOrgId: fundProgrammes.managingOrgId, isDemo: fundProgrammes.isDemo, orgName: organisations.name })
        .from(fundProgrammes)
        .innerJoin(organisations, eq(organisations.id, fundProgrammes.managingOrgId))
        .where(eq(fundProgrammes.id, cmd.programmeId));
      if (!p || p.managingOrgId !== actor.organisationId) throw new AppError('not_found');
      const pub = await publishProgrammeDocument(
        tx,
        { programmeId: p.id, code: p.code, name: p.name, issuerOrgId: p.managingOrgId, issuerName: p.orgName, docNumber: cmd.docNumber, dataAsOf: chinaToday(), eventAt: new Date(), isDemo: p.isDemo, changeReason: cmd.changeReason || null },
        cmd.kind,
        file,
        actor.id,
      );
      await appendAudit(tx, { actor, action: 'programme.document_published', entityType: 'programme', entityId: p.id, after: { kind: cmd.kind, publicationId: pub.id, version: pub.version, sha256: pub.contentHash } });
      return { publicationId: pub.id };
    });
    return { ...result, replayed };
  });
}

/** Programmes the actor's organisation manages, with the documents each has published. */
export async function managedProgrammes({ db, actor }: Ctx) {
  assertCan(actor, 'programme.write');
  const rows = await db
    .select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name })
    .from(fundProgrammes)
    .where(eq(fundProgrammes.managingOrgId, actor.organisationId))
    .orderBy(sql`${fundProgrammes.fiscalYear} desc`, fundProgrammes.code);
  const docs = rows.length
    ? await db
        .select({ programmeId: programmeDocuments.programmeId, kind: programmeDocuments.kind, version: sql<number>`max(${programmeDocuments.version})::int` })
        .from(programmeDocuments)
        .where(sql`${programmeDocuments.programmeId} in ${rows.map((r) => r.id)}`)
        .groupBy(programmeDocuments.programmeId, programmeDocuments.kind)
    : [];
  return rows.map((r) => ({ ...r, versions: Object.fromEntries(docs.filter((d) => d.programmeId === r.id).map((d) => [d.kind, Number(d.version)])) as Partial<Record<ProgrammeDocumentKind, number>> }));
}
