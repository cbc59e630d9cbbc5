import type { Role } from '@/lib/domain/vocabulary';

/** Every permission in the system, as resource.action. */
export const PERMISSIONS = [
  'workspace.enter',
  'programme.read',
  'programme.write',
  'publication.correct',
  'transfer.read',
  'transfer.record',
  'import.run',
  'project.read',
  'project.apply',
  'project.report',
  'workflow.review',
  'workflow.supervise',
  'formula.write',
  'evaluation.score',
  'classified.read',
  'audit.read',
  'audit.verify',
  'security.read',
  'finding.record',
  'finding.answer',
  'withholding.request',
  'withholding.approve',
  'feedback.moderate',
  'feedback.answer',
  'feedback.audit',
  'indicator.read',
  'indicator.report',
  'indicator.approve',
  'user.manage',
  'organisation.manage',
  'settings.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Whether a role acts within its own organisation only, or across all of them. */
export type Scope = 'organisation' | 'all';

const REGISTRY: Record<Role, { scope: Scope; permissions: readonly Permission[] }> = {
  admin: {
    scope: 'all',
    permissions: ['workspace.enter', 'programme.read', 'transfer.read', 'project.read', 'user.manage', 'organisation.manage', 'settings.manage', 'withholding.approve', 'workflow.supervise', 'security.read'],
  },
  finance_officer: {
    scope: 'organisation',
    permissions: ['workspace.enter', 'programme.read', 'programme.write', 'publication.correct', 'transfer.read', 'transfer.record', 'import.run', 'project.read', 'formula.write', 'withholding.request', 'finding.answer', 'feedback.answer', 'indicator.read', 'indicator.report'],
  },
  reviewer: {
    scope: 'organisation',
    permissions: ['workspace.enter', 'programme.read', 'transfer.read', 'project.read', 'workflow.review', 'workflow.supervise', 'withholding.approve', 'finding.answer', 'feedback.answer', 'indicator.read', 'indicator.approve'],
  },
  implementing_unit: {
    scope: 'organisation',
    permissions: ['workspace.enter', 'programme.read', 'transfer.read', 'project.read', 'project.apply', 'project.report', 'transfer.record', 'finding.answer', 'feedback.answer'],
  },
  evaluator: {
    scope: 'organisation',
    permissions: ['workspace.enter', 'programme.read', 'project.read', 'evaluation.score'],
  },
  auditor: {
    scope: 'all',
    permissions: ['workspace.enter', 'programme.read', 'transfer.read', 'project.read', 'classified.read', 'audit.read', 'audit.verify', 'security.read', 'finding.record', 'feedback.audit', 'indicator.read'],
  },
  moderator: {
    scope: 'organisation',
    permissions: ['workspace.enter', 'feedback.moderate'],
  },
};

/** Whether a role (or a signed-in actor, by their role) holds a permission: the one test for every check, link and button. */
export function can(who: Role | { role: Role }, permission: Permission): boolean {
  const role = typeof who === 'string' ? who : who.role;
  return REGISTRY[role].permissions.includes(permission);
}

export function scopeOf(role: Role): Scope {
  return REGISTRY[role].scope;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return REGISTRY[role].permissions;
}
