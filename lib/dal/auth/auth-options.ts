import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import { settings } from '@/db/schema';
import { clientAddress } from '@/lib/auth/client-ip';
import { safeCallbackUrl } from '@/lib/auth/safe-next';
import { authenticate, endSession, loadActor, openSession, SESSION_MAX_AGE_S } from './sign-in';

/**
 * The signing secret: NEXTAUTH_SECRET if set, else one generated once and kept in the database,
 * so every instance behind a load balancer signs and verifies with the same key.
 */
async function authSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const db = await getDb();
  await db.insert(settings).values({ key: 'auth_secret', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'auth_secret'));
  return row!.value;
}

/** Cookies are marked Secure (and get the __Secure- prefix) when the portal's public URL is https. */
export const useSecureCookies = () => (process.env.NEXTAUTH_URL ?? '').startsWith('https://');

let cached: Promise<NextAuthOptions> | undefined;

export function getAuthOptions(): Promise<NextAuthOptions> {
  cached ??= authSecret().then(
    (secret): NextAuthOptions => ({
      secret,
      session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
      useSecureCookies: useSecureCookies(),
      pages: { signIn: '/signin' },
      providers: [
        CredentialsProvider({
          name: 'credentials',
          credentials: { username: { type: 'text' }, password: { type: 'password' } },
          async authorize(credentials, req) {
            const username = typeof credentials?.username === 'string' ? credentials.username : '';
            const password = typeof credentials?.password === 'string' ? credentials.password : '';
            if (!username || !password || username.length > 100 || password.length > 200) return null;
            const ip = clientAddress(req?.headers as Record<string, string | undefined> | undefined);
            const db = await getDb();
            const result = await authenticate(db, { username, password, ip });
            if (!result.ok) {
              if (result.reason === 'throttled') throw new Error('throttled');
              return null;
            }
            const sid = await openSession(db, result.userId, ip);
            return { id: String(result.userId), sv: result.sessionVersion, sid };
          },
        }),
      ],
      callbacks: {
        jwt({ token, user }) {
          if (user) {
            const u = user as { sv?: number; sid?: string };
            token.uid = Number(user.id);
            token.sv = u.sv ?? 0;
            token.sid = u.sid;
          }
          return token;
        },
        async session({ session, token }) {
          // A revoked or expired session reads as signed out everywhere, /api/auth/session included:
          // next-auth's client takes an empty session for none.
          const live = typeof token.uid === 'number' && typeof token.sv === 'number' && typeof token.sid === 'string' && (await loadActor(await getDb(), token.uid, token.sv, token.sid)) !== null;
          if (!live) return {} as typeof session;
          // Only ids travel to the browser; role, name and status are re-read server-side per request.
          return { expires: session.expires, user: { uid: token.uid as number, sv: token.sv as number, sid: token.sid as string } } as typeof session;
        },
        // Never leaves the site, and never fails on a malformed callbackUrl.
        redirect({ url, baseUrl }) {
          return safeCallbackUrl(url, baseUrl);
        },
      },
      events: {
        async signOut({ token }) {
          const sid = (token as { sid?: unknown } | undefined)?.sid;
          if (typeof sid !== 'string') return;
          const ip = clientAddress(Object.fromEntries((await headers()).entries()));
          await endSession(await getDb(), sid, ip);
        },
      },
    }),
  );
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
