import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { flowsCte, hopOf, hopRow, HOP_COLUMNS, type HopDto } from './flows';

export interface TransferFilter {
  /** A sender or recipient. */
  party?: string;
  programme?: string;
  /** Lines into, out of or naming the project. */
  project?: string;
  /** Lines whose sender or recipient sits in the county. */
  county?: string;
}

function where(f: TransferFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.party) parts.push(sql`(from_code = ${f.party} OR to_code = ${f.party})`);
  if (f.programme) parts.push(sql`programme_code = ${f.programme}`);
  if (f.project) parts.push(sql`(project_code = ${f.project} OR from_code = ${f.project} OR to_code = ${f.project})`);
  if (f.county) parts.push(sql`(from_county_code = ${f.county} OR to_county_code = ${f.county})`);
  return sql.join(parts, sql` AND `);
}

/** Published lines (the public chain's edges), oldest first, paged; from the public read model only. */
export async function listPublicTransfers(filter: TransferFilter, page: number, pageSize: number, db?: Queryable): Promise<{ total: number; transfers: HopDto[] }> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const rows = z.array(hopRow.extend({ total: z.coerce.number() })).parse(
    rowsOf(
      await q.execute(sql`WITH ${await flowsCte(q)}
        SELECT ${HOP_COLUMNS}, count(*) OVER () AS total FROM flows WHERE ${where(filter)}
        ORDER BY transfer_date, transfer_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    ),
  );
  if (rows.length === 0 && page > 1) {
    // Past the last page: the total still answers how many there are.
    const [count] = rowsOf<{ total: string }>(await q.execute(sql`WITH ${await flowsCte(q)} SELECT count(*)::text AS total FROM flows WHERE ${where(filter)}`));
    return { total: Number(count?.total ?? 0), transfers: [] };
  }
  return { total: rows[0]?.total ?? 0, transfers: rows.map(hopOf) };
}

/**
 * Published lines after a keyset position (date, transfer id), oldest first: the cursor-paged
 * list. At most `limit` rows; the caller asks one more than it shows to learn whether more follow.
 */
export async function listPublicTransfersAfter(filter: TransferFilter, after: readonly [string, number] | null, limit: number, db?: Queryable): Promise<HopDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const keyset = after ? sql`(transfer_date, transfer_id) > (${after[0]}::text, ${after[1]}::int)` : sql`true`;
  return z
    .array(hopRow)
    .parse(
      rowsOf(
        await q.execute(sql`WITH ${await flowsCte(q)}
          SELECT ${HOP_COLUMNS} FROM flows WHERE ${where(filter)} AND ${keyset}
          ORDER BY transfer_date, transfer_id LIMIT ${limit}`),
      ),
    )
    .map(hopOf);
}
