import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { publicFeedbackStatusView, viewRows } from './views';

/*
 * How organisations answer citizens (issue #17, point 6): per organisation an item was assigned to
 * and per month it was received (China time), how many it received, answered by the deadline,
 * answered after it, and how many are overdue now. Only assigned items count: an item rejected or
 * merged before assignment was never any organisation's to answer. Private items count too (only
 * their number shows), so keeping an item private does not improve an organisation's record.
 */

export interface FeedbackStatsRowDto {
  /** YYYY-MM, China time, of receipt. */
  month: string;
  organisation: { code: string; name: string; nameEn: string | null };
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Assigned, unanswered and past the deadline at the time of reading. */
  overdue: number;
}

const statsRow = publicFeedbackStatusView.pick({ org_name_en: true }).extend({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  org_code: z.string(),
  org_name: z.string(),
  received: z.number().int(),
  answered_on_time: z.number().int(),
  answered_late: z.number().int(),
  overdue: z.number().int(),
});

/** Newest month first, then by organisation code; `year` keeps the months of one (China-time) year. */
export async function feedbackStats(filter: { year?: number } = {}, db?: Queryable): Promise<FeedbackStatsRowDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const month = sql`to_char((s.received_at::timestamptz) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
  const answeredBy = sql`s.answered_at IS NOT NULL AND (s.due_at IS NULL OR s.answered_at::timestamptz <= s.due_at::timestamptz)`;
  const answeredAfter = sql`s.answered_at IS NOT NULL AND s.due_at IS NOT NULL AND s.answered_at::timestamptz > s.due_at::timestamptz`;
  const rows = viewRows(
    'public_feedback_status',
    statsRow,
    await q.execute(sql`
      SELECT ${month} AS month, s.org_code, s.org_name, s.org_name_en,
             count(*)::int AS received,
             (count(*) FILTER (WHERE ${answeredBy}))::int AS answered_on_time,
             (count(*) FILTER (WHERE ${answeredAfter}))::int AS answered_late,
             (count(*) FILTER (WHERE s.overdue))::int AS overdue
      FROM public_feedback_status s
      WHERE s.org_code IS NOT NULL
        ${filter.year === undefined ? sql`` : sql`AND ${month} LIKE ${`${filter.year}-%`}`}
      GROUP BY 1, 2, 3, 4
      ORDER BY 1 DESC, 2`),
  );
  return rows.map((r) => ({
    month: r.month,
    organisation: { code: r.org_code, name: r.org_name, nameEn: r.org_name_en },
    received: r.received,
    answeredOnTime: r.answered_on_time,
    answeredLate: r.answered_late,
    overdue: r.overdue,
  }));
}
