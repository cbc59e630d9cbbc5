import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import { demoVisible } from '../internal/settings';
import type { FundLevel } from '@/lib/domain/vocabulary';
import { publicTransferLinesView } from './views';

/**
 * Money as it moved, read from the public read model only (public_transfer_lines): each published
 * line seen from the side that received it. A reversal returns money, so it counts against the
 * hop it undoes: its recipient is the original recipient and its amount is negative.
 */

export { FUND_LEVELS, type FundLevel } from '@/lib/domain/vocabulary';
export { emptyLevelSums, totalOf, type LevelSums } from '@/lib/domain/level-sums';

/** Where along the chain money arrived: the province, the city, a county, a project, a payee. */
export const STAGES = ['province', 'city', 'county', 'project', 'payee'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * The `flows` common table expression: every public line with its recipient side, its stage and
 * its net amount. Organisation levels come from the reference data (public by nature), joined
 * only by codes the public lines already name.
 */
export async function flowsCte(q: Queryable): Promise<SQL> {
  const showDemo = await demoVisible(q);
  return sql`flows AS MATERIALIZED (
    SELECT l.*,
           x.recipient_code, x.recipient_kind, x.recipient_county_code, x.source_code, x.source_kind,
           CASE WHEN l.kind = 'reversal' THEN -(l.amount_fen::bigint) ELSE l.amount_fen::bigint END AS net_fen,
           CASE WHEN x.recipient_kind = 'payee' THEN 'payee'
                WHEN x.recipient_kind = 'project' THEN 'project'
                WHEN ro.level = 'county' THEN 'county'
                WHEN ro.level = 'municipal' THEN 'city'
                WHEN ro.level = 'provincial' THEN 'province'
                ELSE 'other' END AS stage
    FROM public_transfer_lines l
    CROSS JOIN LATERAL (SELECT
      CASE WHEN l.kind = 'reversal' THEN l.from_code ELSE l.to_code END AS recipient_code,
      CASE WHEN l.kind = 'reversal' THEN l.from_kind ELSE l.to_kind END AS recipient_kind,
      CASE WHEN l.kind = 'reversal' THEN l.from_county_code ELSE l.to_county_code END AS recipient_county_code,
      CASE WHEN l.kind = 'reversal' THEN l.to_code ELSE l.from_code END AS source_code,
      CASE WHEN l.kind = 'reversal' THEN l.to_kind ELSE l.from_kind END AS source_kind) x
    LEFT JOIN organisations ro ON x.recipient_kind = 'organisation' AND ro.code = x.recipient_code
    WHERE ${showDemo} OR NOT l.is_demo
  )`;
}

/** A published line as the public pages list it (one hop, with the publication it came from). */
export const hopRow = publicTransferLinesView.pick({
  transfer_id: true,
  kind: true,
  transfer_date: true,
  doc_number: true,
  programme_code: true,
  programme_name: true,
  programme_level: true,
  from_code: true,
  from_kind: true,
  from_name: true,
  from_name_en: true,
  to_code: true,
  to_kind: true,
  to_name: true,
  to_name_en: true,
  project_code: true,
  amount_fen: true,
  reverses_transfer_id: true,
  publication_id: true,
  is_demo: true,
});

export const HOP_COLUMNS = sql`transfer_id, kind, transfer_date, doc_number, programme_code, programme_name, programme_level, from_code, from_kind, from_name, from_name_en, to_code, to_kind, to_name, to_name_en, project_code, amount_fen, reverses_transfer_id, publication_id, is_demo`;

export interface HopDto {
  transferId: number;
  kind: 'allocation' | 'payment' | 'disbursement' | 'reversal';
  date: string;
  docNumber: string;
  programmeCode: string;
  programmeName: string;
  level: FundLevel;
  from: { code: string; kind: string; name: string; nameEn: string };
  to: { code: string; kind: string; name: string; nameEn: string };
  projectCode: string | null;
  amountFen: bigint;
  reversesTransferId: number | null;
  publicationId: number;
  isDemo: boolean;
}

export function hopOf(r: z.infer<typeof hopRow>): HopDto {
  return {
    transferId: r.transfer_id,
    kind: r.kind,
    date: r.transfer_date,
    docNumber: r.doc_number,
    programmeCode: r.programme_code,
    programmeName: r.programme_name,
    level: r.programme_level,
    from: { code: r.from_code, kind: r.from_kind, name: r.from_name, nameEn: r.from_name_en },
    to: { code: r.to_code, kind: r.to_kind, name: r.to_name, nameEn: r.to_name_en },
    projectCode: r.project_code,
    amountFen: BigInt(r.amount_fen),
    reversesTransferId: r.reverses_transfer_id,
    publicationId: r.publication_id,
    isDemo: r.is_demo,
  };
}
