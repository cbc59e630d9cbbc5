import 'server-only';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { can, type Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import type { Ctx } from './session';

/** Every data-layer function starts here: the caller's role must grant the permission. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new AppError('forbidden');
}

/** The organisation a query is limited to, or null when the role reads across all of them. */
export function orgScope(actor: Actor): number | null {
  return actor.scope === 'all' ? null : actor.organisationId;
}

/**
 * How far a list reaches below the caller:
 * - `organisation`: the caller's organisation and the organisations below it in the tree;
 * - `government`: also the government their organisation belongs to and everything below it
 *   (a city finance bureau acts for the whole city, a county officer for the county).
 */
export type Reach = 'organisation' | 'government';

/** Roles that act for a government on the workflow items of the organisations under it. */
const GOVERNING_ROLES: readonly Actor['role'][] = ['finance_officer', 'reviewer', 'evaluator'];

/** The reach of workflow lists: governing roles see their government's items, others their own organisation's. */
export function itemReach(actor: Actor): Reach {
  return GOVERNING_ROLES.includes(actor.role) ? 'government' : 'organisation';
}

/**
 * The organisation condition of a list query, for a column holding an organisation id: the one
 * place where "whose rows may this caller list" is written. Roles that read across all
 * organisations (auditors, administrators) get no condition; everyone else gets their reach, and
 * a row without an organisation (null) is never in it.
 */
export function scopeWhere(ctx: Ctx, column: SQLWrapper, reach: Reach = 'organisation'): SQL | undefined {
  const { actor } = ctx;
  if (actor.scope === 'all') return undefined;
  const own = sql`select ${actor.organisationId}::integer`;
  const top = reach === 'government' ? sql`${own} union all select org_government(${actor.organisationId})` : own;
  return sql`${column} in (
    with recursive reach(id) as (${top} union all select o.id from organisations o join reach on o.parent_id = reach.id)
    select id from reach where id is not null)`;
}
