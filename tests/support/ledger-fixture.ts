import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import * as s from '@/db/schema';
import { discloseTransfers } from '@/lib/dal/internal/disclosure/transfers';
import { holderFor, insertTransfer, type TransferInput } from '@/lib/dal/internal/ledger/transfers';

/** A fresh provincial programme of `totalFen`, appropriated to 山西省财政厅, for ledger tests. */
export async function freshProgramme(db: Db, code: string, totalFen: bigint, year = 2025) {
  const org = async (c: string) => (await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, c)))[0]!.id;
  const ids = {
    province: await org('140000-CZT'),
    city: await org('140300-CZJ'),
    yu: await org('140322'),
    pingding: await org('140321'),
    central: await org('CN-MOF'),
  };
  const [prog] = await db
    .insert(s.fundProgrammes)
    .values({ code, name: `测试资金 ${code}`, level: 'provincial', fiscalYear: year, managingOrgId: ids.province, totalFen, purpose: 'test' })
    .returning({ id: s.fundProgrammes.id });
  const holders = await db.transaction(async (tx) => ({
    province: await holderFor(tx, { kind: 'organisation', organisationId: ids.province }),
    city: await holderFor(tx, { kind: 'organisation', organisationId: ids.city }),
    yu: await holderFor(tx, { kind: 'organisation', organisationId: ids.yu }),
    pingding: await holderFor(tx, { kind: 'organisation', organisationId: ids.pingding }),
    central: await holderFor(tx, { kind: 'organisation', organisationId: ids.central }),
  }));
  const transfer = (input: Omit<TransferInput, 'programmeId' | 'recordedBy' | 'transferDate'> & { transferDate?: string }) =>
    // As every path that moves money does: the transfer and its allocation result in one transaction.
    db.transaction(async (tx) => {
      const row = await insertTransfer(tx, { programmeId: prog!.id, recordedBy: null, transferDate: `${year}-06-01`, docNumber: `测试〔${year}〕1号`, ...input });
      if (input.kind !== 'appropriation') await discloseTransfers(tx, [row.id], { now: new Date() });
      return row;
    });
  await transfer({ fromHolderId: null, toHolderId: holders.province, amountFen: totalFen, kind: 'appropriation' });
  return { programmeId: prog!.id, holders, orgIds: ids, transfer };
}
