import 'server-only';
import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { allocationBatches, evaluations, notifications, organisations, projectApplications, projects, users, workflowItems, workflowTransitions } from '@/db/schema';
import { manualTransitionsFrom, refusalFor, stageDef, type Refusal, type WorkflowDefinition } from '@/lib/domain/workflow';
import { AppError } from '@/lib/errors';
import type { Actor } from '../auth/actor';
import { orgsUnderGovernment } from '../internal/ledger/holder-refs';
import { definitionById, definitionsByIds } from '../internal/workflow/definitions';
import { actorFacts, itemFacts, maySee, type WorkflowItemRow } from '../internal/workflow/facts';
import { assertCan, itemReach, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { logWithheldReads, type ReadItem } from '../audit/withheld-reads';

export interface AvailableAction {
  action: string;
  name: string;
  nameEn: string;
  reason: 'required' | 'optional' | 'none';
  effects: string[];
  /** Why the actor may not take it; the page hides refused actions, the engine refuses them anyway. */
  refusal: Refusal | null;
}

export interface WorkItemDto {
  id: number;
  kind: WorkflowItemRow['kind'];
  subjectId: number;
  code: string;
  /** A project's name or a batch's title: official Chinese text. */
  title: string;
  organisationName: string;
  organisationNameEn: string;
  stage: string;
  stageName: string;
  stageNameEn: string;
  dueAt: Date | null;
  overdue: boolean;
}

async function titles(db: Queryable, items: WorkflowItemRow[]): Promise<Map<number, { code: string; title: string }>> {
  const out = new Map<number, { code: string; title: string }>();
  const apps = items.filter((i) => i.kind === 'project_application').map((i) => i.subjectId);
  const batches = items.filter((i) => i.kind === 'allocation_batch').map((i) => i.subjectId);
  const appRows = apps.length
    ? await db.select({ id: projectApplications.id, code: projectApplications.code, title: projects.name }).from(projectApplications).innerJoin(projects, eq(projects.id, projectApplications.projectId)).where(inArray(projectApplications.id, apps))
    : [];
  const batchRows = batches.length ? await db.select({ id: allocationBatches.id, code: allocationBatches.code, title: allocationBatches.title }).from(allocationBatches).where(inArray(allocationBatches.id, batches)) : [];
  for (const i of items) {
    const row = (i.kind === 'project_application' ? appRows : batchRows).find((r) => r.id === i.subjectId);
    if (row) out.set(i.id, { code: row.code, title: row.title });
  }
  return out;
}

async function toDtos(db: Queryable, items: WorkflowItemRow[], now = new Date()): Promise<WorkItemDto[]> {
  const names = await titles(db, items);
  const orgIds = [...new Set(items.map((i) => i.organisationId))];
  const orgs = orgIds.length ? await db.select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const defs = await definitionsByIds(db, items.map((i) => i.definitionId));
  const out: WorkItemDto[] = [];
  for (const i of items) {
    const def = defs.get(i.definitionId)!;
    const stage = stageDef(def, i.stage);
    out.push({
      id: i.id,
      kind: i.kind,
      subjectId: i.subjectId,
      code: names.get(i.id)?.code ?? String(i.subjectId),
      title: names.get(i.id)?.title ?? '',
      organisationName: orgs.find((o) => o.id === i.organisationId)?.name ?? '',
      organisationNameEn: orgs.find((o) => o.id === i.organisationId)?.nameEn ?? '',
      stage: i.stage,
      stageName: stage?.name ?? i.stage,
      stageNameEn: stage?.nameEn ?? i.stage,
      dueAt: i.dueAt,
      overdue: !!i.dueAt && i.dueAt < now,
    });
  }
  return out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.id - b.id);
}

/** The actions this actor could take on the item now, each with the rule that would refuse it. */
async function availableActions(db: Queryable, actor: Actor, item: WorkflowItemRow, def?: WorkflowDefinition): Promise<AvailableAction[]> {
  const d = def ?? (await definitionById(db, item.definitionId));
  const facts = await actorFacts(db, actor, item);
  const history = await itemFacts(db, d, item);
  return manualTransitionsFrom(d, item.stage)
    .filter((t) => t.role === actor.role)
    .map((t) => ({ action: t.action, name: t.name, nameEn: t.nameEn, reason: t.reason, effects: t.effects, refusal: refusalFor(t, facts, history) }));
}

/** 待办: what awaits this actor, overdue first, then by due date. */
export async function myInbox(ctx: Ctx): Promise<WorkItemDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const governed = await orgsUnderGovernment(db, actor.organisationId);
  const [org] = await db.select({ level: organisations.level }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const candidates = await db
    .select()
    .from(workflowItems)
    // Whatever the role, a transition may concern the actor's government's items: the rules below decide.
    .where(scopeWhere(ctx, workflowItems.organisationId, 'government'))
    .orderBy(asc(workflowItems.dueAt))
    .limit(2000);
  const defs = await definitionsByIds(db, candidates.map((i) => i.definitionId));
  // An evaluation's approval awaits the approver only once the evaluator has reviewed it.
  const reviewed = new Set((await db.select({ applicationId: evaluations.applicationId }).from(evaluations).where(eq(evaluations.status, 'reviewed'))).map((r) => r.applicationId));
  const mine: WorkflowItemRow[] = [];
  for (const item of candidates) {
    const def = defs.get(item.definitionId)!;
    const open = manualTransitionsFrom(def, item.stage).filter((t) => t.role === actor.role && (!t.effects.includes('publish_evaluation') || (item.kind === 'project_application' && reviewed.has(item.subjectId))));
    if (!open.length) continue;
    const facts = { id: actor.id, role: actor.role, orgLevel: org!.level, ownsItem: item.organisationId === actor.organisationId, governsItem: governed.includes(item.organisationId) };
    // The history is read only for items the role, level and relation already admit.
    if (!open.some((t) => refusalFor(t, facts, { submittedBy: null, lastEditedBy: null, actorsSinceSubmission: [] }) === null)) continue;
    const history = await itemFacts(db, def, item);
    if (open.some((t) => refusalFor(t, facts, history) === null)) mine.push(item);
  }
  return toDtos(db, mine);
}

