import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { assertCan, orgScope } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { matchingFacts } from '../internal/ledger/matching';
import { demoVisible } from '../internal/settings';

export interface MatchingRowDto {
  upperProgrammeCode: string;
  upperProgrammeName: string;
  upperProgrammeNameEn: string | null;
  organisation: string;
  organisationEn: string;
  shareBp: number;
  receivedFen: bigint;
  requiredFen: bigint;
  actualFen: bigint;
  shortfallFen: bigint;
  isDemo: boolean;
}

/** 配套资金核对 (see `matchingFacts`), scoped: officers see the government their organisation belongs to. */
export async function matchingReport({ db, actor }: Ctx): Promise<MatchingRowDto[]> {
  assertCan(actor, 'programme.read');
  const scope = orgScope(actor);
  const showDemo = await demoVisible(db);
  const rows = await matchingFacts(db);
  // Officers see the government their organisation belongs to (a bureau sees its city).
  const [own] = scope === null ? [] : rowsOf<{ gov: number }>(await db.execute(sql`select org_government(${scope}) as gov`));
  return rows
    .filter((r) => showDemo || !r.isDemo)
    .filter((r) => scope === null || r.governmentId === Number(own?.gov))
    .map((r) => ({
      upperProgrammeCode: r.code,
      upperProgrammeName: r.name,
      upperProgrammeNameEn: r.nameEn,
      organisation: r.orgName,
      organisationEn: r.orgNameEn,
      shareBp: r.shareBp,
      receivedFen: r.receivedFen,
      requiredFen: r.requiredFen,
      actualFen: r.actualFen,
      shortfallFen: r.shortfallFen,
      isDemo: r.isDemo,
    }));
}
