import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { loadActor, openSession } from '@/lib/dal/auth/sign-in';
import type { Actor } from '@/lib/dal/auth/actor';
import type { Ctx } from '@/lib/dal/auth/session';

/** The actor for a seeded user, exactly as a request would load it (through a fresh session). */
export async function actorFor(db: Db, username: string): Promise<Actor> {
  const [u] = await db.select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  const actor = await loadActor(db, u.id, u.sv, await openSession(db, u.id, '127.0.0.1'));
  if (!actor) throw new Error(`user ${username} cannot act`);
  return actor;
}

export async function ctxFor(db: Db, username: string): Promise<Ctx> {
  return { db, actor: await actorFor(db, username) };
}
