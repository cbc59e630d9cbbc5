import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { openSession } from '@/lib/dal/auth/sign-in';
import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/*
 * Each class of error through a server action and through a route handler, on a real database:
 * the data layer, the ledger's triggers and the error mapper are the real ones. Only the request
 * boundary is stood in for: the session cookie (next-auth's reading of it), the language cookie as
 * server actions read it, and Next's page cache, none of which exist outside a request. Route
 * handlers read the language cookie off the request they are given.
 */
const request = vi.hoisted(() => ({ session: null as null | { user: { uid: number; sv: number; sid: string } }, locale: 'zh' as 'zh' | 'en', revalidated: [] as string[] }));
vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => request.session }));
vi.mock('@/lib/i18n/server', () => ({ getLocale: async () => request.locale }));
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => request.revalidated.push(path) }));

const { recordTransferAction, createProgrammeAction } = await import('@/lib/actions/ledger');
const { transitionAction } = await import('@/lib/actions/workflow');
const importRoute = (await import('@/app/api/import/route')).POST;
const attachmentRoute = (await import('@/app/api/workspace/items/[id]/attachments/[documentId]/route')).GET;

type ErrorBody = { code: string; message: string; fieldErrors?: Record<string, string> };
const HEADER = '专项资金编码,拨出单位,接收单位,金额（元）,日期,文号,类型,备注';

