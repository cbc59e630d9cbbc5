import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { chainForPayee, chainForProgramme } from '@/lib/dal/ledger/chain';
import { chainChoices } from '@/lib/dal/ledger/chain-options';
import { batchDetail, listBatches } from '@/lib/dal/formulas/batches';
import { listHoldings } from '@/lib/dal/ledger/holdings';
import { matchingReport } from '@/lib/dal/ledger/matching';
import { listProgrammes } from '@/lib/dal/ledger/programmes';
import { publicTimeline } from '@/lib/dal/public/timeline';
import { listTransfers } from '@/lib/dal/ledger/transfer-list';
import { expenditureFormOptions, transferFormOptions } from '@/lib/dal/ledger/transfer-options';
import { listUsers } from '@/lib/dal/admin/users';
import { applicationChoices } from '@/lib/dal/workflow/applications';
import { ownItems, workItem } from '@/lib/dal/workflow/queries';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/**
 * English pages name organisations by their English names, so every read the workspace pages use
 * returns the English name (organisations.name_en) next to the Chinese one, never Chinese alone.
 */
const ENGLISH = /^[\x20-\x7e]+$/;

describe.each(DRIVERS)('workspace reads carry English organisation names on %s', (driver) => {
  let t: TestDatabase;
  let englishOf: Map<string, string>;
  beforeAll(async () => {
    t = await createDatabase(driver);
    englishOf = new Map((await t.db.select({ name: s.organisations.name, nameEn: s.organisations.nameEn }).from(s.organisations)).map((o) => [o.name, o.nameEn]));
  });
  afterAll(async () => t?.drop());

  /** The pair is an organisation's: the English name is the one the data holds for that Chinese name. */
  const isPair = (zh: string, en: string | null | undefined) => englishOf.get(zh) === en && ENGLISH.test(en ?? '');

  it('the signed-in actor, and the users an administrator lists', async () => {
    const officer = await ctxFor(t.db, 'officer');
    expect(officer.actor.organisationNameEn).toBe('Yangquan Municipal Finance Bureau');
    const users = await listUsers(await ctxFor(t.db, 'admin'));
    expect(users.length).toBeGreaterThan(5);
    for (const u of users) expect(isPair(u.organisationName, u.organisationNameEn), u.username).toBe(true);
  });

  it('programmes, holdings and transfers', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const { rows } = await listProgrammes(officer, { page: 1, pageSize: 50, sort: 'code', dir: 'asc' });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(isPair(r.managingOrg, r.managingOrgEn), r.code).toBe(true);
    // Programmes are named in Chinese; an English name travels with them when one is given.
    expect(rows.every((r) => 'nameEn' in r)).toBe(true);
    expect((await listHoldings(officer)).every((h) => 'programmeNameEn' in h)).toBe(true);

    const transfers = (await listTransfers(await ctxFor(t.db, 'auditor'), { page: 1, pageSize: 200, sort: 'date', dir: 'desc' })).rows;
    const parties: { zh: string | null; en: string | null }[] = transfers.flatMap((r) => [
      { zh: r.fromName, en: r.fromNameEn },
      { zh: r.toName, en: r.toNameEn },
    ]);
    const orgs = parties.flatMap(({ zh, en }) => (zh !== null && englishOf.has(zh) ? [[zh, en] as const] : []));
    expect(orgs.length).toBeGreaterThan(20);
    for (const [zh, en] of orgs) expect(isPair(zh, en), zh).toBe(true);
    expect(orgs.some(([, en]) => en === 'Yangquan Municipal Finance Bureau')).toBe(true);
  });

  it('the chain of funds, its choices and the matching report', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const [programme] = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2025-CN'));
    const chain = await chainForProgramme(auditor, programme!.id);
    const labels = Object.values(chain.labels).filter((l) => l.kind !== 'project');
    expect(labels.length).toBeGreaterThan(5);
    for (const l of labels) expect(isPair(l.name, l.nameEn), l.name).toBe(true);
    // Projects are named only in Chinese in the plan.
    expect(Object.values(chain.labels).filter((l) => l.kind === 'project').every((l) => l.nameEn === null)).toBe(true);

    const choices = await chainChoices(await ctxFor(t.db, 'officer-yx'));
    expect(choices.payees.length).toBeGreaterThan(0);
    for (const p of choices.payees) expect(isPair(p.name, p.nameEn), p.name).toBe(true);
    const payee = await chainForPayee(auditor, Number(choices.payees[0]!.value));
    expect(isPair(payee.title, payee.titleEn)).toBe(true);

    const matching = await matchingReport(auditor);
    expect(matching.length).toBeGreaterThan(0);
    for (const r of matching) expect(isPair(r.organisation, r.organisationEn), r.organisation).toBe(true);
  });

  it('the choices of the transfer, expenditure and application forms', async () => {
    const options = await transferFormOptions(await ctxFor(t.db, 'officer'));
    for (const o of [...options.organisations, ...options.payees, options.sources[0]!]) expect(isPair(o.name, o.nameEn), o.name).toBe(true);
    const spent = await expenditureFormOptions(await ctxFor(t.db, 'officer-yx'));
    for (const o of spent.pairs) expect(isPair(o.name, o.nameEn), o.name).toBe(true);
    const apply = await applicationChoices(await ctxFor(t.db, 'unit'));
    expect(apply.counties.map((c) => c.nameEn)).toEqual(['Yu County']);
  });

  it('work items, their timelines (the workspace’s and the public one) and batches', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const [batch] = await listBatches(officer);
    expect(batch).toBeDefined();
    const { item, timeline } = await workItem(officer, batch!.itemId);
    expect(isPair(item.organisationName, item.organisationNameEn)).toBe(true);
    expect(timeline.length).toBeGreaterThan(0);
    for (const e of timeline) expect(isPair(e.organisationName, e.organisationNameEn)).toBe(true);
    const shown = await publicTimeline(batch!.itemId, t.db);
    expect(shown.length).toBeGreaterThan(0);
    for (const e of shown) expect(isPair(e.organisationName, e.organisationNameEn)).toBe(true);
    for (const i of await ownItems(officer, 'allocation_batch')) expect(isPair(i.organisationName, i.organisationNameEn)).toBe(true);

    const detail = (await batchDetail(officer, batch!.id))!;
    expect(detail.results.length).toBe(6);
    for (const r of [...detail.results, ...detail.recipients]) expect(isPair(r.name, r.nameEn), r.name).toBe(true);
  });
});
