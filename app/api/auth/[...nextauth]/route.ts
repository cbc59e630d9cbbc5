import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/dal/auth/auth-options';

export const dynamic = 'force-dynamic';

type RouteCtx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request because the signing secret may live in the database.
async function handler(req: Request, ctx: RouteCtx) {
  return NextAuth(req as never, { params: await ctx.params } as never, await getAuthOptions());
}

export { handler as GET, handler as POST };
