import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  applicationDocuments,
  balances,
  holders,
  documents,
  fundProgrammes,
  organisations,
  performanceTargets,
  projectApplications,
  projectCounties,
  projects,
  workflowItems,
} from '@/db/schema';
import { AppError } from '@/lib/errors';
import { LEDGER_SOURCES, type ApplicationCommand } from '@/lib/schemas/workflow';
import type { Actor } from '../auth/actor';
import { appendAudit } from '../internal/audit';
import { lockCodeFamily } from '../internal/codes';
import { storeDocument, uploadDigest, type UploadedFile } from '../internal/documents';
import { orgsUnderGovernment } from '../internal/ledger/holder-refs';
import { once } from '../internal/idempotency';
import { applicationSnapshot } from '../internal/workflow/application-effects';
import { definitionById } from '../internal/workflow/definitions';
import { actorFacts, follow, maySee, startItem } from '../internal/workflow/facts';
import { assertCan } from '../auth/scope';
import { nowOf } from '../internal/clock';
import type { Ctx } from '../auth/session';

export type ApplicationRow = typeof projectApplications.$inferSelect;

/** The county must be a county government the applicant belongs to. */
async function assertCountyYours(tx: Tx, actor: Actor, countyId: number): Promise<void> {
  const [county] = await tx.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, countyId), eq(organisations.level, 'county'), eq(organisations.kind, 'government')));
  if (!county || !(await orgsUnderGovernment(tx, county.id)).includes(actor.organisationId)) {
    throw new AppError('validation', 'workflow.countyNotYours', { countyId: 'workflow.countyNotYours' });
  }
}

/** Checks the project and county of an application and returns the project id, creating a new project when asked. */
async function resolveProject(tx: Tx, actor: Actor, cmd: ApplicationCommand): Promise<number> {
  await assertCountyYours(tx, actor, cmd.countyId);
  if (cmd.projectId !== '') {
    const [p] = await tx
      .select({ id: projects.id })
      .from(projects)
      .innerJoin(projectCounties, and(eq(projectCounties.projectId, projects.id), eq(projectCounties.countyId, cmd.countyId)))
      .where(and(eq(projects.id, cmd.projectId), eq(projects.implementingOrgId, actor.organisationId)));
    if (!p) throw new AppError('validation', 'workflow.projectNotYours', { projectId: 'workflow.projectNotYours' });
    return p.id;
  }
  await lockCodeFamily(tx, `XM-${cmd.fiscalYear}`);
  const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(projects).where(sql`${projects.code} like ${`XM-${cmd.fiscalYear}-%`}`)) as [{ n: number }];
  const [p] = await tx
    .insert(projects)
    .values({
      code: `XM-${cmd.fiscalYear}-${String(Number(n) + 1).padStart(4, '0')}`,
      name: cmd.newProjectName,
      type: cmd.projectType as Exclude<ApplicationCommand['projectType'], ''>,
      implementingOrgId: actor.organisationId,
      description: cmd.description,
      town: cmd.town || null,
      plannedStart: cmd.plannedStart,
      plannedEnd: cmd.plannedEnd,
    })
    .returning({ id: projects.id });
  await tx.insert(projectCounties).values({ projectId: p!.id, countyId: cmd.countyId });
  return p!.id;
}

function contentOf(cmd: ApplicationCommand) {
  return {
    fiscalYear: cmd.fiscalYear,
    requestedCentralFen: cmd.requested.central,
    requestedProvincialFen: cmd.requested.provincial,
    requestedMunicipalFen: cmd.requested.municipal,
    ownFundsFen: cmd.requested.own,
    plannedStart: cmd.plannedStart,
    plannedEnd: cmd.plannedEnd,
    countyId: cmd.countyId,
    town: cmd.town || null,
    description: cmd.description,
  };
}

async function saveTargetsAndFiles(tx: Tx, actor: Actor, applicationId: number, projectId: number, cmd: ApplicationCommand, files: UploadedFile[], now?: Date) {
  await tx.delete(performanceTargets).where(eq(performanceTargets.applicationId, applicationId));
  await tx.insert(performanceTargets).values(cmd.targets.map((t) => ({ ...t, projectId, applicationId, createdAt: now })));
  for (const f of files) {
    const doc = await storeDocument(tx, f, actor.id, 'attachments');
    await tx.insert(applicationDocuments).values({ applicationId, documentId: doc.id });
  }
}

