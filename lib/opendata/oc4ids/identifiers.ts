/**
 * Identifiers in the package. OC4IDS asks for project ids that begin with a project identifier prefix
 * registered with the Open Contracting Partnership: `oc4ids-` and six characters. The city has none
 * registered yet, so the portal uses `yqstxf` (阳泉生态修复, Yangquan ecological restoration), which
 * no registered publisher uses; once a prefix is registered it replaces this one constant, and every
 * project id changes with it (project codes themselves never change).
 */
export const OC4IDS_PROJECT_PREFIX = 'oc4ids-yqstxf';

/** The OC4IDS schema version the package follows (major.minor). */
export const OC4IDS_VERSION = '0.9' as const;

export const projectId = (code: string) => `${OC4IDS_PROJECT_PREFIX}-${code}`;

/** A party's id within a project: the portal's own organisation or payee code, stable across answers. */
export const partyId = (code: string) => code;

/** The scheme of the plan's project codes (G1-01 …), given as the project's own identifier. */
export const PLAN_PROJECT_SCHEME = 'YQ-PLAN-PROJECT';
