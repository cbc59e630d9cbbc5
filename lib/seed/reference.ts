import type { Tx } from '@/db/client';
import { PROJECT_TYPE_NAMES, PROJECT_TYPES } from '@/lib/domain/vocabulary';
import * as s from '@/db/schema';
import { ORGANISATIONS } from './organisations';
import { GROUPS, INDICATORS, KEY_AREAS, PROJECTS, TOWN_NAMES_EN, ZONES } from './reference/plan-data';

export const LEGAL_BASES = [
  { code: 'BMF', name: '《中华人民共和国保守国家秘密法》', nameEn: 'Law on Guarding State Secrets' },
  { code: 'OGI-14', name: '《中华人民共和国政府信息公开条例》第十四条', nameEn: 'Regulations on Open Government Information, art. 14' },
  { code: 'OGI-15', name: '《中华人民共和国政府信息公开条例》第十五条', nameEn: 'Regulations on Open Government Information, art. 15' },
  { code: 'OGI-16', name: '《中华人民共和国政府信息公开条例》第十六条', nameEn: 'Regulations on Open Government Information, art. 16' },
];

/**
 * Who answers for each of the plan's indicators: the city's planning and natural-resources bureau,
 * which the plan names as its author and which carries forestry, grassland, wetland and mine
 * restoration among the seeded organisations. No water-resources or forestry bureau is seeded; an
 * administrator's change of this assignment is a change of `plan_indicators.responsible_org_id`.
 */
export const INDICATOR_RESPONSIBLE_ORG: Record<string, string> = Object.fromEntries(
  ['I01', 'I02', 'I03', 'I04', 'I05', 'I06', 'I07', 'I08', 'I09'].map((code) => [code, '140300-GHZRZYJ']),
);

export const DEFAULT_SETTINGS: Record<string, string> = {
  demo_data_visible: 'true',
  idle_days: '180',
  publication_deadline_days: '20',
  evaluation_deadline_days: '90',
  /** Calendar days an organisation has to answer a citizen's item once it is assigned. */
  feedback_answer_days: '15',
};

/** Loads the plan's reference data. Returns org ids by code for the demo seed. */
export async function seedReference(tx: Tx): Promise<Map<string, number>> {
  const orgIds = new Map<string, number>();
  for (const o of ORGANISATIONS) {
    const [row] = await tx
      .insert(s.organisations)
      .values({ code: o.code, name: o.name, nameEn: o.nameEn, level: o.level, kind: o.kind, parentId: o.parent ? orgIds.get(o.parent)! : null, showOfficerNames: o.showOfficerNames ?? false })
      .returning({ id: s.organisations.id });
    orgIds.set(o.code, row!.id);
  }

  const zoneIds = new Map<string, number>();
  for (const [i, z] of ZONES.entries()) {
    const [row] = await tx.insert(s.restorationZones).values({ code: z.code, name: z.name, nameEn: z.nameEn, areaKm2: z.areaKm2, sort: i + 1 }).returning({ id: s.restorationZones.id });
    zoneIds.set(z.code, row!.id);
  }

  // A town named in several zones is one organisation linked to each zone.
  const townIds = new Map<string, number>();
  let townSeq = 0;
  for (const z of ZONES) {
    for (const t of z.towns) {
      const key = `${t.county}:${t.name}`;
      if (!townIds.has(key)) {
        townSeq++;
        const [row] = await tx
          .insert(s.organisations)
          .values({ code: `${t.county}-T${String(townSeq).padStart(3, '0')}`, name: t.name, nameEn: TOWN_NAMES_EN[t.name]!, level: 'township', kind: 'government', parentId: orgIds.get(t.county)! })
          .returning({ id: s.organisations.id });
        townIds.set(key, row!.id);
      }
      await tx.insert(s.zoneTowns).values({ zoneId: zoneIds.get(z.code)!, townId: townIds.get(key)! }).onConflictDoNothing();
    }
  }

  const keyAreaIds = new Map<string, number>();
  for (const [i, k] of KEY_AREAS.entries()) {
    const [row] = await tx.insert(s.keyAreas).values({ code: k.code, zoneId: zoneIds.get(k.zone)!, name: k.name, nameEn: k.nameEn, focus: k.focus, sort: i + 1 }).returning({ id: s.keyAreas.id });
    keyAreaIds.set(k.code, row!.id);
  }

  const groupIds = new Map<string, number>();
  for (const [i, g] of GROUPS.entries()) {
    const [row] = await tx.insert(s.engineeringGroups).values({ code: g.code, zoneId: g.zone ? zoneIds.get(g.zone)! : null, name: g.name, nameEn: g.nameEn, sort: i + 1 }).returning({ id: s.engineeringGroups.id });
    groupIds.set(g.code, row!.id);
  }

  await tx.insert(s.projectTypes).values(
    PROJECT_TYPES.map((code, i) => ({ code, name: PROJECT_TYPE_NAMES[code][0], nameEn: PROJECT_TYPE_NAMES[code][1], sort: i + 1 })),
  );

  const projectRows = await tx
    .insert(s.projects)
    .values(
      PROJECTS.map((p) => ({
        code: p.code,
        name: p.name,
        groupId: groupIds.get(p.group)!,
        zoneId: p.zone ? zoneIds.get(p.zone)! : null,
        keyAreaId: p.keyArea ? keyAreaIds.get(p.keyArea)! : null,
        type: p.type,
        fromPlan: true,
      })),
    )
    .returning({ id: s.projects.id, code: s.projects.code });
  const projectIds = new Map(projectRows.map((r) => [r.code, r.id]));
  await tx.insert(s.projectCounties).values(PROJECTS.flatMap((p) => p.counties.map((c) => ({ projectId: projectIds.get(p.code)!, countyId: orgIds.get(c)! }))));

  await tx.insert(s.planIndicators).values(
    INDICATORS.map((ind, i) => ({
      code: ind.code,
      name: ind.name,
      nameEn: ind.nameEn,
      unit: ind.unit,
      comparator: ind.comparator,
      baseline2020: ind.baseline2020,
      target2025: ind.target2025,
      target2035: ind.target2035,
      note: ind.note,
      sort: i + 1,
      responsibleOrgId: orgIds.get(INDICATOR_RESPONSIBLE_ORG[ind.code] ?? '140300-GHZRZYJ')!,
    })),
  );

  await tx.insert(s.legalBases).values(LEGAL_BASES.map((b, i) => ({ ...b, sort: i + 1 })));
  await tx.insert(s.settings).values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value }))).onConflictDoNothing();
  return orgIds;
}
