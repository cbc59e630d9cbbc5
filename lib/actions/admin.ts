'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeUserRole, setDemoVisible, setUserDisabled } from '@/lib/dal/users';
import { AppError } from '@/lib/errors';
import { runAuthorized } from './result';

const userStatusSchema = z.object({ userId: z.coerce.number().int().positive(), disabled: z.enum(['true', 'false']) });
const userRoleSchema = z.object({ userId: z.coerce.number().int().positive(), role: z.string().min(1).max(40) });
const demoSchema = z.object({ visible: z.enum(['true', 'false']) });

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
