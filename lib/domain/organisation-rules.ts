/**
 * Where an organisation may sit in the fiscal tree, and which roles may belong to which kind of
 * organisation. Pure, so the data layer enforces exactly what the admin forms offer.
 */
import type { OrgKind, OrgLevel, Role } from './vocabulary';

export const DEPARTMENT_KINDS = ['finance_bureau', 'natural_resources_bureau', 'audit_office'] as const satisfies readonly OrgKind[];
export const UNIT_KINDS = ['implementing_unit', 'contractor'] as const satisfies readonly OrgKind[];
type GovernmentLevel = Exclude<OrgLevel, 'unit'>;

/** The level of the government directly above a government of each level (central is the root). */
const GOVERNMENT_ABOVE: Record<GovernmentLevel, OrgLevel | null> = {
  central: null,
  provincial: 'central',
  municipal: 'provincial',
  county: 'municipal',
  township: 'county',
};

/** Implementing units and contractors belong to the government whose area they work in. */
const UNIT_PARENT_LEVELS: readonly OrgLevel[] = ['municipal', 'county', 'township'];

export type PlacementRefusal = 'kindLevelMismatch' | 'parentRequired' | 'parentNotAllowed' | 'parentWrongLevel' | 'parentNotGovernment';

interface Node {
  level: OrgLevel;
  kind: OrgKind;
}

/**
 * Why an organisation of this level and kind may not sit under this parent, or null when it may:
 * a government sits under the government one level up (the central government is the root), a
 * department (finance, natural resources, audit) under the government of its own level, an
 * implementing unit or contractor (level `unit`) under a municipal, county or township government.
 */
export function placementRefusal(child: Node, parent: Node | null): PlacementRefusal | null {
  const isUnitKind = (UNIT_KINDS as readonly OrgKind[]).includes(child.kind);
  if (isUnitKind !== (child.level === 'unit')) return 'kindLevelMismatch';
  if (child.kind === 'government' && child.level === 'central') return parent ? 'parentNotAllowed' : null;
  if (!parent) return 'parentRequired';
  if (parent.kind !== 'government') return 'parentNotGovernment';
  if (isUnitKind) return UNIT_PARENT_LEVELS.includes(parent.level) ? null : 'parentWrongLevel';
  const expected = child.kind === 'government' ? GOVERNMENT_ABOVE[child.level as GovernmentLevel] : child.level;
  return parent.level === expected ? null : 'parentWrongLevel';
}

/** The kinds of organisation each role may belong to: an auditor in the audit office, a unit's user in an implementing unit, and so on. */
export const ROLE_ORG_KINDS: Record<Role, readonly OrgKind[]> = {
  admin: ['government', 'finance_bureau', 'natural_resources_bureau'],
  finance_officer: ['government', 'finance_bureau', 'natural_resources_bureau'],
  reviewer: ['government', 'finance_bureau', 'natural_resources_bureau'],
  implementing_unit: ['implementing_unit'],
  evaluator: ['government', 'finance_bureau', 'natural_resources_bureau'],
  auditor: ['audit_office'],
  moderator: ['government', 'finance_bureau', 'natural_resources_bureau'],
};

export function roleFitsOrganisation(role: Role, kind: OrgKind): boolean {
  return ROLE_ORG_KINDS[role].includes(kind);
}