/** A unit's application starts as a draft item of the project-application workflow. */
export async function createApplication({ db, actor, clock }: Ctx, cmd: ApplicationCommand, files: UploadedFile[] = []): Promise<{ applicationId: number; itemId: number; replayed: boolean }> {
  assertCan(actor, 'project.apply');
  const now = nowOf({ clock });
  return db.transaction(async (tx) => {
    const { clientKey, ...body } = cmd;
    const { replayed, result } = await once(tx, { clientKey, userId: actor.id, body: { ...body, files: files.map(uploadDigest) } }, async () => {
      const projectId = await resolveProject(tx, actor, cmd);
      await lockCodeFamily(tx, `SB-${cmd.fiscalYear}`);
      const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(projectApplications).where(eq(projectApplications.fiscalYear, cmd.fiscalYear))) as [{ n: number }];
      const [app] = await tx
        .insert(projectApplications)
        .values({ ...contentOf(cmd), code: `SB-${cmd.fiscalYear}-${String(Number(n) + 1).padStart(4, '0')}`, projectId, applicantOrgId: actor.organisationId, createdBy: actor.id, createdAt: now, updatedAt: now })
        .returning({ id: projectApplications.id, code: projectApplications.code });
      await saveTargetsAndFiles(tx, actor, app!.id, projectId, cmd, files, now);
      const item = await startItem(tx, actor, { kind: 'project_application', subjectId: app!.id, organisationId: actor.organisationId }, now);
      await follow(tx, actor.id, { subjectType: 'project', subjectId: projectId }, now);
      await appendAudit(tx, { actor, action: 'application.created', entityType: 'project_application', entityId: app!.id, after: { code: app!.code, projectId, ...contentOf(cmd), targets: cmd.targets.length, files: files.length }, at: now });
      return { applicationId: app!.id, itemId: item.id };
    });
    return { ...result, replayed };
  });
}

/** The applicant changes the content while the stage allows it; the edit makes them its last editor. */
export async function updateApplication(
  { db, actor }: Ctx,
  ref: { applicationId: number; expectedRevision: number },
  cmd: ApplicationCommand,
  files: UploadedFile[] = [],
): Promise<{ revision: number }> {
  assertCan(actor, 'project.apply');
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(projectApplications).where(eq(projectApplications.id, ref.applicationId));
    if (!app || app.applicantOrgId !== actor.organisationId) throw new AppError('not_found');
    const [item] = await tx.select().from(workflowItems).where(and(eq(workflowItems.kind, 'project_application'), eq(workflowItems.subjectId, app.id)));
    const def = await definitionById(tx, item!.definitionId);
    if (!def.stages.find((s) => s.code === item!.stage)?.editable) throw new AppError('conflict', 'workflow.notEditable');
    if (cmd.projectId !== '' && cmd.projectId !== app.projectId) throw new AppError('validation', 'workflow.projectFixed', { projectId: 'workflow.projectFixed' });
    await assertCountyYours(tx, actor, cmd.countyId);
    const [bumped] = await tx
      .update(workflowItems)
      .set({ revision: sql`${workflowItems.revision} + 1`, lastEditedBy: actor.id })
      .where(and(eq(workflowItems.id, item!.id), eq(workflowItems.revision, ref.expectedRevision), eq(workflowItems.stage, item!.stage)))
      .returning({ revision: workflowItems.revision });
    if (!bumped) throw new AppError('stale', 'workflow.stale');
    const before = await applicationSnapshot(tx, app.id);
    await tx.update(projectApplications).set({ ...contentOf(cmd), updatedAt: new Date() }).where(eq(projectApplications.id, app.id));
    await saveTargetsAndFiles(tx, actor, app.id, app.projectId, cmd, files);
    await appendAudit(tx, { actor, action: 'application.updated', entityType: 'project_application', entityId: app.id, before, after: await applicationSnapshot(tx, app.id) });
    return { revision: bumped.revision };
  });
}

export interface ApplicationDetailDto {
  id: number;
  code: string;
  projectId: number;
  projectCode: string;
  projectName: string;
  applicantOrgId: number;
  applicantName: string;
  applicantNameEn: string;
  countyId: number;
  countyName: string;
  countyNameEn: string | null;
  fiscalYear: number;
  town: string | null;
  plannedStart: string;
  plannedEnd: string;
  description: string;
  requested: { central: bigint; provincial: bigint; municipal: bigint; own: bigint };
  targets: { category: string; subcategory: string; name: string; unit: string; targetValue: string }[];
  attachments: { documentId: number; filename: string; sha256: string; byteSize: number }[];
}

