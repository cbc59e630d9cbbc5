import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { PERMISSIONS } from '@/lib/auth/permissions';

// The request boundary only: who is signed in, the caller's language, and Next's page cache.
const signedIn = vi.hoisted(() => ({ role: null as null | 'officer' }));
vi.mock('@/lib/dal/auth/session', () => ({
  requireCtx: async () => {
    if (!signedIn.role) throw new AppError('unauthenticated');
    return { db: null, actor: { id: 1, role: 'finance_officer' } };
  },
}));
vi.mock('@/lib/i18n/server', () => ({ getLocale: async () => 'en' }));
const revalidated = vi.hoisted(() => [] as unknown[][]);
vi.mock('next/cache', () => ({ revalidatePath: (...args: unknown[]) => revalidated.push(args) }));

const { defineAction, definePublicAction } = await import('@/lib/actions/define');

const amountSchema = z.object({ amount: z.string().regex(/^\d+$/, 'form.amountFormat') });

describe('server actions authenticate before they validate', () => {
  it('refuses an anonymous caller without reading, parsing or running the body', async () => {
    signedIn.role = null;
    const read = vi.fn((v: unknown) => v);
    const handler = vi.fn(async () => 'done');
    const action = defineAction({ permission: 'transfer.record', input: z.unknown().transform(read).pipe(amountSchema), revalidate: ['/workspace'] }, handler);
    const res = await action({ amount: 'x' });
    expect(res).toMatchObject({ ok: false, code: 'unauthenticated', message: 'Please sign in first.' });
    expect(res.ok ? null : res.fieldErrors).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it('validates the input with the form’s schema once the caller is allowed, field by field, in the reader’s language', async () => {
    signedIn.role = 'officer';
    const handler = vi.fn(async () => 'done');
    const action = defineAction({ permission: 'transfer.record', input: amountSchema }, handler);
    const res = await action({ amount: '1.5' });
    expect(res).toMatchObject({ ok: false, code: 'validation', fieldErrors: { amount: 'Digits and a decimal point only.' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('reads a FormData as useActionState passes it, runs the handler and revalidates only after success', async () => {
    signedIn.role = 'officer';
    revalidated.length = 0;
    const action = defineAction({ permission: 'transfer.record', input: amountSchema, revalidate: (input) => [`/x/${input.amount}`, ['/workspace', 'layout']] }, async (_ctx, input) => ({ fen: BigInt(input.amount) * 100n }));
    const form = new FormData();
    form.set('amount', '12');
    expect(await action(null, form)).toEqual({ ok: true, data: { fen: 1200n } });
    expect(revalidated).toEqual([['/x/12'], ['/workspace', 'layout']]);
    revalidated.length = 0;
    const refused = defineAction({ permission: 'transfer.record', input: amountSchema, revalidate: ['/workspace'] }, async () => {
      throw new AppError('ledger', 'ledger.insufficient_balance');
    });
    expect(await refused({ amount: '1' })).toMatchObject({ ok: false, code: 'ledger', message: 'The amount exceeds what this holder has left of the programme.' });
    expect(revalidated).toEqual([]);
  });

  it('answers an unexpected failure with the generic message only', async () => {
    signedIn.role = 'officer';
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const action = definePublicAction({ input: amountSchema }, async () => {
      throw new Error('connection string postgres://secret@db');
    });
    const res = await action({ amount: '1' });
    expect(res).toEqual({ ok: false, code: 'internal', message: 'Something went wrong; please try again later.' });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('is the only way any action file defines an action (public: the locale switch, set-password-by-link and the citizens’ mail forms)', () => {
    const dir = path.resolve(__dirname, '../../lib/actions');
    const publicActions: string[] = [];
    let actions = 0;
    for (const file of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, file), 'utf8');
      if (!src.startsWith("'use server'")) continue;
      const exports = src.split(/^export\s+/m).slice(1);
      expect(exports.length, file).toBeGreaterThan(0);
      for (const line of exports) {
        const m = /^const (\w+) = (defineAction\(\s*\{ permission: '([a-z]+\.[a-z]+)'|definePublicAction\(|definePublicFormAction\()/.exec(line);
        expect(m, `${file}: "export ${line.split('\n')[0]}" is not defined through defineAction`).toBeTruthy();
        if (m![3]) expect(PERMISSIONS, `${file}: ${m![1]}`).toContain(m![3]);
        else publicActions.push(m![1]!);
        actions++;
      }
      // Nothing reaches the session or the mapper by hand.
      expect(src, file).not.toMatch(/requireCtx\(|describeError\(|try \{/);
    }
    expect(actions).toBeGreaterThanOrEqual(25);
    // A citizen's follow and rating, and their mailed links: no account, the rate limiter and the link stand in.
    expect(publicActions.sort()).toEqual(['confirmFollowAction', 'confirmRatingAction', 'leaveFollowAction', 'requestFollowAction', 'requestRatingAction', 'setLocaleAction', 'setPasswordAction', 'signOutAction']);
  });
});
