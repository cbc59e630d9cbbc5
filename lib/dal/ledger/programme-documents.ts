import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { fundProgrammes, organisations, programmeDocuments } from '@/db/schema';
import { chinaToday } from '@/lib/domain/china-date';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { uploadDigest, type UploadedFile } from '../internal/documents';
import { once } from '../internal/idempotency';
import { publishProgrammeDocument, type ProgrammeDocumentKind } from '../internal/ledger/programme-documents';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';


/** The managing organisation publishes (or replaces) a programme's rules or guideline after opening it. */
export async function addProgrammeDocument(
  { db, actor, clock }: Ctx,
  cmd: { clientKey: string; programmeId: number; kind: ProgrammeDocumentKind; docNumber: string; changeReason: string },
  file: UploadedFile | undefined,
): Promise<{ publicationId: number; replayed: boolean }> {
  assertCan(actor, 'programme.write');
  if (!file) throw new AppError('validation', 'form.fileEmpty', { file: 'form.fileEmpty' });
  const now = nowOf({ clock });
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
        { programmeId: p.id, code: p.code, name: p.name, issuerOrgId: p.managingOrgId, issuerName: p.orgName, docNumber: cmd.docNumber, dataAsOf: chinaToday(now), eventAt: now, publishedAt: now, isDemo: p.isDemo, changeReason: cmd.changeReason || null },
        cmd.kind,
        file,
        actor.id,
      );
      await appendAudit(tx, { actor, action: 'programme.document_published', entityType: 'programme', entityId: p.id, after: { kind: cmd.kind, publicationId: pub.id, version: pub.version, sha256: pub.contentHash }, at: now });
      return { publicationId: pub.id };
    });
    return { ...result, replayed };
  });
}

/** Programmes the actor's organisation manages, with the documents each has published. */
export async function managedProgrammes({ db, actor }: Ctx) {
  assertCan(actor, 'programme.write');
  const rows = await db
    .select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn })
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
