import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { publicPublicationsView, viewRows } from './views';

export interface PublicCheckpointDto {
  publicationId: number;
  day: string;
  seq: number;
  hash: string;
  at: string;
}

const checkpointContent = z.object({ day: z.string(), seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() });

/** The published audit checkpoints, newest first: what anyone may keep and check the log against later. */
export async function listPublicCheckpoints(db?: Queryable): Promise<PublicCheckpointDto[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const rows = viewRows(
    'public_publications',
    publicPublicationsView.pick({ id: true, content: true }),
    await q.execute(sql`select id, content from public_publications where kind = 'audit_checkpoint' order by published_at desc, id desc`),
  );
  return rows.map((r) => {
    const c = checkpointContent.parse(r.content);
    return { publicationId: r.id, day: c.day, seq: c.seq, hash: c.hash, at: c.at };
  });
}
