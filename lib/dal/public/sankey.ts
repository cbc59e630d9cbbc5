import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { chainSankey, type ChainFlow, type ChainPlace, type SankeyGraph } from '@/lib/domain/sankey';
import { flowsCte, FUND_LEVELS } from './flows';

export interface ChainSankeyDto {
  graph: SankeyGraph;
  /** Names of the province, the city, the counties and the engineering groups, by node key. */
  names: Record<string, { name: string; nameEn: string }>;
  dataAsOf: string | null;
  demo: boolean;
}

const flowRow = z.object({
  level: z.enum(FUND_LEVELS),
  reversal: z.boolean(),
  from_place: z.string(),
  to_place: z.string(),
  fen: z.string(),
  demo: z.boolean(),
  as_of: z.string(),
});
const nameRow = z.object({ place: z.string(), name: z.string(), name_en: z.string() });

/** A hop's end as a place of the chain: governments by level, counties by code, projects by their engineering group ('-': none); payees and others are not drawn. */
const place = (kind: string, code: string, orgLevel: string, groupCode: string) => sql`CASE
  WHEN ${sql.raw(kind)} = 'organisation' AND ${sql.raw(orgLevel)} = 'central' THEN 'central'
  WHEN ${sql.raw(kind)} = 'organisation' AND ${sql.raw(orgLevel)} = 'provincial' THEN 'province'
  WHEN ${sql.raw(kind)} = 'organisation' AND ${sql.raw(orgLevel)} = 'municipal' THEN 'city'
  WHEN ${sql.raw(kind)} = 'organisation' AND ${sql.raw(orgLevel)} = 'county' THEN 'county:' || ${sql.raw(code)}
  WHEN ${sql.raw(kind)} = 'project' THEN 'group:' || coalesce(${sql.raw(groupCode)}, '-')
END`;

/**
 * The chain of funds for the home page's Sankey: every published line (public_transfer_lines,
 * through `flows`) from the fund levels down to the engineering groups of the projects it paid,
 * summed by level and hop. Payments on to payees are not drawn.
 */
export async function getChainSankey(db?: Queryable): Promise<ChainSankeyDto> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const rows = z.array(flowRow).parse(
    rowsOf(
      await q.execute(sql`WITH ${await flowsCte(q)},
        placed AS (
          SELECT f.programme_level AS level, f.kind = 'reversal' AS reversal, f.amount_fen::bigint AS fen, f.is_demo, f.transfer_date,
                 ${place('f.source_kind', 'f.source_code', 'so.level', 'sp.group_code')} AS from_place,
                 ${place('f.recipient_kind', 'f.recipient_code', 'ro.level', 'rp.group_code')} AS to_place
          FROM flows f
          LEFT JOIN organisations so ON f.source_kind = 'organisation' AND so.code = f.source_code
          LEFT JOIN organisations ro ON f.recipient_kind = 'organisation' AND ro.code = f.recipient_code
          LEFT JOIN public_projects sp ON f.source_kind = 'project' AND sp.code = f.source_code
          LEFT JOIN public_projects rp ON f.recipient_kind = 'project' AND rp.code = f.recipient_code
        )
        SELECT level, reversal, from_place, to_place, sum(fen)::text AS fen, bool_or(is_demo) AS demo, max(transfer_date) AS as_of
        FROM placed WHERE from_place IS NOT NULL AND to_place IS NOT NULL AND from_place <> to_place
        GROUP BY 1, 2, 3, 4`),
    ),
  );
  const flows = rows.map((r): ChainFlow => ({ level: r.level, reversal: r.reversal, from: r.from_place as ChainPlace, to: r.to_place as ChainPlace, fen: BigInt(r.fen) }));
  const names = z.array(nameRow).parse(
    rowsOf(
      await q.execute(sql`
        SELECT DISTINCT ON (place) place, name, name_en FROM (
          SELECT CASE level WHEN 'provincial' THEN 'province' WHEN 'municipal' THEN 'city' ELSE 'county:' || code END AS place, name, name_en, code
          FROM organisations WHERE level IN ('provincial', 'municipal', 'county') AND kind = 'government'
          UNION ALL
          SELECT 'group:' || code, name, name_en, code FROM engineering_groups
        ) n ORDER BY place, code`),
    ),
  );
  return {
    graph: chainSankey(flows),
    names: Object.fromEntries(names.map((n) => [n.place, { name: n.name, nameEn: n.name_en }])),
    dataAsOf: rows.reduce<string | null>((d, r) => (d === null || r.as_of > d ? r.as_of : d), null),
    demo: rows.some((r) => r.demo),
  };
}
