import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { holderFor, insertTransfer } from '@/lib/dal/internal/ledger/transfers';
import { recordTransfer } from '@/lib/dal/ledger/transfers';
import { activeDefinition } from '@/lib/dal/internal/workflow/definitions';
import { chinaToday } from '@/lib/domain/china-date';
import { transferSchema } from '@/lib/schemas/ledger';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { historyProblems } from '../support/history-checks';
import { DEMO_YEARS } from '@/lib/seed/demo';
import { APPLICATION_PLAN, PATH_TO } from '@/lib/seed/demo-applications';
import { COUNTIES } from '@/lib/seed/reference/plan-data';

/** Every timestamp the history writes, by table: none may be the day the demo was loaded. */
const HISTORY_TIMES = [
  ['audit_log', 'at', `action not in ('reference.seeded', 'demo.seeded')`],
  ['transfers', 'recorded_at', 'true'],
  ['expenditures', 'recorded_at', 'true'],
  ['fund_programmes', 'created_at', 'true'],
  ['publications', 'published_at', 'true'],
  ['publications', 'event_at', 'true'],
  ['disclosure_obligations', 'event_at', 'true'],
  ['formula_versions', 'created_at', 'true'],
  ['formula_versions', 'frozen_at', 'true'],
  ['allocation_batches', 'created_at', 'true'],
  ['allocation_batches', 'computed_at', 'true'],
  ['factor_values', 'entered_at', 'true'],
  ['workflow_items', 'created_at', 'true'],
  ['workflow_items', 'stage_entered_at', 'true'],
  ['workflow_transitions', 'at', 'true'],
  ['follows', 'created_at', 'true'],
  ['outbox', 'created_at', 'true'],
  ['outbox', 'delivered_at', 'true'],
  ['notifications', 'created_at', 'true'],
] as const;

