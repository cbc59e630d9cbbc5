import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/client';
import { organisations } from '@/db/schema';
import { emptyLevelSums, flowsCte, FUND_LEVELS, STAGES, type FundLevel, type LevelSums, type Stage } from './flows';
import { publicProjectsView, viewRows } from './views';

const factRow = z.object({
  level: z.enum(FUND_LEVELS),
  year: z.string(),
  stage: z.enum([...STAGES, 'other']),
  county: z.string().nullable(),
  project: z.string().nullable(),
  fen: z.string(),
  demo: z.boolean(),
  as_of: z.string(),
});

export interface NamedSum {
  code: string;
  name: string;
  nameEn: string;
  fen: bigint;
}

export interface MoneyOverviewDto {
  /** The latest date of any public movement counted here; null when nothing is public yet. */
  dataAsOf: string | null;
  demo: boolean;
  /** Money that arrived at each stage of the chain, by the level of the programme it belongs to. */
  byStage: Record<Stage, LevelSums>;
  /** Money that arrived at each stage, by year. */
  years: { year: string; byStage: Record<Stage, bigint> }[];
  /** Every county: what it received from the city, by level, and what it passed on to projects. */
  counties: (NamedSum & { byLevel: LevelSums; toProjectsFen: bigint })[];
  /** Money that reached projects, grouped by what the plan says of them. */
  byZone: NamedSum[];
  byKeyArea: NamedSum[];
  byGroup: NamedSum[];
  byType: NamedSum[];
}

const stageSums = () => Object.fromEntries(STAGES.map((s) => [s, emptyLevelSums()])) as Record<Stage, LevelSums>;
const stageTotals = () => Object.fromEntries(STAGES.map((s) => [s, 0n])) as Record<Stage, bigint>;

function addTo(map: Map<string, NamedSum>, code: string | null, name: string | null, nameEn: string | null, fen: bigint) {
  if (code === null) return;
  const entry = map.get(code) ?? { code, name: name ?? code, nameEn: nameEn ?? name ?? code, fen: 0n };
  entry.fen += fen;
  map.set(code, entry);
}

/**
 * Where the money went, for the home page: what reached the province, the city, each county,
 * the projects and the payees, by fund level and year, from published allocation results only.
 */
export async function getMoneyOverview(db?: Queryable): Promise<MoneyOverviewDto> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const facts = z.array(factRow).parse(
    rowsOf(
      await q.execute(sql`WITH ${await flowsCte(q)}
        SELECT programme_level AS level, left(transfer_date, 4) AS year, stage,
               CASE WHEN stage = 'county' THEN recipient_code END AS county,
               CASE WHEN stage = 'project' THEN recipient_code END AS project,
               sum(net_fen)::text AS fen, bool_or(is_demo) AS demo, max(transfer_date) AS as_of
        FROM flows GROUP BY 1, 2, 3, 4, 5`),
    ),
  );
  // Money that left a county for its projects, by county.
  const passedOn = rowsOf<{ county: string; fen: string }>(
    await q.execute(sql`WITH ${await flowsCte(q)}
      SELECT source_code AS county, sum(net_fen)::text AS fen FROM flows WHERE stage = 'project' AND source_kind = 'organisation' GROUP BY 1`),
  );
  const projects = viewRows(
    'public_projects',
    publicProjectsView.pick({ code: true, zone_code: true, zone_name: true, zone_name_en: true, key_area_code: true, key_area_name: true, key_area_name_en: true, group_code: true, group_name: true, group_name_en: true, type: true, type_name: true, type_name_en: true }),
    await q.execute(sql`SELECT code, zone_code, zone_name, zone_name_en, key_area_code, key_area_name, key_area_name_en, group_code, group_name, group_name_en, type, type_name, type_name_en FROM public_projects`),
  );
  const counties = await q
    .select({ code: organisations.code, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .where(eq(organisations.level, 'county'))
    .orderBy(asc(organisations.code));

  const byStage = stageSums();
  const years = new Map<string, Record<Stage, bigint>>();
  const countyLevels = new Map<string, LevelSums>();
  const projectFen = new Map<string, bigint>();
  let dataAsOf: string | null = null;
  let demo = false;
  for (const f of facts) {
    if (f.stage === 'other') continue;
    const fen = BigInt(f.fen);
    byStage[f.stage][f.level as FundLevel] += fen;
    const year = years.get(f.year) ?? stageTotals();
    year[f.stage] += fen;
    years.set(f.year, year);
    if (f.county !== null) {
      const sums = countyLevels.get(f.county) ?? emptyLevelSums();
      sums[f.level] += fen;
      countyLevels.set(f.county, sums);
    }
    if (f.project !== null) projectFen.set(f.project, (projectFen.get(f.project) ?? 0n) + fen);
    if (dataAsOf === null || f.as_of > dataAsOf) dataAsOf = f.as_of;
    demo ||= f.demo;
  }
  const passed = new Map(passedOn.map((r) => [r.county, BigInt(r.fen)]));
  const zones = new Map<string, NamedSum>();
  const keyAreas = new Map<string, NamedSum>();
  const groups = new Map<string, NamedSum>();
  const types = new Map<string, NamedSum>();
  for (const p of projects) {
    const fen = projectFen.get(p.code);
    if (fen === undefined) continue;
    addTo(zones, p.zone_code, p.zone_name, p.zone_name_en, fen);
    addTo(keyAreas, p.key_area_code, p.key_area_name, p.key_area_name_en, fen);
    addTo(groups, p.group_code, p.group_name, p.group_name_en, fen);
    addTo(types, p.type, p.type_name, p.type_name_en, fen);
  }
  const sorted = (m: Map<string, NamedSum>) => [...m.values()].sort((a, b) => a.code.localeCompare(b.code));
  return {
    dataAsOf,
    demo,
    byStage,
    years: [...years.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([year, sums]) => ({ year, byStage: sums })),
    counties: counties.map((c) => {
      const byLevel = countyLevels.get(c.code) ?? emptyLevelSums();
      return { ...c, byLevel, fen: FUND_LEVELS.reduce((t, l) => t + byLevel[l], 0n), toProjectsFen: passed.get(c.code) ?? 0n };
    }),
    byZone: sorted(zones),
    byKeyArea: sorted(keyAreas),
    byGroup: sorted(groups),
    byType: sorted(types),
  };
}
