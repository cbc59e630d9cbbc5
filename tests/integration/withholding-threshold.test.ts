import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import * as s from '@/db/schema';
import { approveWithholding, requestWithholding, revokeWithholding } from '@/lib/dal/disclosure/withholdings';
import { discloseTransfers } from '@/lib/dal/internal/disclosure/transfers';
import { holderFor, insertTransfer } from '@/lib/dal/internal/ledger/transfers';
import { createProgramme } from '@/lib/dal/ledger/programmes';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { getPublishedAllocation, listPublishedAllocations } from '@/lib/dal/public/allocations';
import { getCatalogue } from '@/lib/dal/public/catalogue';
import { getCompleteness, getPublicationSeries, getWithheldAggregateMinItems, getWithheldFundTotals, getWithholdingRegister, listFeedEntries, listPublicOverdue, listPublicSeries } from '@/lib/dal/public/disclosure';
import { renderFeed } from '@/lib/dal/public/feed';
import { getPlanOverview, getPublishedFundSummary } from '@/lib/dal/public/plan';
import { sitemapEntries } from '@/lib/dal/public/sitemap';
import { chinaToday } from '@/lib/domain/china-date';
import { formatCompact, formatYuan } from '@/lib/domain/money';
import { programmeSchema } from '@/lib/schemas/ledger';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { batchWithResult } from '../support/disclosure-fixture';

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every way a page, an API, a CSV or a feed could write an amount: fen, 元 with and without separators, 万元 exact and rounded, 亿元. */
function amountForms(fen: bigint): string[] {
  const yuan = `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
  const wan = `${fen / 1_000_000n}.${(fen % 1_000_000n).toString().padStart(6, '0')}`.replace(/\.?0+$/, '');
  const compact = [formatCompact(fen, 'zh'), formatCompact(fen, 'en')];
  return [fen.toString(), yuan, formatYuan(fen), `${wan}万元`, `${wan} 万元`, ...compact, ...compact.map((c) => c.replace(' ', ''))];
}

/** Where any of `forms` stands as a whole number (not inside a longer one), with some context. */
function occurrences(haystack: string, forms: string[]): string[] {
  return forms.flatMap((f) => [...haystack.matchAll(new RegExp(`(?<![0-9.,])${escape(f)}(?![0-9])`, 'g'))].map((m) => `${f} in …${haystack.slice(Math.max(0, m.index - 120), m.index + f.length + 40)}…`));
}

describe.each(DRIVERS)('withheld amounts below the threshold on %s', (driver) => {
  let t: TestDatabase;
  let basis: Record<string, number>;

  beforeAll(async () => {
    t = await createDatabase(driver);
    basis = Object.fromEntries((await t.db.select({ id: s.legalBases.id, code: s.legalBases.code }).from(s.legalBases)).map((b) => [b.code, b.id]));
  });
  afterAll(async () => t?.drop());

  const setK = (value: string) => t.db.insert(s.settings).values({ key: 'withheld_aggregate_min_items', value }).onConflictDoUpdate({ target: s.settings.key, set: { value } });
  const withhold = async (itemType: 'transfer' | 'programme', itemId: number, basisCode = 'OGI-14') => {
    const { id } = await requestWithholding(await ctxFor(t.db, 'officer'), { itemType, itemId, reason: '涉及国家秘密，经保密审查', legalBasisId: basis[basisCode]!, reviewDate: inDays(90) });
    await approveWithholding(await ctxFor(t.db, 'reviewer'), id);
    expect(await approveWithholding(await ctxFor(t.db, 'approver'), id)).toEqual({ status: 'active' });
    return id;
  };

  it('starts from a threshold of 3, and never lets the setting fall below 2 or break a read', async () => {
    expect(await getWithheldAggregateMinItems(t.db)).toBe(3);
    await setK('1');
    expect(await getWithheldAggregateMinItems(t.db)).toBe(2);
    await setK('five');
    expect(await getWithheldAggregateMinItems(t.db)).toBe(3);
    await setK(' 4 ');
    expect(await getWithheldAggregateMinItems(t.db)).toBe(4);
    await setK('3');
  });

  // It walks every public reader, route, format and feed: minutes on a busy two-core machine.
  it('one withheld transfer in a six-county batch: its amount, the totals it follows from and its recipient appear in no public reader, route, CSV or feed', async () => {
    const db = t.db;
    const [batch] = await db.select({ id: s.allocationBatches.id, programmeId: s.allocationBatches.programmeId }).from(s.allocationBatches).where(eq(s.allocationBatches.code, 'FP-DEMO-2025-1'));
    const before = (await getPublishedAllocation(batch!.id, db))!;
    expect(before.content.recipients.map((r) => r.code)).toHaveLength(6);
    const WITHHELD = '140322';
    const line = before.content.recipients.find((r) => r.code === WITHHELD)!;
    const amount = BigInt(line.finalFen);
    const batchTotal = BigInt(before.content.batch.totalFen!);
    const programme = (await getCatalogue(2025, db)).entries.find((e) => e.code === 'DEMO-2025-YQ')!;
    const programmeTotal = programme.totalFen!;
    const municipalBefore = (await getPublishedFundSummary(db)).find((l) => l.level === 'municipal')!;
    expect(municipalBefore.totalFen).not.toBeNull();
    const [county] = await db.select({ id: s.organisations.id, name: s.organisations.name, nameEn: s.organisations.nameEn }).from(s.organisations).where(eq(s.organisations.code, WITHHELD));
    const [transfer] = await db
      .select({ id: s.transfers.id })
      .from(s.transfers)
      .innerJoin(s.holders, eq(s.holders.id, s.transfers.toHolderId))
      .where(and(eq(s.transfers.batchId, batch!.id), eq(s.holders.organisationId, county!.id)));
    const batchPubIds = (await db.select({ id: s.publications.id }).from(s.publications).where(and(eq(s.publications.subjectType, 'batch'), eq(s.publications.subjectId, batch!.id)))).map((p) => p.id);
    expect(batchPubIds).toHaveLength(2);
    // The allocation result of the document the batch's issue moved the money under lists the same recipients.
    const issued = rowsOf<{ id: number }>(
      await db.execute(sql`select p.id from publications p join transfer_documents d on d.id = p.subject_id
        where p.subject_type = 'transfer_document' and exists (select 1 from transfers t where t.batch_id = ${batch!.id} and t.from_holder_id = d.sender_holder_id and t.doc_number = d.doc_number)`),
    ).map((r) => Number(r.id));
    expect(issued.length).toBeGreaterThan(0);
    batchPubIds.push(...issued);
    // Before: the amount is public (so the search below can find it when it is there).
    expect(occurrences(text(before), amountForms(amount)).length).toBeGreaterThan(0);

    await withhold('transfer', transfer!.id);

    // The rule itself, reader by reader: the line has its count and no amount; the batch, its
    // programme and the programme's level show no total rather than a total without the line.
    const after = (await getPublishedAllocation(batch!.id, db))!;
    expect(after.content.recipients.map((r) => r.code)).not.toContain(WITHHELD);
    expect(after.content.recipients).toHaveLength(5);
    expect(after.content.withheld).toEqual([{ basisCode: 'OGI-14', basis: expect.any(String), basisEn: expect.any(String), items: 1, amountFen: null }]);
    expect(after.content.batch.totalFen).toBeNull();
    // With the weights, the remaining factor values and amounts would give the pool total back by regression.
    expect(before.content.recipients.every((r) => Object.keys(r.values).length > 0)).toBe(true);
    expect(after.content.recipients.every((r) => Object.keys(r.values).length === 0 && Object.keys(r.sources).length === 0)).toBe(true);
    expect((await listPublishedAllocations(db)).find((a) => a.batchId === batch!.id)!.totalFen).toBeNull();
    expect((await getCatalogue(2025, db)).entries.find((e) => e.code === 'DEMO-2025-YQ')!.totalFen).toBeNull();
    expect((await getPublishedFundSummary(db)).find((l) => l.level === 'municipal')!.totalFen).toBeNull();
    // Other programmes keep their totals.
    expect((await getCatalogue(2025, db)).entries.filter((e) => e.code !== 'DEMO-2025-YQ').every((e) => e.totalFen !== null)).toBe(true);
    for (const id of batchPubIds) {
      const series = (await getPublicationSeries(id, db))!;
      for (const v of series.versions) {
        expect(v.redacted).toBe(true);
        expect(v.notice).toContain('不予公开');
      }
    }
    // A feed filter on the withheld county finds nothing of the batch.
    expect((await listFeedEntries({ county: WITHHELD }, db)).some((e) => batchPubIds.includes(e.id))).toBe(false);

    // Everything public, searched for the amount (and the totals it would follow from) in every format.
    const series = await listPublicSeries(db);
    const seen: unknown[] = [
      await getCatalogue(undefined, db),
      await getCatalogue(2025, db),
      await getPlanOverview(db),
      await getPublishedFundSummary(db),
      await listPublishedAllocations(db),
      after,
      await getWithholdingRegister(db),
      await getWithheldFundTotals(db),
      await listPublicOverdue(db),
      await getCompleteness(db),
      series,
      await listFeedEntries({}, db),
      await listFeedEntries({ county: WITHHELD }, db),
      await listFeedEntries({ programme: 'DEMO-2025-YQ' }, db),
      await sitemapEntries('https://example.org', db),
      ...(await Promise.all([...new Set([...series.map((x) => x.id), ...batchPubIds])].map((id) => getPublicationSeries(id, db)))),
    ];
    const batchContext: unknown[] = [after, ...(await Promise.all(batchPubIds.map((id) => getPublicationSeries(id, db))))];
    for (const format of ['atom', 'json'] as const) {
      for (const q of ['', `?county=${WITHHELD}`, '?programme=DEMO-2025-YQ', '?since=2025-01-01']) {
        const { body } = await renderFeed(format, new URL(`https://example.org/api/public/feed/${format}${q}`), db);
        const answer = format === 'json' ? text((JSON.parse(body) as { items: unknown }).items) : body.split('<entry>').slice(1).join('<entry>');
        seen.push(answer);
        // The programme's feed lists every publication of it; the batch's own entries are the context here.
        if (q === '?programme=DEMO-2025-YQ') {
          const ours = (entry: string) => batchPubIds.some((id) => entry.includes(`/disclosure/publications/${id}"`) || entry.includes(`/disclosure/publications/${id}<`));
          batchContext.push(format === 'json' ? text(((JSON.parse(body) as { items: { url: string }[] }).items).filter((i) => ours(`${i.url}"`))) : body.split('<entry>').slice(1).filter(ours).join('<entry>'));
        }
      }
    }
    globalThis.__yqDatabase = Promise.resolve(t);
    try {
      const params = { params: Promise.resolve({ batchId: String(batch!.id) }) };
      const allocation = (await import('@/app/api/public/allocations/[batchId]/route')).GET;
      const responses = await Promise.all([
        allocation(new Request(`https://example.org/api/public/allocations/${batch!.id}`), params),
        allocation(new Request(`https://example.org/api/public/allocations/${batch!.id}?format=csv`), params),
        (await import('@/app/api/public/allocations/route')).GET(new Request('https://example.org/api/public/allocations')),
        (await import('@/app/api/public/plan/route')).GET(new Request('https://example.org/api/public/plan')),
        (await import('@/app/api/public/feed/atom/route')).GET(new Request(`https://example.org/api/public/feed/atom?county=${WITHHELD}`)),
        (await import('@/app/api/public/feed/json/route')).GET(new Request('https://example.org/api/public/feed/json')),
      ]);
      for (const [i, r] of responses.entries()) {
        expect(r.status).toBe(200);
        const body = await r.text();
        seen.push(body);
        if (i < 2) batchContext.push(body);
      }
      seen.push(await (await import('@/app/sitemap')).default());
    } finally {
      globalThis.__yqDatabase = undefined;
    }
    const all = seen.map(text).join('\n');
    expect(occurrences(all, [...amountForms(amount), ...amountForms(batchTotal), ...amountForms(programmeTotal), ...amountForms(municipalBefore.totalFen!)])).toEqual([]);
    // The recipient: not by name or code anywhere in the batch's publications, exports and feed entries.
    const context = batchContext.map(text).join('\n');
    expect(context).toContain('140321'); // the search would see a code if one were there
    for (const name of [WITHHELD, county!.name, county!.nameEn]) expect(context).not.toContain(name);
  }, 360_000);

  it('sums the withheld lines of a project batch from k items on, and withholds the sum and the totals below k', async () => {
    const b = await projectBatch(t.db, `YQ-K-${randomUUID().slice(0, 6)}`, 4);
    const pubs = (await t.db.select({ id: s.publications.id }).from(s.publications).where(and(eq(s.publications.subjectType, 'batch'), eq(s.publications.subjectId, b.batchId)))).map((p) => p.id);
    await withhold('transfer', b.transferIds[0]!, 'OGI-15');
    await withhold('transfer', b.transferIds[2]!, 'OGI-15');
    const single = await withhold('transfer', b.transferIds[3]!, 'OGI-16');
    const shown = async () => {
      const a = (await getPublishedAllocation(b.batchId, t.db))!.content;
      return {
        lines: a.withheld!.map((w) => [w.basisCode, w.items, w.amountFen]),
        total: a.batch.totalFen,
        listed: (await listPublishedAllocations(t.db)).find((x) => x.batchId === b.batchId)!.totalFen,
        catalogue: (await getCatalogue(2026, t.db)).entries.find((e) => e.programmeId === b.programmeId)!.totalFen,
        visible: a.recipients.map((r) => r.code),
        values: a.recipients.every((r) => Object.keys(r.values).length > 0),
      };
    };
    const two = (b.amounts[0]! + b.amounts[2]!).toString();
    // k = 3: two items under OGI-15 and one under OGI-16 are both below it.
    expect(await shown()).toEqual({ lines: [['OGI-15', 2, null], ['OGI-16', 1, null]], total: null, listed: null, catalogue: null, visible: [b.codes[1]], values: false });
    // k = 2: OGI-15's two items are summed; OGI-16's single item is not, so the totals stay withheld.
    await setK('2');
    expect(await shown()).toMatchObject({ lines: [['OGI-15', 2, two], ['OGI-16', 1, null]], total: null, listed: null, catalogue: null });
    // With the single one public again, every remaining basis reaches k: the sums and the totals show and add up.
    await revokeWithholding(await ctxFor(t.db, 'officer'), single);
    const full = await shown();
    expect(full).toEqual({ lines: [['OGI-15', 2, two]], total: b.total.toString(), listed: b.total, catalogue: b.total, visible: [b.codes[1], b.codes[3]], values: true });
    const a = (await getPublishedAllocation(b.batchId, t.db))!.content;
    expect(a.recipients.reduce((sum, r) => sum + BigInt(r.finalFen), 0n) + BigInt(two)).toBe(b.total);
    // Back to k = 3: the sum of two goes again, and with it every total.
    await setK('3');
    expect(await shown()).toMatchObject({ lines: [['OGI-15', 2, null]], total: null, listed: null, catalogue: null, values: false });
    for (const id of pubs) expect(text(await getPublicationSeries(id, t.db))).not.toContain(two);
    await setK('3');
  });

  it('never sums withheld lines of a batch to governments, whose recipients are known, whatever the count', async () => {
    await setK('2');
    try {
      const b = await batchWithResult(t.db, `YQ-GOV-${randomUUID().slice(0, 6)}`, 'gov');
      await withhold('transfer', b.transferIds[0]!);
      await withhold('transfer', b.transferIds[1]!);
      const a = (await getPublishedAllocation(b.batchId, t.db))!.content;
      expect(a.withheld).toEqual([expect.objectContaining({ basisCode: 'OGI-14', items: 2, amountFen: null })]);
      expect(a.batch.totalFen).toBeNull();
      expect(text(a)).not.toContain((b.amounts[0]! + b.amounts[1]!).toString());
    } finally {
      await setK('3');
    }
  });

  it('sums withheld programmes per basis from k programmes on', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const open = async (code: string, yuan: string, doc: number) =>
      createProgramme(officer, programmeSchema.parse({ clientKey: randomUUID(), code, name: `保密资金 ${code}`, fiscalYear: 2026, purpose: '保密用途', openedOn: '2026-02-01', docNumber: `阳财建〔2026〕${doc}号`, amount: yuan, unit: 'yuan' }), {});
    const p1 = await open('YQ-K-P1', '1000.01', 81);
    const p2 = await open('YQ-K-P2', '2000.02', 82);
    const line = async () => (await getWithheldFundTotals(t.db)).find((w) => w.basisCode === 'OGI-16');
    await withhold('programme', p1.id, 'OGI-16');
    expect(await line()).toEqual(expect.objectContaining({ programmes: 1, totalFen: null }));
    await withhold('programme', p2.id, 'OGI-16');
    expect(await line()).toEqual(expect.objectContaining({ programmes: 2, totalFen: null }));
    await setK('2');
    expect(await line()).toEqual(expect.objectContaining({ programmes: 2, totalFen: 300_003n }));
    await setK('3');
    expect(await line()).toEqual(expect.objectContaining({ programmes: 2, totalFen: null }));
  });
});