describe.each(DRIVERS)('the demo history on %s', (driver) => {
  let t: TestDatabase;
  let loadedAt: Date;
  beforeAll(async () => {
    loadedAt = new Date();
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('passes the checks real history passes: audited transfers, publications and transitions, outbox rows, a chain verified from genesis, legal stages', async () => {
    expect(await historyProblems(t.db)).toEqual([]);
    // …and there was history to check.
    const [n] = rowsOf<{ transfers: number; publications: number; transitions: number; audit: number }>(
      await t.db.execute(sql`select (select count(*) from transfers)::int as transfers, (select count(*) from publications)::int as publications,
        (select count(*) from workflow_transitions)::int as transitions, (select count(*) from audit_log)::int as audit`),
    );
    expect(n!.transfers).toBeGreaterThan(390);
    // Each programme's catalogue, rules and guideline, the batch's formula and result, and one allocation result per document of a sender.
    // (less the one set of rules the demo never publishes), and the allocation results of every document, one per sender and 文号, in versions.
    const [docs] = rowsOf<{ n: number; subjects: number; versions: number }>(
      await t.db.execute(sql`select (select count(distinct (from_holder_id, doc_number)) from transfers where kind <> 'appropriation')::int as n,
        (select count(distinct subject_id) from publications where subject_type = 'transfer_document')::int as subjects,
        (select count(*) from publications where subject_type = 'transfer_document')::int as versions`),
    );
    expect(docs!.subjects).toBe(docs!.n);
    // …plus the plan indicators' 40 yearly values and one correction, the three evaluation results, and the one closed audit finding.
    expect(n!.publications).toBe(DEMO_YEARS.length * (3 + COUNTIES.length) * 3 - 1 + 2 + docs!.versions + 41 + 3 + 1);
    // The batch's six steps, every step of every demo application, and the evaluated applications' eight steps from submission to 绩效评价.
    expect(n!.transitions).toBe(6 + APPLICATION_PLAN.reduce((sum, a) => sum + PATH_TO[a.stage]!.length, 0) + 3 * 8);
    expect(n!.audit).toBeGreaterThan(n!.transfers);
  });

  it('records every movement of money as a command of the organisation that sent it, by one of its demo accounts', async () => {
    const rows = rowsOf<{ id: number; kind: string; is_demo: boolean; user_demo: boolean | null; user_org: number | null; from_org: number | null; from_project: number | null; to_org: number | null }>(
      await t.db.execute(sql`select t.id, t.kind, t.is_demo, u.is_demo as user_demo, u.organisation_id as user_org,
          fh.organisation_id as from_org, fh.project_id as from_project, th.organisation_id as to_org
        from transfers t left join users u on u.id = t.recorded_by
        left join holders fh on fh.id = t.from_holder_id join holders th on th.id = t.to_holder_id order by t.id`),
    );
    const wrong: string[] = [];
    for (const r of rows) {
      if (!r.is_demo || !r.user_demo) wrong.push(`transfer ${r.id} is not a demo account's demo record`);
      if (r.kind === 'appropriation') {
        if (r.user_org !== r.to_org) wrong.push(`appropriation ${r.id} not recorded by the managing organisation`);
      } else if (r.kind === 'reversal') {
        // Whoever sent the money takes it back: the reversal runs to them.
        if (r.user_org !== r.to_org) wrong.push(`reversal ${r.id} not recorded by the organisation that sent the original`);
      } else if (r.from_project === null) {
        if (r.user_org !== r.from_org) wrong.push(`transfer ${r.id} not recorded by the sending organisation`);
      } else {
        const [may] = rowsOf<{ ok: boolean }>(
          await t.db.execute(sql`select exists (select 1 from projects p where p.id = ${r.from_project} and (p.implementing_org_id = ${r.user_org}
            or exists (select 1 from project_counties pc where pc.project_id = p.id and pc.county_id = ${r.user_org}))) as ok`),
        );
        if (!may!.ok) wrong.push(`disbursement ${r.id} not recorded by the project's unit or county`);
      }
    }
    expect(wrong).toEqual([]);
    // Each transfer's audit entry is by the account that recorded it.
    const mismatched = rowsOf<{ id: number }>(
      await t.db.execute(sql`select t.id from transfers t where not exists (select 1 from audit_log a
        where ((a.entity_type = 'transfer' and a.entity_id = t.id::text) or a.after->'transferIds' @> to_jsonb(t.id)) and a.actor_id = t.recorded_by)`),
    );
    expect(mismatched).toEqual([]);
  });

  it('dates everything at the demo’s own dates, not the day it was loaded', async () => {
    const today: string[] = [];
    for (const [table, column, where] of HISTORY_TIMES) {
      const [row] = rowsOf<{ n: number; latest: string | null }>(
        await t.db.execute(sql`select count(*)::int as n, max(${sql.identifier(column)})::text as latest from ${sql.identifier(table)}
          where ${sql.raw(where)} and ${sql.identifier(column)} >= ${loadedAt.toISOString()}::timestamptz`),
      );
      if (row!.n > 0) today.push(`${table}.${column}: ${row!.n} rows at ${row!.latest}`);
    }
    expect(today).toEqual([]);
    // A transfer is recorded on the day it bears; a publication at the moment of its event.
    const transfers = await t.db.select({ id: s.transfers.id, date: s.transfers.transferDate, recordedAt: s.transfers.recordedAt }).from(s.transfers);
    expect(transfers.filter((x) => chinaToday(x.recordedAt) !== x.date)).toEqual([]);
    const publications = await t.db.select({ kind: s.publications.kind, eventAt: s.publications.eventAt, publishedAt: s.publications.publishedAt, dataAsOf: s.publications.dataAsOf }).from(s.publications);
    expect(publications.filter((p) => p.eventAt.getTime() !== p.publishedAt.getTime())).toEqual([]);
    for (const p of publications.filter((x) => x.kind === 'fund_catalogue')) expect(p.publishedAt.toISOString()).toMatch(/^20(23|24|25|26)-01-15T/);
    // The audit log reads as the history happened: in the order of its dates.
    const audit = await t.db.select({ id: s.auditLog.id, at: s.auditLog.at, action: s.auditLog.action }).from(s.auditLog).orderBy(asc(s.auditLog.id));
    const history = audit.filter((a) => !['reference.seeded', 'demo.seeded'].includes(a.action));
    expect(history.filter((a, i) => i > 0 && a.at < history[i - 1]!.at).map((a) => a.id)).toEqual([]);
    expect(history[0]!.at.toISOString()).toBe(`${DEMO_YEARS[0]}-01-15T00:00:00.000Z`);
  });

  it('takes the demo batch through every stage by the officer, the reviewer and the approver, and tells the officer when it happened', async () => {
    const [batch] = await t.db.select().from(s.allocationBatches).where(eq(s.allocationBatches.code, 'FP-DEMO-2025-1'));
    const [item] = await t.db.select().from(s.workflowItems).where(and(eq(s.workflowItems.kind, 'allocation_batch'), eq(s.workflowItems.subjectId, batch!.id)));
    expect(item!.stage).toBe('published');
    const steps = await t.db
      .select({ action: s.workflowTransitions.action, username: s.users.username, at: s.workflowTransitions.at })
      .from(s.workflowTransitions)
      .innerJoin(s.users, eq(s.users.id, s.workflowTransitions.actorId))
      .where(eq(s.workflowTransitions.itemId, item!.id))
      .orderBy(asc(s.workflowTransitions.id));
    expect(steps.map((x) => [x.action, x.username, chinaToday(x.at)])).toEqual([
      ['enter_factors', 'officer', '2025-06-08'],
      ['compute', 'officer', '2025-06-10'],
      ['review', 'reviewer', '2025-06-12'],
      ['approve', 'approver', '2025-06-15'],
      ['issue', 'officer', '2025-06-18'],
      ['publish', 'officer', '2025-06-18'],
    ]);
    // The approval published the formula and the result; the issue paid the six counties that day.
    const published = await t.db.select({ kind: s.publications.kind, at: s.publications.publishedAt }).from(s.publications).where(and(eq(s.publications.subjectType, 'batch'), eq(s.publications.subjectId, batch!.id)));
    expect(published.map((p) => [p.kind, chinaToday(p.at)]).sort()).toEqual([['allocation_result', '2025-06-15'], ['formula', '2025-06-15']]);
    const issued = await t.db.select({ date: s.transfers.transferDate, isDemo: s.transfers.isDemo }).from(s.transfers).where(eq(s.transfers.batchId, batch!.id));
    expect(issued).toHaveLength(6);
    expect(issued.every((x) => x.date === '2025-06-18' && x.isDemo)).toBe(true);
    // The worker delivered each step's outbox row then; the officer, who submitted, heard of the two steps others took.
    const outbox = await t.db.select({ createdAt: s.outbox.createdAt, deliveredAt: s.outbox.deliveredAt }).from(s.outbox).where(sql`${s.outbox.payload}->>'itemId' = ${String(item!.id)}`);
    expect(outbox).toHaveLength(6);
    expect(outbox.every((o) => o.deliveredAt?.getTime() === o.createdAt.getTime())).toBe(true);
    const [officer] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'officer'));
    const notes = await t.db.select({ createdAt: s.notifications.createdAt }).from(s.notifications).where(eq(s.notifications.userId, officer!.id)).orderBy(asc(s.notifications.id));
    expect(notes.map((x) => chinaToday(x.createdAt))).toEqual(['2025-06-12', '2025-06-15']);
  });

  it('labels all of it as demo data, so that an administrator can hide it', async () => {
    const unlabelled = rowsOf<{ what: string; n: number }>(
      await t.db.execute(sql`select 'programmes' as what, count(*)::int as n from fund_programmes where not is_demo
        union all select 'publications', count(*)::int from publications where not is_demo
        union all select 'expenditures', count(*)::int from expenditures where not is_demo
        union all select 'holders', count(*)::int from holders where not is_demo`),
    );
    expect(unlabelled.filter((u) => u.n > 0)).toEqual([]);
    const byUser = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.transfers).where(inArray(s.transfers.recordedBy, t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.isDemo, false))));
    expect(byUser[0]!.n).toBe(0);
  });
  it('still holds once users add to it, and the same checks catch a history written around the data layer', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const [programme] = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2026-YQ'));
    const [county] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'));
    await recordTransfer(officer, transferSchema.parse({ clientKey: randomUUID(), programmeId: programme!.id, fromRef: `org:${officer.actor.organisationId}`, toRef: `org:${county!.id}`, transferDate: chinaToday(), docNumber: '阳财建〔2026〕901号', kind: 'allocation', amount: '1.00', unit: 'yuan' }));
    expect(await historyProblems(t.db)).toEqual([]);

    // What the seed used to do: rows inserted around the data layer, an item put straight at its last stage.
    const bare = await createDatabase(driver, { demo: false });
    try {
      const [city] = await bare.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ'));
      const [prog] = await bare.db.insert(s.fundProgrammes).values({ code: 'FAKE-2025', name: '伪造', level: 'municipal', fiscalYear: 2025, managingOrgId: city!.id, totalFen: 100n, purpose: '伪造' }).returning({ id: s.fundProgrammes.id });
      const fake = await bare.db.transaction(async (tx) =>
        insertTransfer(tx, { programmeId: prog!.id, fromHolderId: null, toHolderId: await holderFor(tx, { kind: 'organisation', organisationId: city!.id }), amountFen: 100n, kind: 'appropriation', transferDate: '2025-01-15', docNumber: '伪造〔2025〕1号', recordedBy: null }),
      );
      const { id: definitionId } = await activeDefinition(bare.db, 'allocation_batch');
      const [item] = await bare.db.insert(s.workflowItems).values({ kind: 'allocation_batch', definitionId, subjectId: 1, organisationId: city!.id, stage: 'published', revision: 6 }).returning({ id: s.workflowItems.id });
      expect(await historyProblems(bare.db)).toEqual([`transfer ${fake.id} has no audit entry`, `item ${item!.id} sits at published but its transitions lead to draft`]);
    } finally {
      await bare.drop();
    }
  });
});
