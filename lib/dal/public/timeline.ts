import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { organisationNamesEnByName } from './names';
import { publicItemTimelineView, viewRows } from './views';

export interface PublicTimelineEntry {
  stage: string;
  stageName: string;
  stageNameEn: string;
  at: string;
  organisationName: string;
  organisationNameEn: string | null;
  /** Only where the organisation chose to show its officers' names. */
  officerName: string | null;
}

/** What the public sees of an item's history, from the public view only (public stages, no withheld items). */
export async function publicTimeline(itemId: number, db?: Queryable): Promise<PublicTimelineEntry[]> {
  const q = db ?? (await getDb());
  const rows = viewRows(
    'public_item_timeline',
    publicItemTimelineView.pick({ stage: true, stage_name: true, stage_name_en: true, at: true, organisation_name: true, officer_name: true }),
    await q.execute(sql`select stage, stage_name, stage_name_en, at, organisation_name, officer_name from public_item_timeline where item_id = ${itemId} order by id`),
  );
  const en = await organisationNamesEnByName(rows.map((r) => r.organisation_name), q);
  return rows.map((r) => ({
    stage: r.stage,
    stageName: r.stage_name,
    stageNameEn: r.stage_name_en,
    at: new Date(r.at).toISOString(),
    organisationName: r.organisation_name,
    organisationNameEn: en.get(r.organisation_name) ?? null,
    officerName: r.officer_name,
  }));
}
