import type { Role } from '@/lib/domain/vocabulary';
import type { Permission } from './permissions';

/** Each role's landing page, and the permission that page requires. */
export const LANDINGS: Record<Role, { path: string; permission: Permission; titleKey: string }> = {
  admin: { path: '/workspace/admin', permission: 'user.manage', titleKey: 'workspace.adminTitle' },
  finance_officer: { path: '/workspace/officer', permission: 'programme.write', titleKey: 'workspace.officerTitle' },
  reviewer: { path: '/workspace/reviewer', permission: 'workflow.review', titleKey: 'workspace.reviewerTitle' },
  implementing_unit: { path: '/workspace/unit', permission: 'project.apply', titleKey: 'workspace.unitTitle' },
  evaluator: { path: '/workspace/evaluator', permission: 'evaluation.score', titleKey: 'workspace.evaluatorTitle' },
  auditor: { path: '/workspace/auditor', permission: 'audit.read', titleKey: 'workspace.auditorTitle' },
  moderator: { path: '/workspace/moderator', permission: 'feedback.moderate', titleKey: 'workspace.moderatorTitle' },
};