/**
 * A municipal programme with its catalogue entry and one factor-method batch to `n` projects of the
 * city's counties (拨付), issued and published as the approval does (formula and result).
 */
async function projectBatch(db: Db, code: string, n: number) {
  const [city] = await db.select({ id: s.organisations.id, name: s.organisations.name }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ'));
  const projects = await db.selectDistinct({ id: s.projects.id, code: s.projects.code, name: s.projects.name }).from(s.projects).innerJoin(s.projectCounties, eq(s.projectCounties.projectId, s.projects.id)).orderBy(s.projects.code).limit(n);
  const amounts = projects.map((_, i) => 1_000_000_00n + BigInt(i) * 37_000_01n);
  const total = amounts.reduce((a, x) => a + x, 0n);
  return db.transaction(async (tx) => {
    const [prog] = await tx
      .insert(s.fundProgrammes)
      .values({ code, name: `测试拨付资金 ${code}`, level: 'municipal', fiscalYear: 2026, managingOrgId: city!.id, totalFen: total, purpose: 'test' })
      .returning({ id: s.fundProgrammes.id });
    await publishSnapshot(tx, { kind: 'fund_catalogue', subjectType: 'programme', subjectId: prog!.id, title: `专项资金目录：${code}`, content: { code, name: `测试拨付资金 ${code}`, level: 'municipal', fiscalYear: 2026, managingOrg: city!.name, totalFen: total.toString(), purpose: 'test' }, notice: `资金总额 ${formatYuan(total)} 元`, issuerOrgId: city!.id, dataAsOf: '2026-02-01', eventAt: new Date() });
    const cityHolder = await holderFor(tx, { kind: 'organisation', organisationId: city!.id });
    await insertTransfer(tx, { programmeId: prog!.id, fromHolderId: null, toHolderId: cityHolder, amountFen: total, kind: 'appropriation', transferDate: '2026-02-01', docNumber: '阳财预〔2026〕1号', recordedBy: null });
    const [batch] = await tx
      .insert(s.allocationBatches)
      .values({ programmeId: prog!.id, code: `${code}-B1`, title: `${code} 拨付第一批`, totalFen: total, fromHolderId: cityHolder, recipientKind: 'project', docNumber: '阳财建〔2026〕98号' })
      .returning({ id: s.allocationBatches.id });
    const transferIds: number[] = [];
    for (const [i, p] of projects.entries()) {
      const to = await holderFor(tx, { kind: 'project', projectId: p.id });
      transferIds.push((await insertTransfer(tx, { programmeId: prog!.id, fromHolderId: cityHolder, toHolderId: to, amountFen: amounts[i]!, kind: 'payment', transferDate: '2026-02-02', batchId: batch!.id, docNumber: '阳财建〔2026〕98号', recordedBy: null })).id);
    }
    await discloseTransfers(tx, transferIds, { now: new Date() });
    const content = {
      batch: { id: batch!.id, code: `${code}-B1`, title: `${code} 拨付第一批`, docNumber: '阳财建〔2026〕98号', programmeCode: code, programmeName: `测试拨付资金 ${code}`, fiscalYear: 2026, totalFen: total.toString(), inputsHash: 'x', issuerCode: '140300-CZJ', issuerName: city!.name },
      formula: { version: 1, description: 'test', changeReason: null, floorFen: null, capFen: null, setAsideBp: 0, defaultPerformanceValue: null, factors: [] },
      recipients: projects.map((p, i) => ({ code: p.code, name: p.name, values: { AREA: `${120 + i}.5` }, sources: { AREA: '演示' }, share: `1/${n}`, computedFen: amounts[i]!.toString(), finalFen: amounts[i]!.toString(), adjustmentReason: null })),
      defaultedPerformance: [],
    };
    for (const kind of ['formula', 'allocation_result'] as const) {
      await publishSnapshot(tx, { kind, subjectType: 'batch', subjectId: batch!.id, title: `${code} 拨付第一批`, content, notice: `分配 ${formatYuan(total)} 元，${n} 个项目。`, issuerOrgId: city!.id, dataAsOf: '2026-02-02', eventAt: new Date() });
    }
    return { programmeId: prog!.id, batchId: batch!.id, transferIds, amounts, total, codes: projects.map((p) => p.code) };
  });
}
