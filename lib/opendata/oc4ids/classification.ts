import type { Named } from './input';

/** OC4IDS projectStatus (closed codelist). */
export type ProjectStatus = 'identification' | 'preparation' | 'implementation' | 'completion' | 'maintenance' | 'decommissioning' | 'decommissioned' | 'cancelled';

/**
 * The public workflow stage of a project's latest application as an OC4IDS phase: under review or
 * approved is preparation (scoping and budget authorisation), funded or under way is implementation,
 * accepted (验收) and after is completion. A rejected application does not cancel a project of the
 * plan (the next one may succeed), so it, a stage of a definition not listed here, and a project
 * without an application fall back to what its public money shows: paid to contractors is
 * implementation, received only is preparation, nothing yet is identification (the plan names it).
 */
const STAGE_STATUS: Record<string, ProjectStatus> = {
  applied: 'preparation',
  first_review: 'preparation',
  second_review: 'preparation',
  returned: 'preparation',
  approved: 'preparation',
  funded: 'implementation',
  implementing: 'implementation',
  accepted: 'completion',
  evaluated: 'completion',
  closed: 'completion',
};

export function projectStatusOf(stage: string | null, receivedFen: bigint, paidFen: bigint): ProjectStatus {
  const byStage = stage === null ? undefined : STAGE_STATUS[stage];
  if (byStage) return byStage;
  if (paidFen > 0n) return 'implementation';
  if (receivedFen > 0n) return 'preparation';
  return 'identification';
}

/**
 * OC4IDS projectSector: every type of the plan restores forests, grassland, land, water or soil,
 * which is the codelist's naturalResources ("the management of natural resources including forests,
 * land, water and soil").
 */
export const PROJECT_SECTORS = ['naturalResources'] as const;

/**
 * OC4IDS projectType (closed): the plan's restoration types rehabilitate existing land, mines,
 * waters and towns; building an ecological network and surveying biodiversity fits none of the
 * codes (neither a new asset nor one rehabilitated), so that type gives none.
 */
const PROJECT_TYPES: Record<string, 'rehabilitation' | undefined> = {
  mine_restoration: 'rehabilitation',
  forest_grassland: 'rehabilitation',
  soil_erosion: 'rehabilitation',
  water_ecosystem: 'rehabilitation',
  agricultural_space: 'rehabilitation',
  urban_space: 'rehabilitation',
  ecological_network: undefined,
};

export const projectTypeOf = (planType: string) => PROJECT_TYPES[planType];

/** The plan's own classifications (open classificationScheme codelist: schemes of the portal's reference data). */
export const PLAN_SCHEMES = {
  type: 'YQ-PLAN-PROJECT-TYPE',
  zone: 'YQ-PLAN-ZONE',
  keyArea: 'YQ-PLAN-KEY-AREA',
  group: 'YQ-PLAN-ENGINEERING-GROUP',
} as const;

export function planClassifications(p: { type: Named; zone: Named | null; keyArea: Named | null; group: Named | null }) {
  return (['type', 'zone', 'keyArea', 'group'] as const).flatMap((k) => {
    const item = p[k];
    return item ? [{ scheme: PLAN_SCHEMES[k], id: item.code, description: item.name, description_en: item.nameEn }] : [];
  });
}
