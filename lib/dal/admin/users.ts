import 'server-only';
import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { organisations, settings, users } from '@/db/schema';
import { ROLES, type OrgKind, type Role } from '@/lib/domain/vocabulary';
import { hashPassword } from '@/lib/auth/password';
import { roleFitsOrganisation } from '@/lib/domain/organisation-rules';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { issuePasswordToken } from '../internal/password-tokens';
import { EVERYTHING, announcePublicChange } from '../internal/public-change';
import { demoVisible } from '../internal/settings';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationId: number;
  organisationName: string;
  organisationNameEn: string;
  organisationKind: OrgKind;
  disabled: boolean;
}

export async function listUsers({ db, actor }: Ctx): Promise<UserDto[]> {
  assertCan(actor, 'user.manage');
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, organisationId: users.organisationId, organisationName: organisations.name, organisationNameEn: organisations.nameEn, organisationKind: organisations.kind, disabledAt: users.disabledAt })
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
    const [before] = await tx.select({ role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new AppError('not_found');
    if (before.role === role) return;
    await assertRoleFits(tx, role as Role, before.organisationId, 'role');
    await tx
      .update(users)
      .set({ role: role as Role, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await appendAudit(tx, { actor, action: 'user.role_changed', entityType: 'user', entityId: userId, before: { role: before.role }, after: { role } });
  });
}

/** Whether demo rows are shown now, for whoever may change it. */
export async function demoDataVisible({ db, actor }: Ctx): Promise<boolean> {
  assertCan(actor, 'settings.manage');
  return demoVisible(db);
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
    await announcePublicChange(tx, [EVERYTHING]);
    await appendAudit(tx, { actor, action: 'settings.demo_visibility_changed', entityType: 'setting', entityId: 'demo_data_visible', before: { value: before?.value ?? null }, after: { value: String(visible) } });
  });
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  organisationId: number;
}

export interface PasswordLinkDto {
  userId: number;
  username: string;
  /** The link's secret, shown to the administrator once and never stored in clear. */
  token: string;
  expiresAt: Date;
}

/** The organisation's kind, locked against a concurrent change, after checking the role may belong to it. */
async function assertRoleFits(tx: Tx, role: Role, organisationId: number, field: string): Promise<OrgKind> {
  const [org] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId)).for('share');
  if (!org) throw new AppError('validation', 'admin.unknownOrganisation', { organisationId: 'admin.unknownOrganisation' });
  if (!roleFitsOrganisation(role, org.kind)) throw new AppError('validation', 'admin.roleNotForOrganisation', { [field]: 'admin.roleNotForOrganisation' });
  return org.kind;
}

/**
 * Creates an account with no usable password and a single-use set-password link (see
 * password-setup.ts): the administrator hands the link over, the user chooses the password.
 * Usernames are unique regardless of case. One transaction with the audit entry.
 */
export async function createUser({ db, actor }: Ctx, input: NewUserInput): Promise<PasswordLinkDto> {
  assertCan(actor, 'user.manage');
  const username = input.username.trim().toLowerCase();
  const displayName = input.displayName.trim();
  if (!USERNAME_PATTERN.test(username)) throw new AppError('validation', 'admin.usernameInvalid', { username: 'admin.usernameInvalid' });
  if (!displayName || displayName.length > 60) throw new AppError('validation', 'admin.displayNameRequired', { displayName: 'admin.displayNameRequired' });
  if (!(ROLES as readonly string[]).includes(input.role)) throw new AppError('validation', 'errors.validation', { role: 'errors.validation' });
  // Nobody knows this password: the account opens only through the link.
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  return db.transaction(async (tx) => {
    await assertRoleFits(tx, input.role, input.organisationId, 'role');
    // Serialises creations so two admins cannot both take the same name between check and insert.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.username'))`);
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${username}`);
    if (taken) throw new AppError('conflict', 'admin.usernameTaken', { username: 'admin.usernameTaken' });
    const [row] = await tx
      .insert(users)
      .values({ username, displayName, passwordHash: unusable, role: input.role, organisationId: input.organisationId })
      .returning({ id: users.id });
    const link = await issuePasswordToken(tx, row!.id);
    await appendAudit(tx, {
      actor,
      action: 'user.created',
      entityType: 'user',
      entityId: row!.id,
      after: { username, displayName, role: input.role, organisationId: input.organisationId, passwordSetup: 'link', linkExpiresAt: link.expiresAt.toISOString() },
    });
    return { userId: row!.id, username, ...link };
  });
}

/** A new set-password link for an existing account (a forgotten password); older links stop working. */
export async function issuePasswordLink({ db, actor }: Ctx, userId: number): Promise<PasswordLinkDto> {
  assertCan(actor, 'user.manage');
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ username: users.username, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw new AppError('not_found');
    if (user.disabledAt) throw new AppError('validation', 'admin.userDisabled');
    const link = await issuePasswordToken(tx, userId);
    await appendAudit(tx, { actor, action: 'user.password_link_issued', entityType: 'user', entityId: userId, after: { linkExpiresAt: link.expiresAt.toISOString() } });
    return { userId, username: user.username, ...link };
  });
}

/** Moves a user to another organisation their role fits; their sessions end, as on a role change. */
export async function setUserOrganisation({ db, actor }: Ctx, userId: number, organisationId: number): Promise<void> {
  assertCan(actor, 'user.manage');
  if (userId === actor.id) throw new AppError('validation', 'admin.cannotDisableSelf');
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new AppError('not_found');
    if (before.organisationId === organisationId) return;
    await assertRoleFits(tx, before.role, organisationId, 'organisationId');
    await tx
      .update(users)
      .set({ organisationId, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    // Public timelines name the organisation an officer acted for.
    await announcePublicChange(tx, [EVERYTHING]);
    await appendAudit(tx, { actor, action: 'user.organisation_changed', entityType: 'user', entityId: userId, before: { organisationId: before.organisationId }, after: { organisationId } });
  });
}
