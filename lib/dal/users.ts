import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { organisations, settings, users, ROLES, type Role } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { appendAudit } from './audit';
import { assertCan } from './scope';
import type { Ctx } from './session';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationName: string;
  disabled: boolean;
}

export async function listUsers({ db, actor }: Ctx): Promise<UserDto[]> {
  assertCan(actor, 'user.manage');
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, organisationName: organisations.name, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(users.username));
  return rows.map(({ disabledAt, ...u }) => ({ ...u, disabled: disabledAt !== null }));
}

/** Disabling bumps the session version: every token the user holds stops working on its next request. */
export async function setUserDisabled({ db, actor }: Ctx, userId: number, disabled: boolean): Promise<void> {
  assertCan(actor, 'user.manage');
  if (userId === actor.id) throw new AppError('validation', 'admin.cannotDisableSelf');
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new AppError('not_found');
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await appendAudit(tx, { actor, action: disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: userId, before: { disabled: before.disabledAt !== null }, after: { disabled } });
  });
}

export async function changeUserRole({ db, actor }: Ctx, userId: number, role: string): Promise<void> {
  assertCan(actor, 'user.manage');
  if (!(ROLES as readonly string[]).includes(role)) throw new AppError('validation');
  if (userId === actor.id) throw new AppError('validation', 'admin.cannotDisableSelf');
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new AppError('not_found');
    if (before.role === role) return;
    await tx
      .update(users)
      .set({ role: role as Role, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await appendAudit(tx, { actor, action: 'user.role_changed', entityType: 'user', entityId: userId, before: { role: before.role }, after: { role } });
  });
}

/** Hides or shows demo rows everywhere; reference data is never touched. */
export async function setDemoVisible({ db, actor }: Ctx, visible: boolean): Promise<void> {
  assertCan(actor, 'settings.manage');
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, 'demo_data_visible')).for('update');
    await tx
      .insert(settings)
      .values({ key: 'demo_data_visible', value: String(visible) })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(visible) } });
    await appendAudit(tx, { actor, action: 'settings.demo_visibility_changed', entityType: 'setting', entityId: 'demo_data_visible', before: { value: before?.value ?? null }, after: { value: String(visible) } });
  });
}
