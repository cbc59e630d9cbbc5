'use server';

import { z } from 'zod';
import { choosePasswordByLink, PASSWORD_MAX } from '@/lib/dal/auth/password-setup';
import { definePublicAction } from './define';

const setPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1, 'account.passwordLength').max(PASSWORD_MAX, 'account.passwordLength'),
  confirm: z.string().max(PASSWORD_MAX, 'account.passwordMismatch'),
});

/** Public: whoever holds a valid set-password link chooses that account's password, once. */
export const setPasswordAction = definePublicAction({ input: setPasswordSchema }, async (input) => choosePasswordByLink(input.token, input.password, input.confirm));
