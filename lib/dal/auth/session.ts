import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db';
import type { Db } from '@/db/client';
import { can, type Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { getAuthOptions } from './auth-options';
import { endSession, loadActor } from './sign-in';
import type { Clock } from '../internal/clock';

export interface Ctx {
  db: Db;
  actor: Actor;
  /** Server-side only (the seed, tests): the time commands stamp; the real time when absent. */
  clock?: Clock;
  /** Server-side only (the demo seed): what commands write is labelled demo data. */
  demo?: boolean;
}

async function readToken(): Promise<{ uid: number; sv: number; sid: string } | null> {
  const session = await getServerSession(await getAuthOptions());
  const user = session?.user as { uid?: unknown; sv?: unknown; sid?: unknown } | undefined;
  if (typeof user?.uid !== 'number' || typeof user?.sv !== 'number' || typeof user?.sid !== 'string') return null;
  return { uid: user.uid, sv: user.sv, sid: user.sid };
}

/** The signed-in actor for this request, or null; user and session read from the database every request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const token = await readToken();
  if (!token) return null;
  return loadActor(await getDb(), token.uid, token.sv, token.sid);
});

/** For server actions and route handlers: throws AppError when not signed in or not allowed. */
export async function requireCtx(permission: Permission): Promise<Ctx> {
  const actor = await getActor();
  if (!actor) throw new AppError('unauthenticated');
  if (!can(actor.role, permission)) throw new AppError('forbidden');
  return { db: await getDb(), actor };
}

/**
 * Sign-out: ends this request's session on the server (the row revoked and the sign-out logged, in
 * one transaction), so its cookie, even kept or replayed, no longer yields an actor. Nothing to do
 * when the request carries no live session. Clearing the cookie is the caller's part.
 */
export async function endCurrentSession(address: string): Promise<void> {
  const token = await readToken();
  if (token) await endSession(await getDb(), token.sid, address);
}