/** The application behind a workflow item, for whoever may see that item (null otherwise, as for no such application). */
export async function applicationDetail({ db, actor }: Ctx, applicationId: number): Promise<ApplicationDetailDto | null> {
  assertCan(actor, 'workspace.enter');
  const [item] = await db.select().from(workflowItems).where(and(eq(workflowItems.kind, 'project_application'), eq(workflowItems.subjectId, applicationId)));
  if (!item || !maySee(actor, await actorFacts(db, actor, item))) return null;
  const [row] = await db
    .select({ app: projectApplications, projectCode: projects.code, projectName: projects.name, applicantName: organisations.name, applicantNameEn: organisations.nameEn })
    .from(projectApplications)
    .innerJoin(projects, eq(projects.id, projectApplications.projectId))
    .innerJoin(organisations, eq(organisations.id, projectApplications.applicantOrgId))
    .where(eq(projectApplications.id, applicationId));
  if (!row) return null;
  const [county] = await db.select({ name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.id, row.app.countyId));
  const targets = await db
    .select({ category: performanceTargets.category, subcategory: performanceTargets.subcategory, name: performanceTargets.name, unit: performanceTargets.unit, targetValue: performanceTargets.targetValue })
    .from(performanceTargets)
    .where(eq(performanceTargets.applicationId, applicationId))
    .orderBy(asc(performanceTargets.id));
  const attachments = await db
    .select({ documentId: documents.id, filename: documents.filename, sha256: documents.sha256, byteSize: documents.byteSize })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(documents.id));
  const a = row.app;
  return {
    id: a.id,
    code: a.code,
    projectId: a.projectId,
    projectCode: row.projectCode,
    projectName: row.projectName,
    applicantOrgId: a.applicantOrgId,
    applicantName: row.applicantName,
    applicantNameEn: row.applicantNameEn,
    countyId: a.countyId,
    countyName: county?.name ?? '',
    countyNameEn: county?.nameEn ?? null,
    fiscalYear: a.fiscalYear,
    town: a.town,
    plannedStart: a.plannedStart,
    plannedEnd: a.plannedEnd,
    description: a.description,
    requested: { central: a.requestedCentralFen, provincial: a.requestedProvincialFen, municipal: a.requestedMunicipalFen, own: a.ownFundsFen },
    targets,
    attachments,
  };
}

export interface FundOptionDto {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  balanceFen: string;
}

/** For the 资金下达 step: per source level, the programmes the actor's organisation holds money of. */
export async function fundOptions({ db, actor }: Ctx): Promise<Record<(typeof LEDGER_SOURCES)[number], FundOptionDto[]>> {
  assertCan(actor, 'transfer.record');
  const rows = await db
    .select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn, level: fundProgrammes.level, balanceFen: balances.balanceFen })
    .from(balances)
    .innerJoin(holders, and(eq(holders.id, balances.holderId), eq(holders.kind, 'organisation'), eq(holders.organisationId, actor.organisationId)))
    .innerJoin(fundProgrammes, eq(fundProgrammes.id, balances.programmeId))
    .where(sql`${balances.balanceFen} > 0`)
    .orderBy(sql`${fundProgrammes.fiscalYear} desc`, asc(fundProgrammes.code));
  const pick = (level: string) => rows.filter((r) => r.level === level).map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, balanceFen: r.balanceFen.toString() }));
  return { central: pick('central'), provincial: pick('provincial'), municipal: pick('municipal') };
}

export interface ApplicationChoices {
  projects: { id: number; code: string; name: string; countyIds: number[] }[];
  counties: { id: number; name: string; nameEn: string }[];
  towns: string[];
}

/** What the unit's form offers: its own projects, and the counties it belongs to. */
export async function applicationChoices({ db, actor }: Ctx): Promise<ApplicationChoices> {
  assertCan(actor, 'project.apply');
  const own = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, countyId: projectCounties.countyId })
    .from(projects)
    .innerJoin(projectCounties, eq(projectCounties.projectId, projects.id))
    .where(eq(projects.implementingOrgId, actor.organisationId))
    .orderBy(asc(projects.code));
  const byId = new Map<number, ApplicationChoices['projects'][number]>();
  for (const p of own) {
    const e = byId.get(p.id) ?? { id: p.id, code: p.code, name: p.name, countyIds: [] };
    e.countyIds.push(p.countyId);
    byId.set(p.id, e);
  }
  const counties = await db
    .select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .where(and(eq(organisations.level, 'county'), eq(organisations.kind, 'government'), sql`${organisations.id} = org_government(${actor.organisationId})`));
  const towns = counties.length
    ? await db.select({ name: organisations.name }).from(organisations).where(and(eq(organisations.level, 'township'), eq(organisations.parentId, counties[0]!.id))).orderBy(asc(organisations.code))
    : [];
  return { projects: [...byId.values()], counties, towns: towns.map((t) => t.name) };
}

/** An application's attachment, for whoever may see the application's workflow item; nothing else. */
export async function applicationAttachment(ctx: Ctx, itemId: number, documentId: number) {
  assertCan(ctx.actor, 'workspace.enter');
  const [item] = await ctx.db.select().from(workflowItems).where(and(eq(workflowItems.id, itemId), eq(workflowItems.kind, 'project_application')));
  if (!item || !maySee(ctx.actor, await actorFacts(ctx.db, ctx.actor, item))) throw new AppError('not_found');
  const [doc] = await ctx.db
    .select({ filename: documents.filename, mimeType: documents.mimeType, sha256: documents.sha256, content: documents.content })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(and(eq(applicationDocuments.applicationId, item.subjectId), eq(applicationDocuments.documentId, documentId)));
  if (!doc) throw new AppError('not_found');
  return doc;
}
