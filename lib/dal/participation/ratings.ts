import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Db } from '@/db/client';
import { citizenTokens, projectRatings } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { CitizenRatingInput } from '@/lib/schemas/participation-follow';
import { appendAudit } from '../internal/audit';
import { announcePublicChange } from '../internal/public-change';
import { contactFor, queueConfirmation, tokenRow } from '../internal/participation/confirmations';
import { awaitSubmissionGuard } from '../internal/participation/guard';
import { TOKEN_PATTERN } from '../internal/participation/links';
import { publicProjectCompleted, publicSubjectByCode, publicSubjectById } from '../internal/participation/subjects';

export type RatingLinkOutcome = 'confirmed' | 'replaced' | 'already_confirmed' | 'expired' | 'invalid';

export interface RatingLinkResult {
  outcome: RatingLinkOutcome;
  project: { code: string; name: string } | null;
  score: number | null;
}

/** Whether the public may rate a project (its works accepted, 竣工验收); false when unknown or withheld. */
export async function projectRatable(db: Db, code: string): Promise<boolean> {
  const project = await publicSubjectByCode(db, 'project', code);
  return !!project && (await publicProjectCompleted(db, project.id));
}

/**
 * A citizen rates a completed public project 1-5: the rating counts only once its address confirms
 * by the mailed link. The score travels in the link, so a pending second rating never disturbs the
 * one already confirmed; confirming it replaces that score (one rating per address and project).
 */
export async function requestProjectRating(db: Db, input: CitizenRatingInput, clientAddress: string, now = new Date()): Promise<{ status: 'check_mail' }> {
  await awaitSubmissionGuard(db, clientAddress, 'rating', now);
  return db.transaction(async (tx) => {
    const project = await publicSubjectByCode(tx, 'project', input.code);
    if (!project) throw new AppError('not_found', 'follow.subjectUnknown');
    if (!(await publicProjectCompleted(tx, project.id))) throw new AppError('validation', 'follow.notCompleted');
    const contactId = await contactFor(tx, input.email);
    await tx.insert(projectRatings).values({ projectId: project.id, contactId, score: input.score, createdAt: now }).onConflictDoNothing();
    const [rating] = await tx
      .select({ id: projectRatings.id, confirmedAt: projectRatings.confirmedAt })
      .from(projectRatings)
      .where(and(eq(projectRatings.projectId, project.id), eq(projectRatings.contactId, contactId)))
      .for('update');
    if (!rating!.confirmedAt) await tx.update(projectRatings).set({ score: input.score }).where(eq(projectRatings.id, rating!.id));
    // Only the latest request's link confirms: an older link cannot bring back an older score.
    await tx
      .update(citizenTokens)
      .set({ usedAt: now })
      .where(and(eq(citizenTokens.purpose, 'confirm_rating'), eq(citizenTokens.targetId, rating!.id), isNull(citizenTokens.usedAt)));
    await queueConfirmation(tx, { purpose: 'confirm_rating', contactId, targetId: rating!.id, prefix: `${input.score}.`, now });
    await appendAudit(tx, { actor: null, action: 'rating.requested', entityType: 'project', entityId: project.id, after: { ratingId: rating!.id } });
    return { status: 'check_mail' as const };
  });
}

const scoreOf = (token: string) => Number(token.slice(0, token.indexOf('.')));

async function inspect(db: Db, token: string, confirm: boolean, now: Date): Promise<RatingLinkResult> {
  if (!TOKEN_PATTERN.test(token) || !token.includes('.')) return { outcome: 'invalid', project: null, score: null };
  return db.transaction(async (tx) => {
    const row = await tokenRow(tx, token, 'confirm_rating');
    const [rating] = row ? await tx.select().from(projectRatings).where(eq(projectRatings.id, row.targetId)).for('update') : [];
    const project = rating && (await publicSubjectById(tx, 'project', rating.projectId));
    if (!row || !rating || !project || !(await publicProjectCompleted(tx, project.id))) return { outcome: 'invalid' as const, project: null, score: null };
    const score = scoreOf(token);
    const shown = { code: project.code, name: project.name };
    if (row.usedAt) return { outcome: 'already_confirmed' as const, project: shown, score };
    if (row.expiresAt && row.expiresAt <= now) return { outcome: 'expired' as const, project: shown, score };
    const outcome = rating.confirmedAt ? ('replaced' as const) : ('confirmed' as const);
    if (!confirm) return { outcome, project: shown, score };
    await tx.update(projectRatings).set({ score, confirmedAt: now }).where(eq(projectRatings.id, rating.id));
    await tx.update(citizenTokens).set({ usedAt: now }).where(eq(citizenTokens.id, row.id));
    // The project page and the lists show the ratings: their cached copies go.
    await announcePublicChange(tx, [`project:${project.code}`]);
    await appendAudit(tx, { actor: null, action: outcome === 'replaced' ? 'rating.replaced' : 'rating.confirmed', entityType: 'project', entityId: project.id, before: rating.confirmedAt ? { score: rating.score } : undefined, after: { ratingId: rating.id, score } });
    return { outcome, project: shown, score };
  });
}

/** What a rating's confirmation link would do, for its page (opening it changes nothing). */
export const ratingConfirmLink = (db: Db, token: string, now = new Date()): Promise<RatingLinkResult> => inspect(db, token, false, now);

/** Confirms a rating by its mailed link; idempotent. A confirmed rating of the same address is replaced. */
export async function confirmProjectRating(db: Db, token: string, clientAddress: string, now = new Date()): Promise<RatingLinkResult> {
  await awaitSubmissionGuard(db, clientAddress, 'link', now);
  return inspect(db, token, true, now);
}

/* For the public pages and actions: the link's token (or the typed address) is the caller's only credential. */
export const askToRate = async (input: CitizenRatingInput, clientAddress: string) => requestProjectRating(await getDb(), input, clientAddress);
export const confirmRatingByLink = async (token: string, clientAddress: string) => confirmProjectRating(await getDb(), token, clientAddress);
export const ratingLinkOf = async (token: string) => ratingConfirmLink(await getDb(), token);
export const isProjectRatable = async (code: string) => projectRatable(await getDb(), code);
