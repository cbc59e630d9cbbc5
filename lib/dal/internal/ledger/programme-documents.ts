import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { programmeDocuments } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { storeDocument, type UploadedFile } from '../documents';
import { publishSnapshot } from '../publish';

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
  /** Only for historical (seeded) records: when it was in fact published. */
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
