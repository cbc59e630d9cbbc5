import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { feedback, feedbackAnswers, feedbackContacts, feedbackEvents, feedbackPhotos, fundProgrammes, organisations, projects, publications } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { Queryable } from '@/db/client';
import { overdueNow } from '../internal/participation/overdue';
import type { Ctx } from '../auth/session';
import { appendAudit } from '../internal/audit';

type Access = 'moderator' | 'auditor' | 'answerer';

/**
 * Who may open an item in the workspace: moderators and auditors any item; an organisation's
 * answerers only what is assigned to it. Everyone else (and an answerer asking for another
 * organisation's item) gets not-found, so a tracking code cannot be probed from the workspace.
 */
function accessTo(ctx: Ctx, item: { assignedOrgId: number | null }): Access {
  if (can(ctx.actor, 'feedback.moderate')) return 'moderator';
  if (can(ctx.actor, 'feedback.audit')) return 'auditor';
  if (can(ctx.actor, 'feedback.answer') && item.assignedOrgId === ctx.actor.organisationId) return 'answerer';
  throw new AppError('not_found');
}

/** The organisation that would usually answer: the project's implementer, the programme's manager, the county, the publisher. */
async function suggestedOrganisation(db: Queryable, subjectType: string, subjectId: number | null): Promise<number | null> {
  if (subjectId === null) return null;
  if (subjectType === 'project') return (await db.select({ o: projects.implementingOrgId }).from(projects).where(eq(projects.id, subjectId)))[0]?.o ?? null;
  if (subjectType === 'programme') return (await db.select({ o: fundProgrammes.managingOrgId }).from(fundProgrammes).where(eq(fundProgrammes.id, subjectId)))[0]?.o ?? null;
  if (subjectType === 'county') return subjectId;
  if (subjectType === 'publication') return (await db.select({ o: publications.issuerOrgId }).from(publications).where(eq(publications.id, subjectId)))[0]?.o ?? null;
  return null;
}

/** One item as the workspace shows it; the contact only to moderators and auditors, and each such read is logged. */
export async function feedbackItem(ctx: Ctx, trackingCode: string) {
  const [item] = await ctx.db.select().from(feedback).where(eq(feedback.trackingCode, trackingCode));
  if (!item) throw new AppError('not_found');
  const access = accessTo(ctx, item);
  const [events, answers, photos, org] = await Promise.all([
    ctx.db.select({ event: feedbackEvents.event, note: feedbackEvents.note, at: feedbackEvents.at }).from(feedbackEvents).where(eq(feedbackEvents.feedbackId, item.id)).orderBy(asc(feedbackEvents.at), asc(feedbackEvents.id)),
    ctx.db
      .select({ id: feedbackAnswers.id, body: feedbackAnswers.body, at: feedbackAnswers.createdAt, orgName: organisations.name, orgNameEn: organisations.nameEn })
      .from(feedbackAnswers)
      .innerJoin(organisations, eq(organisations.id, feedbackAnswers.organisationId))
      .where(eq(feedbackAnswers.feedbackId, item.id))
      .orderBy(desc(feedbackAnswers.createdAt), desc(feedbackAnswers.id)),
    ctx.db.select({ id: feedbackPhotos.id, width: feedbackPhotos.width, height: feedbackPhotos.height }).from(feedbackPhotos).where(eq(feedbackPhotos.feedbackId, item.id)).orderBy(asc(feedbackPhotos.id)),
    item.assignedOrgId ? ctx.db.select({ name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.id, item.assignedOrgId)) : Promise.resolve([]),
  ]);
  let contact: string | null = null;
  if (access !== 'answerer') {
    const [c] = await ctx.db.select({ contact: feedbackContacts.contact }).from(feedbackContacts).where(eq(feedbackContacts.feedbackId, item.id));
    if (c) {
      contact = c.contact;
      await ctx.db.transaction((tx) => appendAudit(tx, { actor: ctx.actor, action: 'feedback.contact_read', entityType: 'feedback', entityId: item.id }));
    }
  }
  const rest = { ...item, contactHash: undefined };
  return {
    item: rest,
    access,
    contact,
    events,
    answers,
    photos,
    assignedOrg: org[0] ?? null,
    suggestedOrgId: access === 'moderator' ? await suggestedOrganisation(ctx.db, item.subjectType, item.subjectId) : null,
  };
}

/** A photo as the workspace may show it: same access as its item. */
export async function feedbackPhotoForWorkspace(ctx: Ctx, photoId: number) {
  const [row] = await ctx.db
    .select({ content: feedbackPhotos.content, mimeType: feedbackPhotos.mimeType, sha256: feedbackPhotos.sha256, assignedOrgId: feedback.assignedOrgId })
    .from(feedbackPhotos)
    .innerJoin(feedback, eq(feedback.id, feedbackPhotos.feedbackId))
    .where(eq(feedbackPhotos.id, photoId));
  if (!row) throw new AppError('not_found');
  accessTo(ctx, row);
  return row;
}

/** Reports (举报) for the auditors, whether or not a moderator published them. */
export async function reportsForAuditors(ctx: Ctx) {
  if (!can(ctx.actor, 'feedback.audit')) throw new AppError('forbidden');
  return ctx.db
    .select({ trackingCode: feedback.trackingCode, status: feedback.status, body: feedback.body, createdAt: feedback.createdAt, dueAt: feedback.dueAt, overdue: overdueNow, orgName: organisations.name, orgNameEn: organisations.nameEn })
    .from(feedback)
    .leftJoin(organisations, eq(organisations.id, feedback.assignedOrgId))
    .where(and(eq(feedback.kind, 'report')))
    .orderBy(desc(feedback.createdAt))
    .limit(200);
}

/** Organisations a moderator may assign to. */
export async function assignableOrganisations(ctx: Ctx) {
  if (!can(ctx.actor, 'feedback.moderate')) throw new AppError('forbidden');
  return ctx.db.select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn, level: organisations.level }).from(organisations).orderBy(asc(organisations.id));
}
