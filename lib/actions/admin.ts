'use server';

import { z } from 'zod';
import { ORG_KINDS, ORG_LEVELS, ROLES } from '@/lib/domain/vocabulary';
import { createOrganisation } from '@/lib/dal/admin/organisations';
import { changeUserRole, createUser, issuePasswordLink, setDemoVisible, setUserDisabled, setUserOrganisation, type PasswordLinkDto } from '@/lib/dal/admin/users';
import { setPoorGradeRule } from '@/lib/dal/admin/evaluation-rule';
import { poorGradeRuleSchema } from '@/lib/schemas/evaluation';
import { defineAction } from './define';

const userStatusSchema = z.object({ userId: z.coerce.number().int().positive(), disabled: z.enum(['true', 'false']) });
const userRoleSchema = z.object({ userId: z.coerce.number().int().positive(), role: z.string().min(1).max(40) });
const demoSchema = z.object({ visible: z.enum(['true', 'false']) });
const id = z.coerce.number().int().positive('admin.unknownOrganisation');
const newUserSchema = z.object({
  username: z.string().trim().min(1, 'admin.usernameInvalid').max(40, 'admin.usernameInvalid'),
  displayName: z.string().trim().min(1, 'admin.displayNameRequired').max(60, 'admin.displayNameRequired'),
  role: z.enum(ROLES),
  organisationId: id,
});
const userOrgSchema = z.object({ userId: z.coerce.number().int().positive(), organisationId: id });
const userIdSchema = z.object({ userId: z.coerce.number().int().positive() });
const newOrgSchema = z.object({
  code: z.string().trim().min(2, 'admin.orgCodeInvalid').max(40, 'admin.orgCodeInvalid'),
  name: z.string().trim().min(1, 'admin.orgNameRequired').max(100, 'admin.orgNameRequired'),
  nameEn: z.string().trim().min(1, 'admin.orgNameRequired').max(200, 'admin.orgNameRequired'),
  level: z.enum(ORG_LEVELS),
  kind: z.enum(ORG_KINDS),
  parentId: z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()]),
});

/** The link's secret goes back to the administrator's browser once; it is stored only hashed. */
const linkResult = (l: PasswordLinkDto) => ({ userId: l.userId, username: l.username, token: l.token, expiresAt: l.expiresAt.toISOString() });

const admin = ['/workspace/admin'];

export const setUserStatusAction = defineAction({ permission: 'user.manage', input: userStatusSchema, revalidate: admin }, async (ctx, input) => {
  await setUserDisabled(ctx, input.userId, input.disabled === 'true');
  return null;
});

export const changeUserRoleAction = defineAction({ permission: 'user.manage', input: userRoleSchema, revalidate: admin }, async (ctx, input) => {
  await changeUserRole(ctx, input.userId, input.role);
  return null;
});

export const setDemoVisibleAction = defineAction({ permission: 'settings.manage', input: demoSchema, revalidate: [['/', 'layout']] }, async (ctx, input) => {
  await setDemoVisible(ctx, input.visible === 'true');
  return null;
});

export const createUserAction = defineAction({ permission: 'user.manage', input: newUserSchema, revalidate: admin }, async (ctx, input) => linkResult(await createUser(ctx, input)));

export const issuePasswordLinkAction = defineAction({ permission: 'user.manage', input: userIdSchema }, async (ctx, input) => linkResult(await issuePasswordLink(ctx, input.userId)));

export const setUserOrganisationAction = defineAction({ permission: 'user.manage', input: userOrgSchema, revalidate: admin }, async (ctx, input) => {
  await setUserOrganisation(ctx, input.userId, input.organisationId);
  return null;
});

export const createOrganisationAction = defineAction({ permission: 'organisation.manage', input: newOrgSchema, revalidate: [['/workspace/admin', 'layout']] }, (ctx, input) =>
  createOrganisation(ctx, input),
);

/** 绩效结果运用: what a 差 grade does to the recipient's next allocation. */
export const setPoorGradeRuleAction = defineAction({ permission: 'settings.manage', input: poorGradeRuleSchema, revalidate: admin }, async (ctx, input) => {
  await setPoorGradeRule(ctx, input);
  return null;
});
