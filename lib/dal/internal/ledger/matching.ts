import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';

export interface MatchingFact {
  upperProgrammeId: number;
  code: string;
  name: string;
  nameEn: string | null;
  fiscalYear: number;
  /** The lower-level government that must co-fund. */
  governmentId: number;
  orgName: string;
  orgNameEn: string;
  shareBp: number;
  receivedFen: bigint;
  requiredFen: bigint;
  actualFen: bigint;
  shortfallFen: bigint;
  isDemo: boolean;
}

/**
 * 配套: for each programme with a matching requirement, what each lower-level government received
 * of it (net of reversals, counting only money arriving from outside that government), what it must
 * co-fund (rounded up to the fen: "at least" this share), and what its own programmes of that year
 * and level actually provide. Unscoped: callers authorize and scope.
 */
export async function matchingFacts(db: Queryable): Promise<MatchingFact[]> {
  const rows = rowsOf<{
    pid: number; fiscal_year: number; code: string; name: string; name_en: string | null; org_name: string; org_name_en: string; gov: number; share_bp: number; received: string; actual: string; is_demo: boolean;
  }>(
    await db.execute(sql`
      with req as (
        select mr.upper_programme_id as pid, mr.lower_level, mr.share_bp, p.code, p.name, p.name_en, p.fiscal_year, p.is_demo
        from matching_requirements mr join fund_programmes p on p.id = mr.upper_programme_id
      ),
      flows as (
        select t.programme_id, t.kind, t.amount_fen,
               org_government(fh.organisation_id) as from_gov, org_government(th.organisation_id) as to_gov
        from transfers t
        join req on req.pid = t.programme_id
        left join holders fh on fh.id = t.from_holder_id
        join holders th on th.id = t.to_holder_id
        where th.kind = 'organisation' and (fh.kind = 'organisation' or fh.id is null)
      ),
      inbound as (
        select programme_id, gov, sum(amt) as received from (
          select programme_id, to_gov as gov, amount_fen as amt from flows where kind <> 'reversal' and to_gov is distinct from from_gov
          union all
          select programme_id, from_gov as gov, -amount_fen from flows where kind = 'reversal' and to_gov is distinct from from_gov
        ) x group by programme_id, gov
      )
      select req.pid, req.fiscal_year, req.code, req.name, req.name_en, o.name as org_name, o.name_en as org_name_en, o.id as gov, req.share_bp, inbound.received::text as received,
        coalesce((select sum(fp.total_fen) from fund_programmes fp
                  where fp.fiscal_year = req.fiscal_year and fp.level = req.lower_level
                    and org_government(fp.managing_org_id) = o.id), 0)::text as actual,
        req.is_demo
      from req
      join inbound on inbound.programme_id = req.pid
      join organisations o on o.id = inbound.gov and o.level = req.lower_level
      order by req.code, o.code`),
  );
  return rows.map((r) => {
    const receivedFen = BigInt(r.received);
    const requiredFen = (receivedFen * BigInt(r.share_bp) + 9_999n) / 10_000n;
    const actualFen = BigInt(r.actual);
    return {
      upperProgrammeId: Number(r.pid),
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      fiscalYear: Number(r.fiscal_year),
      governmentId: Number(r.gov),
      orgName: r.org_name,
      orgNameEn: r.org_name_en,
      shareBp: Number(r.share_bp),
      receivedFen,
      requiredFen,
      actualFen,
      shortfallFen: actualFen >= requiredFen ? 0n : requiredFen - actualFen,
      isDemo: r.is_demo,
    };
  });
}
