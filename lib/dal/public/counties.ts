import 'server-only';
import { publicTag, shows } from '@/lib/cache/public-tags';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { organisations } from '@/db/schema';
import { emptyLevelSums, flowsCte, FUND_LEVELS, hopOf, hopRow, HOP_COLUMNS, type HopDto, type LevelSums } from './flows';

export interface CountyRefDto {
  code: string;
  name: string;
  nameEn: string;
}

/** The counties (and county-level districts) of the city: reference data, public by nature. */
export async function listCounties(db?: Queryable): Promise<CountyRefDto[]> {
  const q = db ?? (await getDb());
  return q.select({ code: organisations.code, name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.level, 'county')).orderBy(asc(organisations.code));
}

export interface CountyYearDto {
  year: string;
  /** What the county received from above, by level, net of reversals. */
  received: LevelSums;
  /** What it passed on to its projects in that year. */
  passedOnFen: bigint;
}

export interface CountyMoneyDto {
  county: CountyRefDto;
  years: CountyYearDto[];
  received: LevelSums;
  passedOnFen: bigint;
  /** Every published hop into the county's treasury and out of it. */
  hops: HopDto[];
  dataAsOf: string | null;
}

const yearRow = z.object({ year: z.string(), level: z.enum(FUND_LEVELS), received: z.string(), passed: z.string() });

/** A county's money, from published lines only; null when no county has that code. */
export async function getCountyMoney(code: string, db?: Queryable): Promise<CountyMoneyDto | null> {
  const q = db ?? (await getDb());
  const [county] = await q
    .select({ code: organisations.code, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .where(and(eq(organisations.code, code), eq(organisations.level, 'county')));
  if (!county) return null;
  shows(publicTag.org(code));
  const flows = await flowsCte(q);
  const years = z.array(yearRow).parse(
    rowsOf(
      await q.execute(sql`WITH ${flows}
        SELECT left(transfer_date, 4) AS year, programme_level AS level,
               coalesce(sum(net_fen) FILTER (WHERE recipient_code = ${code} AND stage = 'county'), 0)::text AS received,
               coalesce(sum(net_fen) FILTER (WHERE source_code = ${code} AND stage = 'project'), 0)::text AS passed
        FROM flows WHERE recipient_code = ${code} OR source_code = ${code}
        GROUP BY 1, 2 ORDER BY 1 DESC`),
    ),
  );
  const hops = z
    .array(hopRow)
    .parse(rowsOf(await q.execute(sql`WITH ${flows} SELECT ${HOP_COLUMNS} FROM flows WHERE from_code = ${code} OR to_code = ${code} ORDER BY transfer_date DESC, transfer_id DESC`)))
    .map(hopOf);
  const byYear = new Map<string, CountyYearDto>();
  const received = emptyLevelSums();
  let passedOnFen = 0n;
  for (const r of years) {
    const y = byYear.get(r.year) ?? { year: r.year, received: emptyLevelSums(), passedOnFen: 0n };
    y.received[r.level] += BigInt(r.received);
    y.passedOnFen += BigInt(r.passed);
    received[r.level] += BigInt(r.received);
    passedOnFen += BigInt(r.passed);
    byYear.set(r.year, y);
  }
  return {
    county,
    years: [...byYear.values()],
    received,
    passedOnFen,
    hops,
    dataAsOf: hops.reduce<string | null>((d, h) => (d === null || h.date > d ? h.date : d), null),
  };
}
