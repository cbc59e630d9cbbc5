/**
 * Benchmark of the public read model: how long public readers take as published allocations
 * accumulate, since every read of `public_publications` passes each row through the withholding
 * redaction (`public_content`). Also times a reviewer's inbox as applications accumulate.
 *
 * Run: node --conditions=react-server --import tsx tests/bench/public-read.bench.ts [allocations=2000] [applications=500]
 * Figures only, no pass/fail: the machine is shared and noisy. PGlite in memory.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { openPglite } from '@/db/client';
import { migrate } from '@/db/migrate';
import * as s from '@/db/schema';
import { seedIfEmpty } from '@/lib/seed';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { getCatalogue } from '@/lib/dal/public/catalogue';
import { listFeedEntries, getCompleteness } from '@/lib/dal/public/disclosure';
import { listPublications } from '@/lib/dal/public/publications';
import { getPublishedAllocation, listPublishedAllocations } from '@/lib/dal/public/allocations';
import { loadActor, openSession } from '@/lib/dal/auth/sign-in';
import { createApplication } from '@/lib/dal/workflow/applications';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { myInbox } from '@/lib/dal/workflow/queries';
import { applicationSchema } from '@/lib/schemas/workflow';

const [allocations = 2000, applications = 500] = process.argv.slice(2).map(Number);

async function time(label: string, f: () => Promise<unknown>, runs = 5) {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(48)} median ${ms[Math.floor(ms.length / 2)]!.toFixed(1).padStart(8)} ms   max ${ms.at(-1)!.toFixed(1).padStart(8)} ms`);
}

async function main() {
  const database = await openPglite(undefined);
  await migrate(database);
  await seedIfEmpty(database, { demo: true });
  const db = database.db;
  const [city] = await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ'));
  const recipients = Array.from({ length: 6 }, (_, i) => ({ code: `1403${String(i).padStart(2, '0')}`, name: `县${i}`, values: { AREA: String(100 + i), REVENUE: String(10 + i) }, sources: {}, share: `${i + 1}/21`, computedFen: String(1000 * (i + 1)), finalFen: String(1000 * (i + 1)), adjustmentReason: null }));
  const t0 = performance.now();
  for (let b = 0; b < allocations; b += 100) {
    await db.transaction(async (tx) => {
      for (let i = b; i < Math.min(allocations, b + 100); i++) {
        await publishSnapshot(tx, {
          kind: 'allocation_result',
          subjectType: 'batch',
          subjectId: 100_000 + i,
          title: `分配结果：基准批次 ${i}`,
          content: { batch: { id: 100_000 + i, code: `B-${i}`, title: `基准批次 ${i}`, docNumber: null, programmeCode: 'DEMO-2026-YQ', programmeName: '基准', fiscalYear: 2026, totalFen: '21000', inputsHash: 'x', issuerCode: '140300-CZJ', issuerName: '阳泉市财政局' }, formula: { version: 1, description: '', changeReason: null, floorFen: null, capFen: null, setAsideBp: 0, defaultPerformanceValue: null, factors: [] }, recipients, defaultedPerformance: [] },
          notice: '基准',
          issuerOrgId: city!.id,
          dataAsOf: '2026-06-01',
          eventAt: new Date('2026-06-01T00:00:00Z'),
        });
      }
    });
  }
  console.log(`published ${allocations} allocation results in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await time('listPublishedAllocations', () => listPublishedAllocations(db));
  await time('getPublishedAllocation (one)', () => getPublishedAllocation(100_000 + Math.floor(allocations / 2), db), 20);
  await time('feed: listFeedEntries (latest)', () => listFeedEntries({}, db));
  await time('feed: listFeedEntries (programme filter)', () => listFeedEntries({ programme: 'DEMO-2026-YQ' }, db));
  await time('publications: listPublications (first page)', () => listPublications({}, db));
  await time('publications: listPublications (county filter, all versions)', () => listPublications({ county: '140322', versions: 'all' }, db));
  await time('catalogue of 2026', () => getCatalogue(2026, db));
  await time('completeness', () => getCompleteness(db), 3);

  // One active withholding anywhere switches every read to the checked path.
  const [basis] = await db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
  const [t] = await db.select({ id: s.transfers.id }).from(s.transfers).limit(1);
  const ids = (await db.select({ id: s.users.id }).from(s.users).limit(3)).map((u) => u.id);
  await db.insert(s.withholdings).values({ itemType: 'transfer', itemId: t!.id, reason: '基准', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: ids[0]!, approvedBy1: ids[1]!, approvedBy2: ids[2]!, status: 'active' });
  await time('listPublishedAllocations, one withholding active', () => listPublishedAllocations(db));
  await time('feed (programme filter), one withholding active', () => listFeedEntries({ programme: 'DEMO-2026-YQ' }, db));
  await time('publications (first page), one withholding active', () => listPublications({}, db));

  const actorOf = async (username: string) => {
    const [u] = await db.select({ id: s.users.id, sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.username, username));
    return { db, actor: (await loadActor(db, u!.id, u!.sv, await openSession(db, u!.id, '127.0.0.1')))! };
  };
  const unit = await actorOf('unit');
  const [county] = await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'));
  const t1 = performance.now();
  for (let i = 0; i < applications; i++) {
    const { itemId } = await createApplication(unit, applicationSchema.parse({ clientKey: randomUUID(), projectId: '', newProjectName: `基准项目 ${i}`, projectType: 'mine_restoration', fiscalYear: 2026, countyId: county!.id, plannedStart: '2026-04-01', plannedEnd: '2026-10-01', description: '基准测试用的申报内容说明。', unit: 'wan', central: '1', targets: [{ category: 'output', subcategory: 'quantity', name: '面积', unit: '公顷', targetValue: '1' }] }));
    await applyTransition(unit, { itemId, action: 'submit', expectedRevision: 0 });
  }
  console.log(`created and submitted ${applications} applications in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  const reviewer = await actorOf('reviewer-yx');
  await time(`reviewer inbox with ${applications} waiting`, () => myInbox(reviewer), 3);
  await database.close();
}

void main();
