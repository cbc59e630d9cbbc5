import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { organisations, planIndicators } from '@/db/schema';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { INDICATOR_PROJECT_TYPES, trackIndicator, type Tracking } from '@/lib/domain/plan-indicators';
import { PROJECT_TYPE_NAMES, PROJECT_TYPES, type IndicatorComparator, type ProjectType } from '@/lib/domain/vocabulary';
import { demoVisible } from '../internal/settings';
import { publicProjectsView, publicPublicationsView, viewRows } from './views';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

/** What an approved report publishes (lib/dal/indicators/reports.ts). */
const reportContent = z.object({
  indicator: z.object({ code: z.string() }),
  year: z.number().int(),
  value: decimal,
  source: z.string(),
  method: z.string(),
  measuredOn: z.string(),
});

const reportRow = publicPublicationsView.pick({ id: true, subject_id: true, version: true, change_reason: true, published_at: true, is_demo: true }).extend({ content: reportContent });
const projectRow = publicProjectsView.pick({ code: true, name: true, type: true, is_demo: true });

export interface PublicIndicatorReportDto {
  year: number;
  value: string;
  source: string;
  method: string;
  measuredOn: string;
  version: number;
  /** Why the latest version corrected the one before; null for a first version. */
  changeReason: string | null;
  publicationId: number;
  publishedAt: string;
  isDemo: boolean;
}

export interface PlanTargetDto {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  comparator: IndicatorComparator;
  baseline2020: string | null;
  target2025: string | null;
  target2035: string | null;
  responsibleOrg: { code: string; name: string; nameEn: string } | null;
  /** The latest public version of each year's value, oldest year first. */
  reports: PublicIndicatorReportDto[];
  tracking: Tracking;
  projectTypes: { code: ProjectType; name: string; nameEn: string }[];
  /** The public projects of those types, by code; `projectCount` counts them all. */
  projects: { code: string; name: string }[];
  projectCount: number;
}

export interface PlanTargetsDto {
  indicators: PlanTargetDto[];
  /** The latest measurement date among the values shown; null before any is published. */
  dataAsOf: string | null;
  includesDemo: boolean;
}

/** How many related projects an indicator lists by name; the rest are one link away. */
export const PROJECTS_LISTED = 8;

/**
 * The plan's indicators against their targets, with the latest public version of each year's
 * measured value (public_publications, so a withheld value is never read) and the public projects
 * whose type acts on each indicator (public_projects, so a withheld project is never listed).
 */
export async function getPlanTargets(db?: Queryable): Promise<PlanTargetsDto> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const types = [...new Set(Object.values(INDICATOR_PROJECT_TYPES).flat())];
  const [indicators, reports, projects] = await Promise.all([
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
        orgCode: organisations.code,
        orgName: organisations.name,
        orgNameEn: organisations.nameEn,
      })
      .from(planIndicators)
      .leftJoin(organisations, eq(organisations.id, planIndicators.responsibleOrgId))
      .orderBy(asc(planIndicators.sort)),
    q.execute(sql`
      select distinct on (subject_id) id, subject_id, version, change_reason, published_at::text, is_demo, content
      from public_publications where kind = 'indicator_report' and subject_type = 'indicator_report'
      order by subject_id, version desc`),
    q.execute(sql`select code, name, type, is_demo from public_projects where type in (select value from jsonb_array_elements_text(${JSON.stringify(types)}::jsonb)) order by code`),
  ]);
  const published = viewRows('public_publications', reportRow, reports).filter((r) => showDemo || !r.is_demo);
  const related = viewRows('public_projects', projectRow, projects).filter((p) => showDemo || !p.is_demo);
  const out = indicators.map((ind): PlanTargetDto => {
    const own = published
      .filter((r) => r.content.indicator.code === ind.code)
      .map((r) => ({
        year: r.content.year,
        value: r.content.value,
        source: r.content.source,
        method: r.content.method,
        measuredOn: r.content.measuredOn,
        version: r.version,
        changeReason: r.change_reason,
        publicationId: r.id,
        publishedAt: r.published_at,
        isDemo: r.is_demo,
      }))
      .sort((a, b) => a.year - b.year);
    const typeCodes = (INDICATOR_PROJECT_TYPES[ind.code] ?? []).filter((t) => (PROJECT_TYPES as readonly string[]).includes(t));
    const mine = related.filter((p) => (typeCodes as readonly string[]).includes(p.type));
    return {
      code: ind.code,
      name: ind.name,
      nameEn: ind.nameEn,
      unit: ind.unit,
      comparator: ind.comparator,
      baseline2020: ind.baseline2020,
      target2025: ind.target2025,
      target2035: ind.target2035,
      responsibleOrg: ind.orgCode ? { code: ind.orgCode, name: ind.orgName!, nameEn: ind.orgNameEn! } : null,
      reports: own,
      tracking: trackIndicator(ind, own),
      projectTypes: typeCodes.map((t) => ({ code: t, name: PROJECT_TYPE_NAMES[t][0], nameEn: PROJECT_TYPE_NAMES[t][1] })),
      projects: mine.slice(0, PROJECTS_LISTED).map((p) => ({ code: p.code, name: p.name })),
      projectCount: mine.length,
    };
  });
  const dates = published.map((r) => r.content.measuredOn).sort();
  return { indicators: out, dataAsOf: dates.at(-1) ?? null, includesDemo: published.some((r) => r.is_demo) };
}