describe.each(DRIVERS)('one error mapper for actions and routes on %s', (driver) => {
  let t: TestDatabase;
  let programmeId: number;
  let city: number;
  let yu: number;

  async function signIn(username: string | null) {
    if (!username) return void (request.session = null);
    const [u] = await t.db.select({ id: s.users.id, sv: s.users.sessionVersion }).from(s.users).where(eq(s.users.username, username));
    request.session = { user: { uid: u!.id, sv: u!.sv, sid: await openSession(t.db, u!.id, '127.0.0.1') } };
  }

  const programmeForm = (code: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ clientKey: randomUUID(), code, name: '2026年错误映射测试资金', fiscalYear: '2026', purpose: '错误映射测试', openedOn: '2026-01-10', docNumber: '晋财资环〔2026〕90号', amount: '100', unit: 'wan' })) form.set(k, v);
    return form;
  };
  const overdraft = (docNumber: string) => ({ clientKey: randomUUID(), programmeId, unit: 'yuan', fromRef: `org:${city}`, toRef: `org:${yu}`, amount: '700000', transferDate: '2026-02-10', docNumber, kind: 'allocation' });
  const importForm = (fields: Record<string, string>, csv?: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (csv !== undefined) form.set('file', new File([csv], 'rows.csv', { type: 'text/csv' }));
    return new Request('https://portal.example/api/import', { method: 'POST', body: form, headers: { cookie: `locale=${request.locale}` } });
  };
  const errorOf = async (res: Response) => ((await res.json()) as { error: ErrorBody }).error;

  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
    const org = async (code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
    [city, yu] = [await org('140300-CZJ'), await org('140322')];
    await signIn('officer-sx');
    const opened = await createProgrammeAction(programmeForm('SX-2026-ERRMAP'));
    if (!opened.ok) throw new Error(opened.message);
    programmeId = opened.data.id;
    const sx = (await t.db.select({ organisationId: s.users.organisationId }).from(s.users).where(eq(s.users.username, 'officer-sx')))[0]!.organisationId;
    const passed = await recordTransferAction({ ...overdraft('晋财资环〔2026〕91号'), fromRef: `org:${sx}`, toRef: `org:${city}`, amount: '600000', transferDate: '2026-02-01' });
    if (!passed.ok) throw new Error(passed.message);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  it('an overdraft is named in the reader’s language by the transfer action and by /api/import, and writes nothing', async () => {
    await signIn('officer');
    for (const locale of ['zh', 'en'] as const) {
      request.locale = locale;
      const text = (locale === 'zh' ? zh : en).ledger.insufficient_balance;
      request.revalidated.length = 0;
      expect(await recordTransferAction(overdraft('阳财建〔2026〕92号'))).toEqual({ ok: false, code: 'ledger', message: text, fieldErrors: undefined });
      expect(request.revalidated).toEqual([]);

      const csv = [HEADER, `SX-2026-ERRMAP,140300-CZJ,140322,700000.00,2026-02-10,阳财建〔2026〕93号,下达,`].join('\n');
      const preview = await importRoute(importForm({ mode: 'preview', target: 'transfers' }, csv));
      expect(preview.status).toBe(200);
      const { mapping } = (await preview.json()) as { mapping: Record<string, number | null> };
      const commit = await importRoute(importForm({ mode: 'commit', target: 'transfers', mapping: JSON.stringify(mapping) }, csv));
      const lines = (await commit.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; error?: ErrorBody });
      expect(lines.at(-1)).toEqual({ type: 'error', error: { code: 'ledger', message: text, fieldErrors: { 'line 2': text } } });
    }
    const written = await t.db.select({ id: s.transfers.id }).from(s.transfers).where(eq(s.transfers.programmeId, programmeId));
    expect(written).toHaveLength(2);
  });

  it('validation: field messages from the form’s schema, 422 from the route', async () => {
    await signIn('officer');
    request.locale = 'en';
    const res = await recordTransferAction({ ...overdraft('阳财建〔2026〕94号'), amount: '12,3x' });
    expect(res).toMatchObject({ ok: false, code: 'validation', message: en.errors.validation, fieldErrors: { amount: en.form.amountFormat } });
    const route = await importRoute(importForm({ mode: 'replace-everything', target: 'transfers' }, HEADER));
    expect(route.status).toBe(422);
    expect(await errorOf(route)).toEqual({ code: 'validation', message: en.errors.validation, fieldErrors: { mode: en.errors.validation } });
  });

  it('unauthenticated and forbidden: the same words from both, 401 and 403 from the route', async () => {
    request.locale = 'zh';
    for (const [who, code, status] of [[null, 'unauthenticated', 401], ['auditor', 'forbidden', 403]] as const) {
      await signIn(who);
      expect(await recordTransferAction(overdraft('阳财建〔2026〕95号'))).toEqual({ ok: false, code, message: zh.errors[code], fieldErrors: undefined });
      const route = await importRoute(importForm({ mode: 'preview', target: 'transfers' }, HEADER));
      expect([route.status, await errorOf(route)]).toEqual([status, { code, message: zh.errors[code] }]);
    }
  });

  it('not found: an item nobody can see, through the transition action and the attachment route', async () => {
    await signIn('officer');
    request.locale = 'en';
    expect(await transitionAction({ itemId: 999_999, action: 'submit', expectedRevision: 0 })).toEqual({ ok: false, code: 'not_found', message: en.errors.not_found, fieldErrors: undefined });
    const route = await attachmentRoute(new Request('https://portal.example/api/workspace/items/999999/attachments/1', { headers: { cookie: 'locale=en' } }), { params: Promise.resolve({ id: '999999', documentId: '1' }) });
    expect([route.status, await errorOf(route)]).toEqual([404, { code: 'not_found', message: en.errors.not_found }]);
    const notAnId = await attachmentRoute(new Request('https://portal.example/api/workspace/items/x/attachments/1'), { params: Promise.resolve({ id: 'x', documentId: '1' }) });
    expect(notAnId.status).toBe(404);
  });

  it('conflict: a programme code already taken is a 409-class refusal with its message, nothing written', async () => {
    await signIn('officer-sx');
    request.locale = 'zh';
    const res = await createProgrammeAction(programmeForm('SX-2026-ERRMAP'));
    expect(res).toEqual({ ok: false, code: 'conflict', message: zh.ledger.programmeCodeTaken, fieldErrors: { code: zh.ledger.programmeCodeTaken } });
    expect(await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'SX-2026-ERRMAP'))).toHaveLength(1);
  });
});
