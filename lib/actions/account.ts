'use server';

import { cookies, headers } from 'next/headers';
import { z } from 'zod';
import { clientAddress } from '@/lib/auth/client-ip';
import { useSecureCookies as secureCookiesWanted } from '@/lib/dal/auth/auth-options';
import { choosePasswordByLink, PASSWORD_MAX } from '@/lib/dal/auth/password-setup';
import { endCurrentSession } from '@/lib/dal/auth/session';
import { definePublicAction, definePublicFormAction } from './define';

const setPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1, 'account.passwordLength').max(PASSWORD_MAX, 'account.passwordLength'),
  confirm: z.string().max(PASSWORD_MAX, 'account.passwordMismatch'),
});

/** Public: whoever holds a valid set-password link chooses that account's password, once. */
export const setPasswordAction = definePublicAction({ input: setPasswordSchema }, async (input) => choosePasswordByLink(input.token, input.password, input.confirm));

/** next-auth's session cookie, under either prefix, whole or in chunks (`.0`, `.1`, …). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * Public (signing out needs no permission, and an ended session has none): a plain form in the
 * header posts here, with or without JavaScript in the browser, so no page ships next-auth's client.
 * The session is ended on the server first (the row revoked, the sign-out logged), then next-auth's
 * session cookie is cleared, and the browser goes to the home page. Cross-site posts never get here
 * (proxy.ts refuses them).
 */
export const signOutAction = definePublicFormAction({ input: z.object({}), redirect: () => '/' }, async () => {
  await endCurrentSession(clientAddress(Object.fromEntries((await headers()).entries())));
  const jar = await cookies();
  const names = new Set(['next-auth.session-token', '__Secure-next-auth.session-token', ...jar.getAll().map((c) => c.name)]);
  for (const name of names) {
    if (!SESSION_COOKIE.test(name)) continue;
    // A __Secure- cookie is only replaced by one marked Secure.
    jar.set(name, '', { path: '/', maxAge: 0, expires: new Date(0), httpOnly: true, sameSite: 'lax', secure: name.startsWith('__Secure-') || secureCookiesWanted() });
  }
  return null;
});
