import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { getPublicChains, type ChainNodeDto } from '@/lib/dal/public/chain';
import { getCountyMoney, listCounties } from '@/lib/dal/public/counties';
import { FUND_LEVELS, totalOf } from '@/lib/dal/public/flows';
import { getMoneyOverview } from '@/lib/dal/public/money-overview';
import { getPayeeMoney } from '@/lib/dal/public/payees';
import { getPublicProgramme } from '@/lib/dal/public/programmes';
import { getPublicProject, searchProjects, type ProjectQuery } from '@/lib/dal/public/projects';
import { transferDocumentSchema } from '@/lib/domain/transfer-document';
import { chinaToday } from '@/lib/domain/china-date';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
const nodes = (n: ChainNodeDto): ChainNodeDto[] => [n, ...n.children.flatMap(nodes)];
const list = (over: Partial<ProjectQuery>): ProjectQuery => ({ sort: 'code', dir: 'asc', page: 1, pageSize: 200, ...over });

describe.each(DRIVERS)('the citizen read model of money (%s)', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** The lines of the latest public version of every document, read straight from the published JSON. */
  const publishedLines = async () => {
    const rows = rowsOf<{ content: unknown }>(
      await t.db.execute(sql`select distinct on (subject_id) content from public_publications where subject_type = 'transfer_document' order by subject_id, version desc`),
    );
    return rows.flatMap((r) => transferDocumentSchema.parse(r.content).lines);
  };
  const net = (l: { kind: string; amountFen: string }) => (l.kind === 'reversal' ? -BigInt(l.amountFen) : BigInt(l.amountFen));

  it("gives each county the sum of the published lines into its treasury, and none of a withheld transfer's", async () => {
    const lines = await publishedLines();
    const [withheld] = rowsOf<{ id: number; amount_fen: string; to_code: string }>(
      await t.db.execute(sql`select t.id, t.amount_fen::text, o.code as to_code from active_withholdings w join transfers t on t.id = w.item_id
        join holders h on h.id = t.to_holder_id join organisations o on o.id = h.organisation_id where w.item_type = 'transfer'`),
    );
    expect(withheld, 'the demo withholds one allocation to a county').toBeDefined();
    const counties = await listCounties(t.db);
    expect(counties.map((c) => c.code)).toContain(withheld!.to_code);
    for (const c of counties) {
      const money = (await getCountyMoney(c.code, t.db))!;
      // What reached it, less what its senders took back from it (a reversal runs from the county).
      const expected = lines.filter((l) => (l.to.code === c.code && l.kind !== 'reversal') || (l.from.code === c.code && l.kind === 'reversal')).reduce((sum, l) => sum + net(l), 0n);
      expect(totalOf(money.received), c.code).toBe(expected);
      expect(money.years.reduce((sum, y) => sum + totalOf(y.received), 0n), c.code).toBe(expected);
      expect(money.hops.some((h) => h.transferId === withheld!.id), c.code).toBe(false);
    }
    // What the working tables hold for that county is more by exactly the withheld transfer.
    const [ledger] = rowsOf<{ fen: string }>(
      await t.db.execute(sql`select sum(t.amount_fen)::text as fen from transfers t join holders h on h.id = t.to_holder_id join organisations o on o.id = h.organisation_id
        where o.code = ${withheld!.to_code} and t.kind = 'allocation'`),
    );
    expect(BigInt(ledger!.fen) - totalOf((await getCountyMoney(withheld!.to_code, t.db))!.received)).toBe(BigInt(withheld!.amount_fen));
    const overview = await getMoneyOverview(t.db);
    expect(overview.counties.reduce((sum, c) => sum + c.fen, 0n)).toBe(FUND_LEVELS.reduce((sum, l) => sum + overview.byStage.county[l], 0n));
    expect(text(overview)).not.toContain(`"${withheld!.amount_fen}"`);
  });

  it("gives each payee and project the sums of their published lines, and finds nothing for an unknown code", async () => {
    const lines = await publishedLines();
    const payees = [...new Set(lines.filter((l) => l.to.kind === 'payee').map((l) => l.to.code))];
    expect(payees.length).toBeGreaterThan(0);
    for (const code of payees) {
      const payee = (await getPayeeMoney(code, t.db))!;
      expect(payee.receivedFen).toBe(lines.filter((l) => l.to.code === code).reduce((sum, l) => sum + net(l), 0n));
      expect(payee.hops.every((h) => h.to.code === code)).toBe(true);
    }
    expect(await getPayeeMoney('140300-CZJ', t.db), 'an organisation is not a payee').toBeNull();
    expect(await getPayeeMoney('NO-SUCH', t.db)).toBeNull();

    const funded = lines.find((l) => l.to.kind === 'project')!.to.code;
    const project = (await getPublicProject(funded, t.db))!;
    expect(project.project.receivedFen).toBe(lines.filter((l) => l.to.code === funded).reduce((sum, l) => sum + net(l), 0n));
    expect(project.funding.reduce((sum, f) => sum + f.receivedFen, 0n)).toBe(project.project.receivedFen);
    expect(project.payees.reduce((sum, p) => sum + p.paidFen, 0n)).toBe(lines.filter((l) => l.from.code === funded && l.to.kind === 'payee').reduce((sum, l) => sum + net(l), 0n));
    expect(await getPublicProject('NO-SUCH', t.db)).toBeNull();
    expect(await getCountyMoney('140300-CZJ', t.db), 'the city is not a county').toBeNull();
  });

  it('filters, sorts and pages the project list in the database', async () => {
    const all = await searchProjects(list({}), t.db);
    expect(all.total).toBeGreaterThan(20);
    const inYu = await searchProjects(list({ county: '140322' }), t.db);
    expect(inYu.total).toBeGreaterThan(0);
    expect(inYu.rows.every((p) => p.countyCodes.includes('140322'))).toBe(true);
    const byName = await searchProjects(list({ q: '盂县' }), t.db);
    expect(byName.rows.map((p) => p.code)).toEqual(expect.arrayContaining(inYu.rows.map((p) => p.code)));
    // A wildcard typed by the reader is a character, not a pattern.
    expect((await searchProjects(list({ q: '%' }), t.db)).total).toBe(0);
    const central2025 = await searchProjects(list({ level: 'central', year: 2025 }), t.db);
    expect(central2025.total).toBeGreaterThan(0);
    expect(central2025.rows.every((p) => p.levels.includes('central'))).toBe(true);
    const richest = await searchProjects(list({ sort: 'received', dir: 'desc' }), t.db);
    const received = richest.rows.map((p) => p.receivedFen);
    expect(received).toEqual([...received].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const pages = [await searchProjects(list({ pageSize: 20, page: 1 }), t.db), await searchProjects(list({ pageSize: 20, page: 2 }), t.db)];
    expect(pages[0]!.total).toBe(all.total);
    expect(pages[1]!.rows[0]!.code).toBe(all.rows[20]!.code);
    const doc = (await publishedLines()).find((l) => l.to.kind === 'project')!;
    expect((await searchProjects(list({ q: doc.docNumber }), t.db)).rows.map((p) => p.code)).toContain(doc.to.code);
  });

  it("draws a programme's chain from its source to every payee, each hop the sum of its published lines", async () => {
    const lines = (await publishedLines()).filter((l) => l.programmeCode === 'DEMO-2025-CN');
    expect(lines.length).toBeGreaterThan(0);
    const [chain] = await getPublicChains({ programme: 'DEMO-2025-CN' }, t.db);
    expect(chain!.roots.map((r) => r.party.code)).toEqual(['CN-MOF']);
    const all = chain!.roots.flatMap(nodes);
    const payees = new Set(lines.filter((l) => l.to.kind === 'payee').map((l) => l.to.code));
    expect(new Set(all.filter((n) => n.party.kind === 'payee').map((n) => n.party.code))).toEqual(payees);
    // Every published line is one hop of the tree (a holder reached twice shows its hop twice, never a line twice).
    const hopIds = all.flatMap((n) => n.edge?.hops.map((h) => h.transferId) ?? []);
    expect(new Set(hopIds)).toEqual(new Set(lines.map((l) => l.transferId)));
    for (const n of all.filter((x) => x.edge)) expect(n.edge!.netFen).toBe(n.edge!.hops.reduce((sum, h) => sum + net({ kind: h.kind, amountFen: h.amountFen.toString() }), 0n));
    const programme = (await getPublicProgramme('DEMO-2025-CN', t.db))!;
    expect(programme.byStage.payee).toBe(lines.filter((l) => l.to.kind === 'payee').reduce((sum, l) => sum + net(l), 0n));
    expect(programme.documents.reduce((sum, d) => sum + d.lines, 0)).toBe(lines.length);
    expect(programme.disclosures.map((d) => d.kind)).toEqual(expect.arrayContaining(['fund_catalogue', 'management_rules', 'application_guideline']));
    expect(await getPublicProgramme('NO-SUCH', t.db)).toBeNull();
  });

  it("cuts a project's chain to the paths into it and out of it", async () => {
    const lines = await publishedLines();
    const project = lines.find((l) => l.to.kind === 'project' && lines.some((x) => x.from.code === l.to.code))!.to.code;
    const chains = await getPublicChains({ project }, t.db);
    expect(chains.length).toBeGreaterThan(0);
    for (const chain of chains) {
      const all = chain.roots.flatMap(nodes);
      expect(all.some((n) => n.party.code === project)).toBe(true);
      // Another project of the same county is on no path into or out of this one.
      expect(all.filter((n) => n.party.kind === 'project').every((n) => n.party.code === project)).toBe(true);
      const paid = new Set(lines.filter((l) => l.from.code === project && l.programmeCode === chain.programmeCode).map((l) => l.to.code));
      expect(new Set(all.filter((n) => n.party.kind === 'payee').map((n) => n.party.code))).toEqual(paid);
    }
  });

  it('forgets a withheld project everywhere the citizen looks: its page, the list, the search, its county, its payees and the totals', async () => {
    const lines = await publishedLines();
    // A project whose name is in no other public project's name (the plan names several works alike).
    const names = lines.filter((l) => l.to.kind === 'project').map((l) => l.to);
    const target = names.find((p) => p.code.length > 0 && lines.some((l) => l.to.code === p.code && l.from.code === '140322') && names.every((o) => o.code === p.code || !o.name.includes(p.name)))!;
    const [project] = await t.db.select({ id: s.projects.id, name: s.projects.name }).from(s.projects).where(eq(s.projects.code, target.code));
    const paidTo = lines.filter((l) => l.from.code === target.code).map((l) => l.to.code);
    const before = await getMoneyOverview(t.db);
    const received = (await getPublicProject(target.code, t.db))!.project.receivedFen;
    expect(received).toBeGreaterThan(0n);

    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(and(eq(s.legalBases.code, 'OGI-14')));
    const { id } = await requestWithholding(await ctxFor(t.db, 'officer-yx'), { itemType: 'project', itemId: project!.id, reason: '涉及国家秘密，经保密审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    await approveWithholding(await ctxFor(t.db, 'reviewer-yx'), id);
    expect(await approveWithholding(await ctxFor(t.db, 'admin'), id)).toEqual({ status: 'active' });

    expect(await getPublicProject(target.code, t.db)).toBeNull();
    for (const q of [target.code, project!.name, project!.name.slice(0, 8)]) {
      expect(text(await searchProjects(list({ q }), t.db)), q).not.toContain(target.code);
    }
    expect(text(await searchProjects(list({ county: '140322' }), t.db))).not.toContain(target.code);
    const county = (await getCountyMoney('140322', t.db))!;
    expect(text(county)).not.toContain(target.code);
    expect(text(county)).not.toContain(project!.name);
    for (const payee of paidTo) expect(text(await getPayeeMoney(payee, t.db))).not.toContain(target.code);
    const after = await getMoneyOverview(t.db);
    expect(text(after)).not.toContain(target.code);
    expect(totalOf(before.byStage.project) - totalOf(after.byStage.project)).toBe(received);
    expect(await getPublicChains({ project: target.code }, t.db)).toEqual([]);
    for (const chain of await getPublicChains({ programme: lines.find((l) => l.to.code === target.code)!.programmeCode }, t.db)) {
      expect(text(chain)).not.toContain(target.code);
    }
  });
});
