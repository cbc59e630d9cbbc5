import 'server-only';
import { publicTag, shows, showsPublicRecord } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { emptyLevelSums, flowsCte, hopOf, hopRow, HOP_COLUMNS, type HopDto, type LevelSums } from './flows';

export interface PayeeMoneyDto {
  payee: { code: string; name: string; nameEn: string };
  /** Net of reversals, by the level of the programme that paid. */
  received: LevelSums;
  receivedFen: bigint;
  years: { year: string; fen: bigint }[];
  /** Every published payment to the payee, with the project it was for. */
  hops: HopDto[];
  dataAsOf: string | null;
}

/**
 * What a payee (contractor) was paid, from published lines only. A payee exists for the public only
 * through a published payment: one no public line names is not found, whatever the working tables hold.
 */
export async function getPayeeMoney(code: string, db?: Queryable): Promise<PayeeMoneyDto | null> {
  const q = db ?? (await getDb());
  const hops = z
    .array(hopRow)
    .parse(
      rowsOf(
        await q.execute(sql`WITH ${await flowsCte(q)}
          SELECT ${HOP_COLUMNS} FROM flows WHERE recipient_code = ${code} AND recipient_kind = 'payee' ORDER BY transfer_date DESC, transfer_id DESC`),
      ),
    )
    .map(hopOf);
  shows(publicTag.org(code));
  const first = hops[0];
  if (!first) return null;
  const party = first.kind === 'reversal' ? first.from : first.to;
  const received = emptyLevelSums();
  const years = new Map<string, bigint>();
  let receivedFen = 0n;
  for (const h of hops) {
    const net = h.kind === 'reversal' ? -h.amountFen : h.amountFen;
    received[h.level] += net;
    receivedFen += net;
    const year = h.date.slice(0, 4);
    years.set(year, (years.get(year) ?? 0n) + net);
  }
  return {
    payee: { code: party.code, name: party.name, nameEn: party.nameEn },
    received,
    receivedFen,
    years: [...years.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([year, fen]) => ({ year, fen })),
    hops,
    dataAsOf: first.date,
  };
}

export interface PayeeSummaryDto {
  code: string;
  name: string;
  nameEn: string;
  /** Net of reversals, from published lines only. */
  receivedFen: bigint;
  /** Published payment lines (reversals included). */
  lines: number;
  latest: string;
}

const payeeSummaryRow = z.object({ code: z.string(), name: z.string(), name_en: z.string(), received: z.string(), lines: z.coerce.number().int(), latest: z.string() });

/** Every payee some published line pays, by code: the public list of contractors and what they were paid. */
export async function listPublicPayees(db?: Queryable): Promise<PayeeSummaryDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  return z
    .array(payeeSummaryRow)
    .parse(
      rowsOf(
        await q.execute(sql`WITH ${await flowsCte(q)}
          SELECT recipient_code AS code,
                 min(CASE WHEN kind = 'reversal' THEN from_name ELSE to_name END) AS name,
                 min(CASE WHEN kind = 'reversal' THEN from_name_en ELSE to_name_en END) AS name_en,
                 sum(net_fen)::text AS received, count(*) AS lines, max(transfer_date) AS latest
          FROM flows WHERE recipient_kind = 'payee' GROUP BY recipient_code ORDER BY recipient_code`),
      ),
    )
    .map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, receivedFen: BigInt(r.received), lines: r.lines, latest: r.latest }));
}
