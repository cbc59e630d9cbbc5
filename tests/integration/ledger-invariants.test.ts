import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { balanceOf, holderFor } from '@/lib/dal/internal/ledger/transfers';
import { AppError } from '@/lib/errors';
import { chinaToday } from '@/lib/domain/china-date';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { freshProgramme } from '../support/ledger-fixture';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).messageKey;
};

describe.each(DRIVERS)('ledger invariants held by the database on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver, { demo: false });
  });
  afterAll(async () => t?.drop());

  const balance = (programmeId: number, holderId: number) => t.db.transaction((tx) => balanceOf(tx, programmeId, holderId));

  it('moves money down the tree and keeps received − passed on', async () => {
    const f = await freshProgramme(t.db, 'T-DOWN', 1_000_000n);
    await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 600_000n, kind: 'allocation' });
    await f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.yu, amountFen: 250_000n, kind: 'allocation' });
    expect(await balance(f.programmeId, f.holders.province)).toBe(400_000n);
    expect(await balance(f.programmeId, f.holders.city)).toBe(350_000n);
    expect(await balance(f.programmeId, f.holders.yu)).toBe(250_000n);
    const [row] = await t.db.select().from(s.balances).where(and(eq(s.balances.programmeId, f.programmeId), eq(s.balances.holderId, f.holders.city)));
    expect([row!.receivedFen, row!.passedOnFen]).toEqual([600_000n, 250_000n]);
  });

  it('refuses passing on more than is held, a flow up or across the tree, and a date before the programme year', async () => {
    const f = await freshProgramme(t.db, 'T-REFUSE', 1_000n);
    await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 600n, kind: 'allocation' });
    expect(await refusal(f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.yu, amountFen: 601n, kind: 'allocation' }))).toBe('ledger.insufficient_balance');
    expect(await refusal(f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.province, amountFen: 1n, kind: 'allocation' }))).toBe('ledger.flow_not_down_the_tree');
    expect(await refusal(f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.central, amountFen: 1n, kind: 'allocation' }))).toBe('ledger.flow_not_down_the_tree');
    await f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.yu, amountFen: 100n, kind: 'allocation' });
    expect(await refusal(f.transfer({ fromHolderId: f.holders.yu, toHolderId: f.holders.pingding, amountFen: 1n, kind: 'allocation' }))).toBe('ledger.flow_not_down_the_tree');
    expect(await refusal(f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.yu, amountFen: 1n, kind: 'allocation', transferDate: '2024-12-31' }))).toBe('ledger.date_before_programme_year');
    expect(await balance(f.programmeId, f.holders.city)).toBe(500n);
  });

  it('refuses future dates, a reversal dated before its original, an allocation to a contractor and a payment to another county’s project', async () => {
    const f = await freshProgramme(t.db, 'T-RULES', 1_000n);
    // Dates are days in China (UTC+8), whatever the server clock's zone.
    const tomorrow = chinaToday(new Date(Date.now() + 86_400_000));
    expect(await refusal(f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 1n, kind: 'allocation', transferDate: tomorrow }))).toBe('ledger.date_in_future');
    await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 1n, kind: 'allocation', transferDate: chinaToday() });
    const orig = await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 500n, kind: 'allocation', transferDate: '2025-06-10' });
    expect(await refusal(f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.province, amountFen: 1n, kind: 'reversal', reversesId: orig.id, transferDate: '2025-06-09' }))).toBe('ledger.reversal_before_original');
    const [contractor] = await t.db
      .insert(s.organisations)
      .values({ code: 'T-CONTRACTOR-2', name: '测试施工单位二', nameEn: 'Test contractor 2', level: 'unit', kind: 'contractor', parentId: f.orgIds.yu })
      .returning({ id: s.organisations.id });
    const contractorHolder = await t.db.transaction((tx) => holderFor(tx, { kind: 'organisation', organisationId: contractor!.id }));
    expect(await refusal(f.transfer({ fromHolderId: f.holders.city, toHolderId: contractorHolder, amountFen: 1n, kind: 'allocation' }))).toBe('ledger.flow_not_down_the_tree');
    await f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.pingding, amountFen: 100n, kind: 'allocation' });
    const [yuProject] = await t.db.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.code, 'G1-01'));
    const projectHolder = await t.db.transaction((tx) => holderFor(tx, { kind: 'project', projectId: yuProject!.id }));
    expect(await refusal(f.transfer({ fromHolderId: f.holders.pingding, toHolderId: projectHolder, amountFen: 1n, kind: 'payment' }))).toBe('ledger.payment_must_go_to_project');
  });

  it('refuses zero, negative and over-large amounts, and appropriations beyond the total', async () => {
    const f = await freshProgramme(t.db, 'T-AMOUNTS', 1_000n);
    for (const amountFen of [0n, -5n, 1_000_000_000_000_001n]) {
      expect(await refusal(f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen, kind: 'allocation' }))).toBe('ledger.amount_range');
    }
    expect(await refusal(f.transfer({ fromHolderId: null, toHolderId: f.holders.province, amountFen: 1n, kind: 'appropriation' }))).toBe('ledger.over_programme_total');
  });

  it('corrects by reversal, never by edit, and a reversal never exceeds what it reverses', async () => {
    const f = await freshProgramme(t.db, 'T-REVERSE', 1_000n);
    const original = await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 300n, kind: 'allocation' });
    await f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.province, amountFen: 200n, kind: 'reversal', reversesId: original.id });
    expect(await balance(f.programmeId, f.holders.city)).toBe(100n);
    expect(await balance(f.programmeId, f.holders.province)).toBe(900n);
    expect(await refusal(f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.province, amountFen: 101n, kind: 'reversal', reversesId: original.id }))).toBe('ledger.reversal_exceeds_original');
    expect(await refusal(f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 1n, kind: 'reversal', reversesId: original.id }))).toBe('ledger.reversal_mismatch');
    const edit = await t.db.update(s.transfers).set({ amountFen: 1n }).where(eq(s.transfers.id, original.id)).then(() => null, (e: unknown) => e);
    expect(String((edit as Error)?.message) + String((edit as { cause?: Error })?.cause?.message)).toContain('ledger:append_only');
    const del = await t.db.delete(s.transfers).where(eq(s.transfers.id, original.id)).then(() => null, (e: unknown) => e);
    expect(del).not.toBeNull();
    const [row] = await t.db.select({ amount: s.transfers.amountFen }).from(s.transfers).where(eq(s.transfers.id, original.id));
    expect(row!.amount).toBe(300n);
  });

  it('pays projects and disburses to payees only along the allowed shapes', async () => {
    const f = await freshProgramme(t.db, 'T-SHAPES', 1_000n);
    await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 1_000n, kind: 'allocation' });
    await f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.yu, amountFen: 800n, kind: 'allocation' });
    const [project] = await t.db.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.code, 'G1-01'));
    const [contractor] = await t.db
      .insert(s.organisations)
      .values({ code: 'T-CONTRACTOR', name: '测试施工单位', nameEn: 'Test contractor', level: 'unit', kind: 'contractor', parentId: f.orgIds.yu })
      .returning({ id: s.organisations.id });
    const { projectHolder, payee } = await t.db.transaction(async (tx) => ({
      projectHolder: await holderFor(tx, { kind: 'project', projectId: project!.id }),
      payee: await holderFor(tx, { kind: 'payee', organisationId: contractor!.id }),
    }));
    expect(await refusal(f.transfer({ fromHolderId: f.holders.yu, toHolderId: projectHolder, amountFen: 1n, kind: 'allocation' }))).toBe('ledger.flow_not_down_the_tree');
    await f.transfer({ fromHolderId: f.holders.yu, toHolderId: projectHolder, amountFen: 500n, kind: 'payment' });
    expect(await refusal(f.transfer({ fromHolderId: f.holders.yu, toHolderId: payee, amountFen: 1n, kind: 'disbursement' }))).toBe('ledger.disbursement_must_go_to_payee');
    await f.transfer({ fromHolderId: projectHolder, toHolderId: payee, amountFen: 450n, kind: 'disbursement' });
    expect(await balance(f.programmeId, projectHolder)).toBe(50n);
    expect(await balance(f.programmeId, payee)).toBe(450n);
  });

  it('keeps every balance equal to the sum of its transfers', async () => {
    const rows = await t.db.execute(sql`
      select b.programme_id, b.holder_id, b.balance_fen::text as balance,
        (coalesce((select sum(case when kind = 'reversal' then -amount_fen else amount_fen end) from transfers t where t.programme_id = b.programme_id and t.to_holder_id = b.holder_id and t.kind <> 'reversal'), 0)
         - coalesce((select sum(amount_fen) from transfers t where t.programme_id = b.programme_id and t.from_holder_id = b.holder_id and t.kind <> 'reversal'), 0)
         + coalesce((select sum(amount_fen) from transfers t where t.programme_id = b.programme_id and t.to_holder_id = b.holder_id and t.kind = 'reversal'), 0)
         - coalesce((select sum(amount_fen) from transfers t where t.programme_id = b.programme_id and t.from_holder_id = b.holder_id and t.kind = 'reversal'), 0))::text as recomputed
      from balances b`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { balance: string; recomputed: string }[];
    expect(list.length).toBeGreaterThan(5);
    for (const r of list) expect(r.balance).toBe(r.recomputed);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('concurrency on PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase('postgres', { demo: false });
  });
  afterAll(async () => t?.drop());

  it('lets exactly 50 of 200 concurrent transfers through when the holder has room for 50', async () => {
    const f = await freshProgramme(t.db, 'T-RACE', 10_000n);
    await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 5_000n, kind: 'allocation' });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.yu, amountFen: 100n, kind: 'allocation' })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected' && (r.reason as AppError).messageKey === 'ledger.insufficient_balance').length;
    expect(ok).toBe(50);
    expect(refused).toBe(150);
    expect(await t.db.transaction((tx) => balanceOf(tx, f.programmeId, f.holders.city))).toBe(0n);
    expect(await t.db.transaction((tx) => balanceOf(tx, f.programmeId, f.holders.yu))).toBe(5_000n);
  });
});
