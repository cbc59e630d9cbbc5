'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ORG_KINDS, ORG_LEVELS, ROLES } from '@/lib/domain/vocabulary';
import { createOrganisation } from '@/lib/dal/organisations';
import { changeUserRole, createUser, issuePasswordLink, setDemoVisible, setUserDisabled, setUserOrganisation, type PasswordLinkDto } from '@/lib/dal/users';
import { AppError } from '@/lib/errors';
import { fieldsOf, parseOrThrow } from './parse';
import { runAuthorized } from './result';

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

function parse<T>(schema: z.ZodType<T>, formData: FormData): T {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new AppError('validation');
  return parsed.data;
}

export async function setUserStatusAction(_prev: unknown, formData: FormData) {
  return runAuthorized('user.manage', async (ctx) => {
    const input = parse(userStatusSchema, formData);
    await setUserDisabled(ctx, input.userId, input.disabled === 'true');
    revalidatePath('/workspace/admin');
    return null;
  });
}

export async function changeUserRoleAction(_prev: unknown, formData: FormData) {
  return runAuthorized('user.manage', async (ctx) => {
    const input = parse(userRoleSchema, formData);
    await changeUserRole(ctx, input.userId, input.role);
    revalidatePath('/workspace/admin');
    return null;
  });
}

export async function setDemoVisibleAction(_prev: unknown, formData: FormData) {
  return runAuthorized('settings.manage', async (ctx) => {
    const input = parse(demoSchema, formData);
    await setDemoVisible(ctx, input.visible === 'true');
    revalidatePath('/', 'layout');
    return null;
  });
}

export async function createUserAction(_prev: unknown, formData: FormData) {
  return runAuthorized('user.manage', async (ctx) => {
    const input = parseOrThrow(newUserSchema, fieldsOf(formData));
    const link = await createUser(ctx, input);
    revalidatePath('/workspace/admin');
    return linkResult(link);
  });
}

export async function issuePasswordLinkAction(_prev: unknown, formData: FormData) {
  return runAuthorized('user.manage', async (ctx) => {
    const input = parseOrThrow(userIdSchema, fieldsOf(formData));
    return linkResult(await issuePasswordLink(ctx, input.userId));
  });
}

export async function setUserOrganisationAction(_prev: unknown, formData: FormData) {
  return runAuthorized('user.manage', async (ctx) => {
    const input = parseOrThrow(userOrgSchema, fieldsOf(formData));
    await setUserOrganisation(ctx, input.userId, input.organisationId);
    revalidatePath('/workspace/admin');
    return null;
  });
}

export async function createOrganisationAction(_prev: unknown, formData: FormData) {
  return runAuthorized('organisation.manage', async (ctx) => {
    const input = parseOrThrow(newOrgSchema, fieldsOf(formData));
    const res = await createOrganisation(ctx, input);
    revalidatePath('/workspace/admin', 'layout');
    return res;
  });
}
