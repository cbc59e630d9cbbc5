import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { engineeringGroups, keyAreas, planIndicators, projects, restorationZones } from '@/db/schema';
import { demoVisible } from '../internal/settings';
import { publicPublicationsView, viewRows } from './views';

const catalogueTotalRow = publicPublicationsView.pick({ subject_id: true, is_demo: true }).extend({
  content: z.object({ level: z.string(), totalFen: z.string().nullable() }),
});

/** The plan's total area in km², which zone areas are shown as shares of. */
export { CITY_AREA_KM2 } from '@/lib/seed/reference/plan-data';

/**
 * The public read model of the plan. Reference data comes from the published plan itself;
 * money comes only from published snapshots (public_publications), never from working tables.
 */
export async function getPlanOverview(db?: Queryable) {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const [zones, areas, groups, indicators] = await Promise.all([
    q.select({ code: restorationZones.code, name: restorationZones.name, nameEn: restorationZones.nameEn, areaKm2: restorationZones.areaKm2 }).from(restorationZones).orderBy(asc(restorationZones.sort)),
    q.select({ code: keyAreas.code, name: keyAreas.name, nameEn: keyAreas.nameEn, zoneCode: restorationZones.code }).from(keyAreas).innerJoin(restorationZones, eq(restorationZones.id, keyAreas.zoneId)).orderBy(asc(keyAreas.sort)),
    q
      .select({ code: engineeringGroups.code, name: engineeringGroups.name, nameEn: engineeringGroups.nameEn, projects: count(projects.id) })
      .from(engineeringGroups)
      .leftJoin(projects, and(eq(projects.groupId, engineeringGroups.id), eq(projects.fromPlan, true)))
      .groupBy(engineeringGroups.id)
      .orderBy(asc(engineeringGroups.sort)),
    q
      .select({
        code: planIndicators.code,
        name: planIndicators.name,
        nameEn: planIndicators.nameEn,
        unit: planIndicators.unit,
        comparator: planIndicators.comparator,
        baseline2020: planIndicators.baseline2020,
        target2025: planIndicators.target2025,
        target2035: planIndicators.target2035,
      })
      .from(planIndicators)
      .orderBy(asc(planIndicators.sort)),
  ]);
  return { zones, keyAreas: areas, groups, indicators };
}

export interface FundLevelSummary {
  level: string;
  programmes: number;
  /** Null when any programme of the level shows no total: a sum without it would look complete. */
  totalFen: bigint | null;
  demo: boolean;
}

/**
 * Totals by level from the latest published catalogue entry of each programme. A catalogue total
 * that the read model withholds (null) makes its level's total unknown, never a smaller number.
 */
export async function getPublishedFundSummary(db?: Queryable): Promise<FundLevelSummary[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const rows = await q.execute(sql`
    select distinct on (subject_id) subject_id, content, is_demo
    from public_publications where kind = 'fund_catalogue' and subject_type = 'programme'
    order by subject_id, version desc`);
  const list = viewRows('public_publications', catalogueTotalRow, rows);
  const byLevel = new Map<string, FundLevelSummary>();
  for (const r of list) {
    if (r.is_demo && !showDemo) continue;
    const s: FundLevelSummary = byLevel.get(r.content.level) ?? { level: r.content.level, programmes: 0, totalFen: 0n, demo: false };
    s.programmes++;
    s.totalFen = s.totalFen === null || r.content.totalFen === null ? null : s.totalFen + BigInt(r.content.totalFen);
    s.demo ||= r.is_demo;
    byLevel.set(r.content.level, s);
  }
  const order = ['central', 'provincial', 'municipal', 'county'];
  return [...byLevel.values()].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
}

