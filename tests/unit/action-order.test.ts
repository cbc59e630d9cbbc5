import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';

// The request boundary only: who is signed in, and the caller's language.
const signedIn = vi.hoisted(() => ({ role: null as null | 'officer' }));
vi.mock('@/lib/dal/session', () => ({
  requireCtx: async () => {
    if (!signedIn.role) throw new AppError('unauthenticated');
    return { db: null, actor: { id: 1, role: 'finance_officer' } };
  },
}));
vi.mock('@/lib/i18n/server', () => ({ getLocale: async () => 'en' }));

const { runAuthorized } = await import('@/lib/actions/result');

describe('server actions authenticate before they validate', () => {
  it('refuses an anonymous caller without reading the body', async () => {
    signedIn.role = null;
    const body = vi.fn(async () => {
      throw new AppError('validation', 'errors.validation', { amount: 'errors.validation' });
    });
    const res = await runAuthorized('transfer.record', body);
    expect(res).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(res.ok ? null : res.fieldErrors).toBeUndefined();
    expect(body).not.toHaveBeenCalled();
  });

  it('validates the body once the caller is allowed', async () => {
    signedIn.role = 'officer';
    const res = await runAuthorized('transfer.record', async () => {
      throw new AppError('validation', 'errors.validation', { amount: 'errors.validation' });
    });
    expect(res).toMatchObject({ ok: false, code: 'validation', fieldErrors: { amount: expect.any(String) } });
  });

  it('is the only way any action file runs an action (locale switching and set-password-by-link are public)', () => {
    const dir = path.resolve(__dirname, '../../lib/actions');
    for (const file of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, file), 'utf8');
      if (!src.startsWith("'use server'")) continue;
      const exported = [...src.matchAll(/export async function (\w+)/g)].map((m) => m[1]);
      expect(exported.length, file).toBeGreaterThan(0);
      // Public by design: the locale switch, and setting a password with a single-use link's token.
      if (file === 'locale.ts' || file === 'account.ts') continue;
      expect(src, file).not.toMatch(/runAction\(|requireCtx\(/);
      const authorized = src.match(/return runAuthorized\('[a-z]+\.[a-z]+', async \(ctx\) => \{/g) ?? [];
      expect(authorized.length, `${file}: every exported action through runAuthorized`).toBe(exported.length);
    }
  });
});
