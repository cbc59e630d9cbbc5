import 'server-only';
import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { publications } from '@/db/schema';
import { PUBLICATION_KINDS, type PublicationKind } from '@/lib/domain/vocabulary';
import { toJsonSafe } from '@/lib/audit/chain';
import { chinaToday } from '@/lib/domain/china-date';
import { diffContent, leavesOf, withLeaf } from '@/lib/domain/publication-diff';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { publishSnapshot } from '../internal/publish';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

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
  evaluation_result: [/^summary$/, /^findings$/, /^corrections$/],
  // A measured value is corrected only by a new submission approved by a second person, with its reason.
  indicator_report: [],
  // A finding changes only by being reopened and closed again by the auditor, which publishes a new version.
  audit_finding: [],
  // A checkpoint states what the chain head was; nothing in it is descriptive.
  audit_checkpoint: [],
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

/** The descriptive-text fields of a publication's content that a correction may change, with their current text. */
export function correctableFields(kind: PublicationKind, content: unknown): { path: string; value: string }[] {
  return leavesOf(content)
    .filter((l) => (typeof l.value === 'string' || l.value === null) && CORRECTABLE[kind].some((re) => re.test(l.path)))
    .map((l) => ({ path: l.path, value: (l.value as string | null) ?? '' }));
}

/** Kinds with at least one correctable field: rules and guidelines change only through a new document. */
export const CORRECTABLE_KINDS = PUBLICATION_KINDS.filter((k) => CORRECTABLE[k].length > 0);

export interface CorrectableDto {
  id: number;
  kind: PublicationKind;
  title: string;
  version: number;
  publishedAt: Date;
}

/** The latest versions of the caller's organisation's publications that have text a correction may change. */
export async function correctablePublications({ db, actor }: Ctx, query: { q?: string; kind?: PublicationKind } = {}): Promise<CorrectableDto[]> {
  assertCan(actor, 'publication.correct');
  const kinds = query.kind ? CORRECTABLE_KINDS.filter((k) => k === query.kind) : CORRECTABLE_KINDS;
  if (!kinds.length) return [];
  return db
    .select({ id: publications.id, kind: publications.kind, title: publications.title, version: publications.version, publishedAt: publications.publishedAt })
    .from(publications)
    .where(
      and(
        eq(publications.issuerOrgId, actor.organisationId),
        inArray(publications.kind, kinds),
        query.q ? ilike(publications.title, `%${query.q}%`) : undefined,
        sql`not exists (select 1 from publications later where later.kind = ${publications.kind} and later.subject_type = ${publications.subjectType}
              and later.subject_id = ${publications.subjectId} and later.version > ${publications.version})`,
      ),
    )
    .orderBy(desc(publications.publishedAt), desc(publications.id))
    .limit(100);
}

export interface CorrectionFormDto {
  id: number;
  kind: PublicationKind;
  title: string;
  version: number;
  notice: string;
  /** The id of the latest version when this one has been superseded: only the latest is corrected. */
  latestId: number | null;
  fields: { path: string; value: string }[];
}

/** What the correction form of one publication shows; only its issuing organisation may correct it. */
export async function correctionForm({ db, actor }: Ctx, publicationId: number): Promise<CorrectionFormDto> {
  assertCan(actor, 'publication.correct');
  const [p] = await db.select().from(publications).where(eq(publications.id, publicationId));
  if (!p) throw new AppError('not_found');
  if (p.issuerOrgId !== actor.organisationId) throw new AppError('forbidden', 'disclosure.notIssuer');
  const [latest] = await db
    .select({ id: publications.id })
    .from(publications)
    .where(and(eq(publications.kind, p.kind), eq(publications.subjectType, p.subjectType), eq(publications.subjectId, p.subjectId)))
    .orderBy(desc(publications.version))
    .limit(1);
  return { id: p.id, kind: p.kind, title: p.title, version: p.version, notice: p.notice, latestId: latest!.id === p.id ? null : latest!.id, fields: correctableFields(p.kind, p.content) };
}

export interface FieldCorrectionInput {
  publicationId: number;
  /** New text by field path (as `correctableFields` names them); fields left out keep their text. */
  fields: Record<string, string>;
  notice?: string;
  changeReason: string;
}

/**
 * A correction entered field by field: each named field must be one of the publication's
 * correctable text fields; the new content is the latest content with those fields replaced,
 * published through `publishCorrection`, which checks the descriptive-text rule again.
 */
export async function publishFieldCorrection(ctx: Ctx, input: FieldCorrectionInput): Promise<{ id: number; version: number; changes: number }> {
  assertCan(ctx.actor, 'publication.correct');
  const [base] = await ctx.db.select({ kind: publications.kind, content: publications.content }).from(publications).where(eq(publications.id, input.publicationId));
  if (!base) throw new AppError('not_found');
  const current = new Map(correctableFields(base.kind, base.content).map((f) => [f.path, f.value]));
  let content: unknown = base.content;
  for (const [path, text] of Object.entries(input.fields)) {
    if (!current.has(path)) throw new AppError('validation', 'disclosure.notCorrectable', { [path]: 'disclosure.notCorrectable' });
    const value = text.trim();
    if (value.length > 2000) throw new AppError('validation', 'disclosure.fieldTooLong', { [path]: 'disclosure.fieldTooLong' });
    // An empty field that was empty (or absent text) stays as it was.
    if (value !== current.get(path)) content = withLeaf(content, path, value);
  }
  return publishCorrection(ctx, { publicationId: input.publicationId, content, notice: input.notice, changeReason: input.changeReason });
}
