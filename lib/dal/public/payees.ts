import 'server-only';
import { publicTag, shows } from '@/lib/cache/public-tags';
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
