import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gte, like, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { applicationAttachment, createApplication, updateApplication } from '@/lib/dal/workflow/applications';
import { publishDefinition } from '@/lib/dal/workflow/definitions';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { setFollowing } from '@/lib/dal/workflow/follows';
import { deliverOutbox } from '@/lib/dal/workflow/outbox';
import { myInbox, overdueInOrganisation, ownItems, workItem } from '@/lib/dal/workflow/queries';
import { publicTimeline } from '@/lib/dal/public/timeline';
import { DEFAULT_DEFINITIONS } from '@/lib/domain/workflow-defaults';
import { AppError } from '@/lib/errors';
import { applicationSchema, type ApplicationFormInput } from '@/lib/schemas/workflow';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe.each(DRIVERS)('approval workflow on %s', (driver) => {
  let t: TestDatabase;
  // The demo's history is dated in the past; what this suite does happens after this instant.
  const started = new Date();
  let yuCounty: number;
  let projectId: number;
  const ids = { item: 0, application: 0 };

  const org = async (code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
  const item = async () => (await t.db.select().from(s.workflowItems).where(eq(s.workflowItems.id, ids.item)))[0]!;
  const move = async (username: string, action: string, extra: { reason?: string; params?: Parameters<typeof applyTransition>[1]['params']; revision?: number } = {}) =>
    applyTransition(await ctxFor(t.db, username), { itemId: ids.item, action, expectedRevision: extra.revision ?? (await item()).revision, reason: extra.reason, params: extra.params });
  const form = (over: Partial<ApplicationFormInput> = {}): ApplicationFormInput => ({
    clientKey: randomUUID(),
    projectId,
    fiscalYear: 2026,
    countyId: yuCounty,
    town: '秀水镇',
    plannedStart: '2026-04-01',
    plannedEnd: '2026-11-30',
    description: '对废弃矿山边坡进行削坡整形、覆土绿化和截排水工程。',
    unit: 'wan',
    central: '12',
    provincial: '3',
    municipal: '1.55',
    own: '0.5',
    targets: [{ category: 'output', subcategory: 'quantity', name: '治理面积', unit: '公顷', targetValue: '85.5' }],
    ...over,
  });

  beforeAll(async () => {
    t = await createDatabase(driver);
    yuCounty = await org('140322');
    const unitOrg = await org('DEMO-UNIT-140322');
    [{ id: projectId }] = (await t.db.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.implementingOrgId, unitOrg)).orderBy(s.projects.code).limit(1)) as [{ id: number }];
    // An implementing unit of another county, to show that one county's reviewer cannot touch it.
    await t.db.insert(s.users).values({ username: 'unit-cq', displayName: '城区实施单位', role: 'implementing_unit', organisationId: await org('DEMO-UNIT-140302'), passwordHash: await hashPassword('x-Long-Password-1') });
  });
  afterAll(async () => t?.drop());

  it('keeps an application as a draft the applicant owns, with its targets, and refuses bad input', async () => {
    const bad = applicationSchema.safeParse(form({ central: '', provincial: '0', municipal: '', plannedEnd: '2026-01-01' }));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).sort()).toEqual(['workflow.amountRequired', 'workflow.scheduleOrder']);
    const other = await refusal(createApplication(await ctxFor(t.db, 'unit'), applicationSchema.parse(form({ countyId: await org('140302') }))));
    expect(other.messageKey).toBe('workflow.countyNotYours');
    const res = await createApplication(await ctxFor(t.db, 'unit'), applicationSchema.parse(form()));
    ids.item = res.itemId;
    ids.application = res.applicationId;
    const [app] = await t.db.select().from(s.projectApplications).where(eq(s.projectApplications.id, res.applicationId));
    expect([app!.requestedCentralFen, app!.requestedProvincialFen, app!.requestedMunicipalFen, app!.ownFundsFen]).toEqual([12_000_000n, 3_000_000n, 1_550_000n, 500_000n]);
    expect((await item()).stage).toBe('draft');
    expect(await t.db.select({ n: count() }).from(s.performanceTargets).where(eq(s.performanceTargets.applicationId, res.applicationId))).toEqual([{ n: 1 }]);
  });

  it('refuses transitions by the wrong role, level or organisation, from the wrong stage, and without a reason', async () => {
    expect((await refusal(move('reviewer-yx', 'accept'))).messageKey).toBe('workflow.notAllowedHere');
    expect((await refusal(move('officer', 'submit'))).messageKey).toBe('workflow.refused.wrong_role');
    expect((await refusal(move('unit-cq', 'submit'))).code).toBe('not_found');
    await move('unit', 'submit');
    expect((await item()).stage).toBe('applied');
    expect((await refusal(move('reviewer', 'accept'))).messageKey).toBe('workflow.refused.wrong_level');
    expect((await refusal(move('unit', 'accept'))).messageKey).toBe('workflow.refused.wrong_role');
    const stale = await refusal(move('reviewer-yx', 'accept', { revision: (await item()).revision - 1 }));
    expect(stale.code).toBe('stale');
    await move('reviewer-yx', 'accept');
    const noReason = await refusal(move('reviewer-yx', 'return', { reason: '   ' }));
    expect(noReason.fieldErrors).toEqual({ reason: 'workflow.reasonRequired' });
    expect((await item()).stage).toBe('first_review');
  });

  it('returns with a reason, lets the applicant fix it, and shows what changed on resubmission', async () => {
    await move('reviewer-yx', 'return', { reason: '绩效目标缺少质量指标，请补充。' });
    const returned = await item();
    expect(returned.stage).toBe('returned');
    expect(returned.returnReason).toBe('绩效目标缺少质量指标，请补充。');
    await updateApplication(await ctxFor(t.db, 'unit'), { applicationId: ids.application, expectedRevision: returned.revision }, applicationSchema.parse(form({
      central: '11',
      targets: [
        { category: 'output', subcategory: 'quantity', name: '治理面积', unit: '公顷', targetValue: '85.5' },
        { category: 'output', subcategory: 'quality', name: '植被成活率', unit: '%', targetValue: '90' },
      ],
    })));
    await move('unit', 'submit');
    const [resubmit] = await t.db.select().from(s.workflowTransitions).where(eq(s.workflowTransitions.itemId, ids.item)).orderBy(sql`${s.workflowTransitions.id} desc`).limit(1);
    const diff = (resubmit!.changes as { diff: { field: string }[] }).diff.map((d) => d.field);
    expect(diff).toEqual(['requestedCentralFen', 'targets']);
  });

  it('keeps maker and checker apart: nobody approves what they submitted or edited', async () => {
    // A definition in which reviewers draft and approve shows the rule without relying on roles.
    const def = structuredClone(DEFAULT_DEFINITIONS.project_application);
    const submit = def.transitions.find((x) => x.action === 'submit')!;
    submit.role = 'reviewer';
    submit.relation = 'government';
    const admin = await ctxFor(t.db, 'admin');
    const published = await publishDefinition(admin, 'project_application', def);
    expect(published.version).toBe(2);
    const { itemId } = await createApplication(await ctxFor(t.db, 'unit'), applicationSchema.parse(form()));
    const [fresh] = await t.db.select().from(s.workflowItems).where(eq(s.workflowItems.id, itemId));
    expect(fresh!.definitionId).not.toBe((await item()).definitionId);
    const yx = await ctxFor(t.db, 'reviewer-yx');
    await applyTransition(yx, { itemId, action: 'submit', expectedRevision: fresh!.revision });
    const own = await workItem(yx, itemId);
    expect(own.actions.find((a) => a.action === 'accept')!.refusal).toBe('self_approval');
    const e = await refusal(applyTransition(yx, { itemId, action: 'accept', expectedRevision: own.item.revision }));
    expect(e.messageKey).toBe('workflow.refused.self_approval');
    // Restore the seeded definition for the rest of the suite; the item above keeps version 2.
    await publishDefinition(admin, 'project_application', DEFAULT_DEFINITIONS.project_application);
  });

  it('lets exactly one of two reviewers approving at once win', async () => {
    await move('reviewer-yx', 'accept');
    await move('reviewer-yx', 'pass');
    const revision = (await item()).revision;
    const [a, b] = await Promise.allSettled([move('reviewer', 'approve', { revision }), move('approver', 'approve', { revision })]);
    const outcomes = [a, b].map((r) => r.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const lost = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as AppError).code).toBe('stale');
    expect((await item()).stage).toBe('approved');
    expect(await t.db.select({ n: count() }).from(s.workflowTransitions).where(and(eq(s.workflowTransitions.itemId, ids.item), eq(s.workflowTransitions.action, 'approve')))).toEqual([{ n: 1 }]);
  });

  it('issues the funds as payments from the county in the same transaction, or not at all', async () => {
    const programme = async (code: string) => (await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, code)))[0]!.id;
    const fund = { central: await programme('DEMO-2026-CN'), provincial: await programme('DEMO-2026-SX'), municipal: await programme('DEMO-2026-YQ'), docNumber: '盂财建〔2026〕21号', transferDate: '2026-05-10' };
    const auditBefore = (await t.db.select({ n: count() }).from(s.auditLog))[0]!.n;
    // The municipal programme given for the central source: refused, and nothing of the transition remains.
    const wrong = await refusal(move('officer-yx', 'fund', { params: { fund: { ...fund, central: fund.municipal } } }));
    expect(wrong.messageKey).toBe('workflow.programmeLevel');
    expect((await item()).stage).toBe('approved');
    expect((await t.db.select({ n: count() }).from(s.auditLog))[0]!.n).toBe(auditBefore);
    await move('officer-yx', 'fund', { params: { fund } });
    const [last] = await t.db.select().from(s.workflowTransitions).where(eq(s.workflowTransitions.itemId, ids.item)).orderBy(sql`${s.workflowTransitions.id} desc`).limit(1);
    const transferIds = (last!.changes as { transferIds: number[] }).transferIds;
    const paid = await t.db.select({ amountFen: s.transfers.amountFen, kind: s.transfers.kind }).from(s.transfers).where(sql`${s.transfers.id} in ${transferIds}`);
    expect(paid.map((p) => p.amountFen).sort()).toEqual([11_000_000n, 1_550_000n, 3_000_000n].sort());
    expect(new Set(paid.map((p) => p.kind))).toEqual(new Set(['payment']));
    expect((await item()).stage).toBe('funded');
    // Funding publishes its document's allocation result, naming the project on every line; the transition names it.
    const publicationIds = (last!.changes as { publicationIds: number[] }).publicationIds;
    const [doc] = await t.db.select().from(s.publications).where(eq(s.publications.id, publicationIds[0]!));
    const lines = (doc!.content as { lines: { transferId: number; projectCode: string | null }[] }).lines;
    expect(lines.map((l) => l.transferId).sort()).toEqual([...transferIds].sort());
    expect(new Set(lines.map((l) => l.projectCode)).size).toBe(1);
  });

  it('writes one audit entry per transition and an outbox row each, delivered once to followers', async () => {
    // Only the applications moved by this suite (the demo seed carries its own history, delivered as it was replayed).
    const mineOnly = and(eq(s.workflowItems.kind, 'project_application'), gte(s.workflowItems.createdAt, started));
    const transitions = (await t.db.select({ n: count() }).from(s.workflowTransitions).innerJoin(s.workflowItems, eq(s.workflowItems.id, s.workflowTransitions.itemId)).where(mineOnly))[0]!.n;
    expect(transitions).toBeGreaterThan(0);
    const audits = (await t.db.select({ n: count() }).from(s.auditLog).where(and(like(s.auditLog.action, 'workflow.%'), eq(s.auditLog.entityType, 'project_application'), gte(s.auditLog.at, started))))[0]!.n;
    expect(audits).toBe(transitions);
    expect((await t.db.select({ n: count() }).from(s.outbox).where(and(sql`${s.outbox.payload}->>'kind' = 'project_application'`, gte(s.outbox.createdAt, started))))[0]!.n).toBe(transitions);
    // The demo batch's rows were delivered when its history was replayed; these are this suite's.
    // Funding publishes documents: each publication has its outbox row too (for e-mail followers).
    const published = (await t.db.select({ n: count() }).from(s.outbox).where(and(eq(s.outbox.topic, 'publication_published'), gte(s.outbox.createdAt, started))))[0]!.n;
    const first = await deliverOutbox(t.db);
    expect(first).toBe(transitions + published);
    expect(await deliverOutbox(t.db)).toBe(0);
    const unit = await ctxFor(t.db, 'unit');
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, unit.actor.id));
    // The unit follows what it submitted and hears of every move it did not make itself.
    const mine = await t.db.select({ n: count() }).from(s.workflowTransitions).innerJoin(s.workflowItems, eq(s.workflowItems.id, s.workflowTransitions.itemId)).where(and(eq(s.workflowItems.id, ids.item), sql`${s.workflowTransitions.actorId} <> ${unit.actor.id}`));
    expect(notes.length).toBeGreaterThanOrEqual(mine[0]!.n);
    expect(new Set(notes.map((n) => n.outboxId)).size).toBe(notes.length);
  });

  it('puts work in the right inboxes, overdue first, and shows supervisors what is late', async () => {
    const { itemId } = await createApplication(await ctxFor(t.db, 'unit'), applicationSchema.parse(form()));
    await applyTransition(await ctxFor(t.db, 'unit'), { itemId, action: 'submit', expectedRevision: 0 });
    const { itemId: late } = await createApplication(await ctxFor(t.db, 'unit'), applicationSchema.parse(form()));
    await applyTransition(await ctxFor(t.db, 'unit'), { itemId: late, action: 'submit', expectedRevision: 0 });
    await t.db.update(s.workflowItems).set({ dueAt: new Date('2026-01-01T00:00:00Z') }).where(eq(s.workflowItems.id, late));
    const inbox = await myInbox(await ctxFor(t.db, 'reviewer-yx'));
    // The most overdue first; every overdue item (the demo's included) before every item still in time.
    expect(inbox[0]!.id).toBe(late);
    expect(inbox[0]!.overdue).toBe(true);
    const fresh = inbox.findIndex((i) => !i.overdue);
    expect(inbox.slice(fresh).every((i) => !i.overdue)).toBe(true);
    expect(inbox.slice(fresh).map((i) => i.id)).toContain(itemId);
    expect((await myInbox(await ctxFor(t.db, 'reviewer'))).map((i) => i.id)).not.toContain(itemId);
    expect((await myInbox(await ctxFor(t.db, 'officer-yx'))).map((i) => i.id)).not.toContain(itemId);
    expect((await myInbox(await ctxFor(t.db, 'unit'))).map((i) => i.id)).toContain(ids.item);
    const overdue = await overdueInOrganisation(await ctxFor(t.db, 'reviewer'));
    expect(overdue.map((i) => i.id)).toContain(late);
    expect(overdue.map((i) => i.id)).not.toContain(itemId);
  });

  it('shows the public only public stages, and officers’ names only where their organisation allows', async () => {
    const timeline = await publicTimeline(ids.item, t.db);
    expect(timeline.map((e) => e.stage)).not.toContain('draft');
    expect(timeline.map((e) => e.stage).slice(0, 3)).toEqual(['applied', 'first_review', 'returned']);
    const county = timeline.find((e) => e.stage === 'first_review')!;
    expect(county.officerName).toBeNull();
    expect(county.organisationName).toBe('盂县');
    const city = timeline.find((e) => e.stage === 'approved')!;
    expect(city.organisationName).toBe('阳泉市财政局');
    expect(JSON.stringify(timeline)).not.toContain('绩效目标缺少质量指标');
    // A withheld project takes its items' history off the public timeline with it.
    const [app] = await t.db.select({ projectId: s.projectApplications.projectId }).from(s.projectApplications).where(eq(s.projectApplications.id, ids.application));
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const [officer] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'officer-yx'));
    const [a1, a2] = await t.db.select({ id: s.users.id }).from(s.users).where(sql`${s.users.username} in ('reviewer-yx', 'admin')`);
    const [w] = await t.db.insert(s.withholdings).values({ itemType: 'project', itemId: app!.projectId, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: officer!.id, approvedBy1: a1!.id, approvedBy2: a2!.id, status: 'active' }).returning({ id: s.withholdings.id });
    expect(await publicTimeline(ids.item, t.db)).toEqual([]);
    await t.db.update(s.withholdings).set({ status: 'revoked' }).where(eq(s.withholdings.id, w!.id));
    expect((await publicTimeline(ids.item, t.db)).length).toBe(timeline.length);
  });

  it('notifies a user who chose to follow an item, and stops when they unfollow', async () => {
    const city = await ctxFor(t.db, 'reviewer');
    await setFollowing(city, ids.item, true);
    await deliverOutbox(t.db);
    const notes = async () => (await t.db.select({ n: count() }).from(s.notifications).where(eq(s.notifications.userId, city.actor.id)))[0]!.n;
    const before = await notes();
    await move('unit', 'start');
    await deliverOutbox(t.db);
    expect(await notes()).toBe(before + 1);
    await setFollowing(city, ids.item, false);
    expect((await t.db.select({ action: s.auditLog.action }).from(s.auditLog).where(and(like(s.auditLog.action, 'follow.%'), eq(s.auditLog.actorId, city.actor.id))).orderBy(s.auditLog.id)).map((a) => a.action)).toEqual(['follow.added', 'follow.removed']);
    await move('reviewer-yx', 'complete');
    await deliverOutbox(t.db);
    expect(await notes()).toBe(before + 1);
    expect((await refusal(setFollowing(await ctxFor(t.db, 'unit-cq'), ids.item, true))).code).toBe('not_found');
  });

  it('shows an item only to its organisation and to the governing roles above it, and keeps an update in the applicant’s county', async () => {
    // A second implementing unit in the same county sees nothing of the first unit's work.
    const [neighbour] = await t.db.insert(s.organisations).values({ code: 'TEST-UNIT-140322-B', name: '盂县另一实施单位', nameEn: 'Another unit', level: 'unit', kind: 'implementing_unit', parentId: yuCounty }).returning({ id: s.organisations.id });
    await t.db.insert(s.users).values({ username: 'unit-yx-b', displayName: '另一单位', role: 'implementing_unit', organisationId: neighbour!.id, passwordHash: await hashPassword('x-Long-Password-1') });
    const other = await ctxFor(t.db, 'unit-yx-b');
    expect((await refusal(workItem(other, ids.item))).code).toBe('not_found');
    expect((await ownItems(other, 'project_application')).map((i) => i.id)).not.toContain(ids.item);
    expect((await refusal(workItem(await ctxFor(t.db, 'moderator'), ids.item))).code).toBe('not_found');
    expect((await workItem(await ctxFor(t.db, 'reviewer-yx'), ids.item)).item.id).toBe(ids.item);
    // A draft moved to another county on update is refused.
    const unit = await ctxFor(t.db, 'unit');
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    const { applicationId, itemId } = await createApplication(unit, applicationSchema.parse(form()), [{ filename: '可研报告.pdf', bytes: pdf }]);
    // Its attachment reaches those who may see the application, and no one else.
    const [att] = await t.db.select({ id: s.applicationDocuments.documentId }).from(s.applicationDocuments).where(eq(s.applicationDocuments.applicationId, applicationId));
    expect((await applicationAttachment(await ctxFor(t.db, 'reviewer-yx'), itemId, att!.id)).filename).toBe('可研报告.pdf');
    expect((await refusal(applicationAttachment(other, itemId, att!.id))).code).toBe('not_found');
    expect((await refusal(applicationAttachment(unit, ids.item, att!.id))).code).toBe('not_found');
    const [draft] = await t.db.select().from(s.workflowItems).where(eq(s.workflowItems.id, itemId));
    const moved = await refusal(updateApplication(unit, { applicationId, expectedRevision: draft!.revision }, applicationSchema.parse(form({ countyId: await org('140302') }))));
    expect(moved.messageKey).toBe('workflow.countyNotYours');
  });

  it('numbers applications and their new projects uniquely even when they are created at the same moment', async () => {
    const unit = await ctxFor(t.db, 'unit');
    const made = await Promise.all(Array.from({ length: 4 }, (_, i) => createApplication(unit, applicationSchema.parse(form({ projectId: '', newProjectName: `并发新项目 ${i}`, projectType: 'soil_erosion' })))));
    const codes = await t.db.select({ code: s.projectApplications.code, project: s.projects.code }).from(s.projectApplications).innerJoin(s.projects, eq(s.projects.id, s.projectApplications.projectId)).where(sql`${s.projectApplications.id} in ${made.map((m) => m.applicationId)}`);
    expect(new Set(codes.map((c) => c.code)).size).toBe(4);
    expect(new Set(codes.map((c) => c.project)).size).toBe(4);
  });

  it('keeps an undeliverable notification for a later attempt instead of losing it or blocking the others', async () => {
    const [item] = await t.db.select({ id: s.workflowItems.id }).from(s.workflowItems).where(eq(s.workflowItems.kind, 'project_application')).limit(1);
    const [bad] = await t.db
      .insert(s.outbox)
      .values({ topic: 'stage_changed', dedupeKey: `test:${randomUUID()}`, payload: { itemId: item!.id, kind: 'project_application', subjectId: 2_000_000_000, from: 'applied', to: 'first_review', action: 'accept', actorId: 1 } })
      .returning({ id: s.outbox.id });
    const unit = await ctxFor(t.db, 'unit');
    const { itemId } = await createApplication(unit, applicationSchema.parse(form()));
    await applyTransition(unit, { itemId, action: 'submit', expectedRevision: 0 });
    expect(await deliverOutbox(t.db)).toBe(1);
    const [kept] = await t.db.select().from(s.outbox).where(eq(s.outbox.id, bad!.id));
    expect(kept!.deliveredAt).toBeNull();
    expect(kept!.attempts).toBe(1);
    expect(kept!.lastError).toBeTruthy();
    expect(kept!.availableAt.getTime()).toBeGreaterThan(Date.now());
    // Not retried before its time, and the rest were delivered.
    expect(await deliverOutbox(t.db)).toBe(0);
  });
});
