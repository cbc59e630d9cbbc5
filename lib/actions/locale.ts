'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n';
import { definePublicFormAction } from './define';

/** Public: anyone may choose their language; only a known locale is stored. */
export const setLocaleAction = definePublicFormAction({ input: z.object({ locale: z.enum(LOCALES) }) }, async (input) => {
  (await cookies()).set(LOCALE_COOKIE, input.locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
  return null;
});
