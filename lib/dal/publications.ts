import 'server-only';
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { publications, type PublicationKind } from '@/db/schema';
import { canonicalJson, toJsonSafe } from '@/lib/audit/chain';
import { chinaToday } from '@/lib/domain/china-date';
import { diffContent } from '@/lib/domain/publication-diff';
import { AppError } from '@/lib/errors';
import { appendAudit } from './audit';
import { recordPublicationItems } from './disclosure/items';
import { settleObligations } from './disclosure/obligations';
import { assertCan } from './scope';
import type { Ctx } from './session';

export type SubjectType = 'programme' | 'batch' | 'project' | 'evaluation' | 'year';

export interface SnapshotInput {
  kind: PublicationKind;
  subjectType: SubjectType;
  subjectId: number;
  title: string;
  content: unknown;
  notice: string;
  issuerOrgId: number;
  docNumber?: string | null;
  dataAsOf: string;
  eventAt: Date;
  changeReason?: string | null;
  isDemo?: boolean;
  /** Only for historical records loaded by the seed; otherwise the time of the transaction. */
  publishedAt?: Date;
}

/**
 * Writes an immutable snapshot in the caller's transaction: the event that makes a disclosure
 * true publishes it. A later call for the same subject is a new version and must say why.
 * The same transaction records what the content names (for withholding) and settles the
 * disclosure obligations, so a publication and its bookkeeping exist together or not at all.
 */
export async function publishSnapshot(tx: Tx, input: SnapshotInput): Promise<{ id: number; version: number; contentHash: string }> {
  const content = toJsonSafe(input.content);
  const contentHash = createHash('sha256').update(canonicalJson({ content, notice: input.notice })).digest('hex');
  const [last] = await tx
    .select({ version: sql<number>`coalesce(max(${publications.version}), 0)::int` })
    .from(publications)
    .where(and(eq(publications.kind, input.kind), eq(publications.subjectType, input.subjectType), eq(publications.subjectId, input.subjectId)));
  const version = Number(last?.version ?? 0) + 1;
  const [row] = await tx
    .insert(publications)
    .values({
      kind: input.kind,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      version,
      title: input.title,
      content,
      notice: input.notice,
      contentHash,
      changeReason: input.changeReason ?? null,
      issuerOrgId: input.issuerOrgId,
      docNumber: input.docNumber ?? null,
      dataAsOf: input.dataAsOf,
      eventAt: input.eventAt,
      isDemo: input.isDemo ?? false,
      ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}),
    })
    .returning({ id: publications.id });
  await recordPublicationItems(tx, row!.id, input, content);
  await settleObligations(tx, { kind: input.kind, subjectType: input.subjectType, subjectId: input.subjectId, responsibleOrgId: input.issuerOrgId, eventAt: input.eventAt }, row!.id, version === 1);
  return { id: row!.id, version, contentHash };
}

/**
 * What a correction may change: descriptive text only. Amounts, recipients, codes, hashes and
 * document references come from the events that published them (a new document is published
 * through the programme's documents; new amounts through a new batch), and the withholding
 * references of a publication are read from these structural fields, so they cannot drift.
 */
const CORRECTABLE: Record<PublicationKind, RegExp[]> = {
  fund_catalogue: [/^name$/, /^purpose$/, /^managingOrg$/],
  management_rules: [],
  application_guideline: [],
  formula: [/^batch\.title$/, /^formula\.description$/, /^formula\.factors\[\d+\]\.(name|unit|source)$/, /^recipients\[\d+\]\.(name|sources\.\w+)$/],
  allocation_result: [/^batch\.title$/, /^formula\.description$/, /^recipients\[\d+\]\.(name|adjustmentReason)$/],
  evaluation_result: [/^summary$/, /^comments$/],
};

export interface CorrectionInput {
  publicationId: number;
  content: unknown;
  notice?: string;
  changeReason: string;
}

/**
 * 更正: a finance officer of the issuing organisation publishes a new version of the latest
 * snapshot with a reason; the earlier versions stay public and the diff is shown between them.
 */
export async function publishCorrection({ db, actor }: Ctx, input: CorrectionInput): Promise<{ id: number; version: number; changes: number }> {
  assertCan(actor, 'publication.correct');
  const reason = input.changeReason.trim();
  if (reason.length < 4) throw new AppError('validation', 'disclosure.reasonRequired', { changeReason: 'disclosure.reasonRequired' });
  if (typeof input.content !== 'object' || input.content === null || Array.isArray(input.content)) {
    throw new AppError('validation', 'disclosure.contentInvalid', { content: 'disclosure.contentInvalid' });
  }
  return db.transaction(async (tx) => {
    const [base] = await tx.select().from(publications).where(eq(publications.id, input.publicationId));
    if (!base) throw new AppError('not_found');
    if (base.issuerOrgId !== actor.organisationId) throw new AppError('forbidden', 'disclosure.notIssuer');
    const [latest] = await tx
      .select()
      .from(publications)
      .where(and(eq(publications.kind, base.kind), eq(publications.subjectType, base.subjectType), eq(publications.subjectId, base.subjectId)))
      .orderBy(desc(publications.version))
      .limit(1)
      .for('update');
    if (latest!.id !== base.id) throw new AppError('stale', 'disclosure.notLatest');
    const content = toJsonSafe(input.content);
    const notice = input.notice?.trim() || latest!.notice;
    const changes = diffContent(latest!.content, content);
    if (changes.length === 0 && notice === latest!.notice) throw new AppError('validation', 'disclosure.noChange', { content: 'disclosure.noChange' });
    const fixed = changes.find((c) => c.op !== 'changed' || !CORRECTABLE[latest!.kind].some((re) => re.test(c.path)) || (c.after !== null && typeof c.after !== 'string'));
    if (fixed) throw new AppError('validation', 'disclosure.notCorrectable', { [fixed.path]: 'disclosure.notCorrectable' });
    const res = await publishSnapshot(tx, {
      kind: latest!.kind,
      subjectType: latest!.subjectType,
      subjectId: latest!.subjectId,
      title: latest!.title,
      content,
      notice,
      issuerOrgId: latest!.issuerOrgId,
      docNumber: latest!.docNumber,
      dataAsOf: chinaToday(),
      eventAt: latest!.eventAt,
      changeReason: reason,
      isDemo: latest!.isDemo,
    });
    await appendAudit(tx, {
      actor,
      action: 'publication.corrected',
      entityType: 'publication',
      entityId: res.id,
      before: { id: latest!.id, version: latest!.version, contentHash: latest!.contentHash },
      after: { version: res.version, contentHash: res.contentHash, changeReason: reason, changes: changes.length },
    });
    return { id: res.id, version: res.version, changes: changes.length };
  });
}
