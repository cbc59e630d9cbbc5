import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import type { WithholdingItemType } from '@/lib/domain/vocabulary';
import { appendAudit } from '../internal/audit';
import type { Ctx } from '../auth/session';

export interface ReadItem {
  type: Exclude<WithholdingItemType, 'field'>;
  id: number;
}

/**
 * Auditors read withheld items (classified.read); each such read is itself an audit entry
 * (`withheld.read`, the item as entity, where it was read), written in its own transaction so the
 * read needs no write of the page's own. Only items under an active withholding are logged; a
 * programme with a withheld field counts as withheld. Other roles are not logged here: they never
 * see another organisation's withheld items, and their own are theirs.
 */
export async function logWithheldReads(ctx: Ctx, items: ReadItem[], where: string): Promise<number> {
  const { db, actor } = ctx;
  if (!can(actor.role, 'classified.read') || !items.length) return 0;
  const wanted = JSON.stringify([...new Map(items.map((i) => [`${i.type}:${i.id}`, i])).values()].map((i) => ({ t: i.type, i: i.id })));
  const withheld = rowsOf<{ item_type: string; item_id: number }>(
    await db.execute(sql`
      select distinct x.t as item_type, x.i as item_id
      from jsonb_to_recordset(${wanted}::jsonb) as x(t text, i int)
      join active_withholdings w on w.item_id = x.i and (w.item_type = x.t or (x.t = 'programme' and w.item_type = 'field'))
      order by 1, 2`),
  );
  if (!withheld.length) return 0;
  await db.transaction(async (tx) => {
    for (const w of withheld) {
      await appendAudit(tx, { actor, action: 'withheld.read', entityType: w.item_type, entityId: Number(w.item_id), after: { where } });
    }
  });
  return withheld.length;
}