/** For a supervisor: every overdue item of their organisation and those it governs. */
export async function overdueInOrganisation(ctx: Ctx): Promise<WorkItemDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'workflow.supervise');
  const rows = await db
    .select()
    .from(workflowItems)
    .where(and(isNotNull(workflowItems.dueAt), lt(workflowItems.dueAt, new Date()), scopeWhere(ctx, workflowItems.organisationId, itemReach(actor))))
    .orderBy(asc(workflowItems.dueAt))
    .limit(500);
  return toDtos(db, rows);
}

/** Items of the actor's own organisation (what a unit or officer started), newest first. */
export async function ownItems(ctx: Ctx, kind: WorkflowItemRow['kind']): Promise<WorkItemDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'workspace.enter');
  const rows = await db
    .select()
    .from(workflowItems)
    .where(and(eq(workflowItems.kind, kind), scopeWhere(ctx, workflowItems.organisationId, itemReach(actor))))
    .orderBy(sql`${workflowItems.id} desc`)
    .limit(200);
  return toDtos(db, rows);
}

export interface TimelineEntry {
  id: number;
  action: string;
  fromStage: string;
  toStage: string;
  fromName: string;
  fromNameEn: string;
  toName: string;
  toNameEn: string;
  actorName: string | null;
  organisationName: string;
  organisationNameEn: string;
  reason: string | null;
  at: Date;
  changes: Record<string, unknown> | null;
}

async function timelineRows(db: Queryable, itemId: number) {
  return db
    .select({
      id: workflowTransitions.id,
      action: workflowTransitions.action,
      fromStage: workflowTransitions.fromStage,
      toStage: workflowTransitions.toStage,
      reason: workflowTransitions.reason,
      at: workflowTransitions.at,
      changes: workflowTransitions.changes,
      actorName: users.displayName,
      organisationName: organisations.name,
      organisationNameEn: organisations.nameEn,
      showOfficerNames: organisations.showOfficerNames,
    })
    .from(workflowTransitions)
    .innerJoin(users, eq(users.id, workflowTransitions.actorId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(workflowTransitions.itemId, itemId))
    .orderBy(asc(workflowTransitions.id));
}

/** An item with its timeline and the actions open to the actor; not found when the actor may not see it. */
export async function workItem({ db, actor }: Ctx, itemId: number) {
  assertCan(actor, 'workspace.enter');
  const [item] = await db.select().from(workflowItems).where(eq(workflowItems.id, itemId));
  if (!item) throw new AppError('not_found');
  const facts = await actorFacts(db, actor, item);
  if (!maySee(actor, facts)) throw new AppError('not_found');
  const def = await definitionById(db, item.definitionId);
  const [dto] = await toDtos(db, [item]);
  const timeline: TimelineEntry[] = (await timelineRows(db, itemId)).map((r) => ({
    ...r,
    fromName: stageDef(def, r.fromStage)?.name ?? r.fromStage,
    fromNameEn: stageDef(def, r.fromStage)?.nameEn ?? r.fromStage,
    toName: stageDef(def, r.toStage)?.name ?? r.toStage,
    toNameEn: stageDef(def, r.toStage)?.nameEn ?? r.toStage,
    changes: r.changes as Record<string, unknown> | null,
  }));
  await logWithheldSubject({ db, actor }, item);
  return { item: { ...dto!, revision: item.revision, returnReason: item.returnReason }, def, timeline, actions: await availableActions(db, actor, item, def) };
}

/**
 * An item's page shows its subject whole: a project application's project, a batch's programme and
 * the transfers it issued. A reader of everything (an auditor) reading a withheld one is logged.
 */
async function logWithheldSubject(ctx: Ctx, item: WorkflowItemRow) {
  const rows = rowsOf<{ project_id: number | null; programme_id: number | null; transfer_ids: number[] | null }>(
    await ctx.db.execute(sql`select
        (select pa.project_id from project_applications pa where ${item.kind} = 'project_application' and pa.id = ${item.subjectId}) as project_id,
        (select b.programme_id from allocation_batches b where ${item.kind} = 'allocation_batch' and b.id = ${item.subjectId}) as programme_id,
        (select array_agg(t.id) from transfers t where ${item.kind} = 'allocation_batch' and t.batch_id = ${item.subjectId}) as transfer_ids`),
  );
  const r = rows[0];
  if (!r) return;
  const items: ReadItem[] = [
    ...(r.project_id === null ? [] : [{ type: 'project' as const, id: Number(r.project_id) }]),
    ...(r.programme_id === null ? [] : [{ type: 'programme' as const, id: Number(r.programme_id) }]),
    ...(r.transfer_ids ?? []).map((id) => ({ type: 'transfer' as const, id: Number(id) })),
  ];
  await logWithheldReads(ctx, items, 'workflow_item');
}

export async function myNotifications({ db, actor }: Ctx) {
  assertCan(actor, 'workspace.enter');
  return db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, actor.id))
    .orderBy(sql`${notifications.id} desc`)
    .limit(100);
}
