import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { settings } from '@/db/schema';
import { authenticate } from '@/lib/dal/auth';
import { clientIpFrom } from './client-ip';

const SESSION_MAX_AGE_S = 8 * 60 * 60;

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

let cached: Promise<NextAuthOptions> | undefined;

export function getAuthOptions(): Promise<NextAuthOptions> {
  cached ??= authSecret().then(
    (secret): NextAuthOptions => ({
      secret,
      session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
      pages: { signIn: '/signin' },
      providers: [
        CredentialsProvider({
          name: 'credentials',
          credentials: { username: { type: 'text' }, password: { type: 'password' } },
          async authorize(credentials, req) {
            const username = credentials?.username ?? '';
            const password = credentials?.password ?? '';
            if (!username || !password || username.length > 100 || password.length > 200) return null;
            const result = await authenticate(await getDb(), { username, password, ip: clientIpFrom(req?.headers?.['x-forwarded-for']) });
            if (!result.ok) {
              if (result.reason === 'throttled') throw new Error('throttled');
              return null;
            }
            return { id: String(result.userId), sv: result.sessionVersion };
          },
        }),
      ],
      callbacks: {
        jwt({ token, user }) {
          if (user) {
            token.uid = Number(user.id);
            token.sv = (user as { sv?: number }).sv ?? 0;
          }
          return token;
        },
        session({ session, token }) {
          // Only ids travel to the browser; role, name and status are re-read server-side per request.
          return { expires: session.expires, user: { uid: token.uid as number, sv: token.sv as number } } as typeof session;
        },
      },
    }),
  );
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
