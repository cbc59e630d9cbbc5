import 'server-only';
import { can, type Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';

/** Every data-layer function starts here: the caller's role must grant the permission. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new AppError('forbidden');
}

/** The organisation a query is limited to, or null when the role reads across all of them. */
export function orgScope(actor: Actor): number | null {
  return actor.scope === 'all' ? null : actor.organisationId;
}
