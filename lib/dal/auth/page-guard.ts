import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { can, type Permission } from '@/lib/auth/permissions';
import { getActor, type Ctx } from './session';

/** For pages: sends a visitor to sign in, and answers 403 to a signed-in user without the permission. */
export async function requirePage(permission: Permission, returnTo: string): Promise<Ctx> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  if (!can(actor.role, permission)) forbidden();
  return { db: await getDb(), actor };
}
