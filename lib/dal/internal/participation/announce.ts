import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { announcePublicChange } from '../public-change';

/**
 * Tells the response caches that an item's public face changed: the lists (`public`, always) and
 * the page of what it is about, which shows its published questions.
 */
export async function announceFeedbackChange(tx: Tx, feedbackId: number): Promise<void> {
  const rows = rowsOf<{ tag: string | null }>(
    await tx.execute(sql`select case f.subject_type when 'project' then 'project:' || p.code when 'programme' then 'programme:' || fp.code when 'county' then 'org:' || o.code end as tag
      from feedback f left join projects p on f.subject_type = 'project' and p.id = f.subject_id
      left join fund_programmes fp on f.subject_type = 'programme' and fp.id = f.subject_id
      left join organisations o on f.subject_type = 'county' and o.id = f.subject_id
      where f.id = ${feedbackId}`),
  );
  await announcePublicChange(tx, rows.flatMap((r) => (r.tag ? [r.tag] : [])));
}
