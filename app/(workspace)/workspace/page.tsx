import { redirect } from 'next/navigation';
import { LANDINGS } from '@/lib/auth/landing';
import { getActor } from '@/lib/dal/auth/session';

export const dynamic = 'force-dynamic';

export default async function WorkspaceIndex() {
  const actor = await getActor();
  if (!actor) redirect('/signin?next=/workspace');
  redirect(LANDINGS[actor.role].path);
}
