import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import * as s from '@/db/schema';
import { discloseTransfers } from '@/lib/dal/internal/disclosure/transfers';
import { holderFor, insertTransfer } from '@/lib/dal/internal/ledger/transfers';
import { publishSnapshot } from '@/lib/dal/internal/publish';

/**
 * A municipal programme with an allocation batch to three counties, its issued transfers and its
 * published allocation result, without the workflow (the formula suite covers that path).
 * The second recipient's line carries `marker` so a test can look for it everywhere.
 */
export async function batchWithResult(db: Db, code: string, marker: string) {
  const org = async (c: string) => (await db.select({ id: s.organisations.id, name: s.organisations.name }).from(s.organisations).where(eq(s.organisations.code, c)))[0]!;
  const city = await org('140300-CZJ');
  const counties = await Promise.all(['140321', '140322', '140311'].map(org));
  const amounts = [123_456_78n, 987_654_32n, 555_555_55n];
  const total = amounts.reduce((a, b) => a + b, 0n);
  return db.transaction(async (tx) => {
    const [prog] = await tx
      .insert(s.fundProgrammes)
      .values({ code, name: `测试市级资金 ${code}`, level: 'municipal', fiscalYear: 2026, managingOrgId: city.id, totalFen: total, purpose: 'test' })
      .returning({ id: s.fundProgrammes.id });
    const cityHolder = await holderFor(tx, { kind: 'organisation', organisationId: city.id });
    await insertTransfer(tx, { programmeId: prog!.id, fromHolderId: null, toHolderId: cityHolder, amountFen: total, kind: 'appropriation', transferDate: '2026-02-01', docNumber: '阳财预〔2026〕1号', recordedBy: null });
    const [batch] = await tx
      .insert(s.allocationBatches)
      .values({ programmeId: prog!.id, code: `${code}-B1`, title: `${code} 第一批`, totalFen: total, fromHolderId: cityHolder, docNumber: '阳财建〔2026〕99号' })
      .returning({ id: s.allocationBatches.id });
    const transferIds: number[] = [];
    for (const [i, c] of counties.entries()) {
      const to = await holderFor(tx, { kind: 'organisation', organisationId: c.id });
      const t = await insertTransfer(tx, { programmeId: prog!.id, fromHolderId: cityHolder, toHolderId: to, amountFen: amounts[i]!, kind: 'allocation', transferDate: '2026-02-02', batchId: batch!.id, docNumber: '阳财建〔2026〕99号', recordedBy: null });
      transferIds.push(t.id);
    }
    await discloseTransfers(tx, transferIds, { now: new Date() });
    const codes = ['140321', '140322', '140311'];
    const content = {
      batch: { id: batch!.id, code: `${code}-B1`, title: `${code} 第一批`, docNumber: '阳财建〔2026〕99号', programmeCode: code, programmeName: `测试市级资金 ${code}`, fiscalYear: 2026, totalFen: total.toString(), inputsHash: 'x', issuerCode: '140300-CZJ', issuerName: city.name },
      formula: { version: 1, description: 'test', changeReason: null, floorFen: null, capFen: null, setAsideBp: 0, defaultPerformanceValue: null, factors: [] },
      recipients: counties.map((c, i) => ({ code: codes[i]!, name: c.name, values: {}, sources: {}, share: '1/3', computedFen: amounts[i]!.toString(), finalFen: amounts[i]!.toString(), adjustmentReason: i === 1 ? `调整说明 ${marker}` : null })),
      defaultedPerformance: [],
    };
    const pub = await publishSnapshot(tx, { kind: 'allocation_result', subjectType: 'batch', subjectId: batch!.id, title: `分配结果：${code} 第一批`, content, notice: `分配 3 个对象。`, issuerOrgId: city.id, dataAsOf: '2026-02-02', eventAt: new Date() });
    return { programmeId: prog!.id, batchId: batch!.id, publicationId: pub.id, transferIds, amounts, total, withheldCounty: codes[1]! };
  });
}
