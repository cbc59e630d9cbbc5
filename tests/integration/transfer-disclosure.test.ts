import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import * as s from '@/db/schema';
import { getCompleteness } from '@/lib/dal/public/disclosure';
import { previewImport, runImport } from '@/lib/dal/import/imports';
import { discloseTransfers } from '@/lib/dal/internal/disclosure/transfers';
import { holderFor, insertTransfer } from '@/lib/dal/internal/ledger/transfers';
import { createProgramme } from '@/lib/dal/ledger/programmes';
import { recordTransfer, reverseTransfer } from '@/lib/dal/ledger/transfers';
import { chinaToday } from '@/lib/domain/china-date';
import { transferDocumentSchema } from '@/lib/domain/transfer-document';
import { AppError } from '@/lib/errors';
import { programmeSchema, reversalSchema, transferSchema } from '@/lib/schemas/ledger';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Lines of the latest public version of every document's allocation result. */
async function publicLines(db: Db) {
  const rows = rowsOf<{ content: unknown }>(
    await db.execute(sql`select distinct on (subject_id) content from public_publications
      where kind = 'allocation_result' and subject_type = 'transfer_document' order by subject_id, version desc`),
  );
  return rows.flatMap((r) => transferDocumentSchema.parse(r.content).lines);
}

async function sumOf(db: Db, where: ReturnType<typeof sql>) {
  const [row] = rowsOf<{ n: string }>(await db.execute(sql`select coalesce(sum(amount_fen), 0)::text as n from transfers t where ${where}`));
  return BigInt(row!.n);
}

/** A trigger that fails the next audit entry: a failure after the transfer and its publication were written. */
async function failingAudit<T>(db: Db, run: () => Promise<T>): Promise<unknown> {
  await db.execute(sql.raw(`create or replace function inject_failure() returns trigger language plpgsql as $$ begin raise exception 'injected'; end; $$`));
  await db.execute(sql.raw(`create trigger inject_failure before insert on audit_log for each row execute function inject_failure()`));
  try {
    return await run().then(
      () => null,
      (e: unknown) => e,
    );
  } finally {
    await db.execute(sql.raw(`drop trigger inject_failure on audit_log`));
    await db.execute(sql.raw(`drop function inject_failure()`));
  }
}

describe.each(DRIVERS)('every movement of money is an allocation result, on %s', (driver) => {
  let t: TestDatabase;
  let programmeId: number;
  const org = async (code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
  const counts = async () => ({
    transfers: (await t.db.select({ n: count() }).from(s.transfers))[0]!.n,
    publications: (await t.db.select({ n: count() }).from(s.publications))[0]!.n,
  });

  beforeAll(async () => {
    t = await createDatabase(driver);
    const sx = await ctxFor(t.db, 'officer-sx');
    programmeId = (
      await createProgramme(sx, programmeSchema.parse({ clientKey: randomUUID(), code: 'SX-2026-DISC', name: '2026年公开测试资金', fiscalYear: 2026, purpose: '公开测试', openedOn: '2026-01-10', docNumber: '晋财资环〔2026〕70号', amount: '100', unit: 'wan', matchingLevel: '', matchingPercent: '' }), {})
    ).id;
  });
  afterAll(async () => t?.drop());

  const allocate = async (username: string, body: Record<string, unknown>) => recordTransfer(await ctxFor(t.db, username), transferSchema.parse({ clientKey: randomUUID(), programmeId, unit: 'yuan', kind: 'allocation', transferDate: '2026-02-01', ...body }));

  it('publishes a form transfer with its line, in the same transaction, versioned per document and sender', async () => {
    const sx = await ctxFor(t.db, 'officer-sx');
    const [city, yu] = [await org('140300-CZJ'), await org('140322')];
    const first = await allocate('officer-sx', { fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${city}`, amount: '600000', docNumber: '晋财资环〔2026〕71号' });
    const [pub] = await t.db.select().from(s.publications).where(eq(s.publications.docNumber, '晋财资环〔2026〕71号'));
    expect(pub).toMatchObject({ kind: 'allocation_result', subjectType: 'transfer_document', version: 1 });
    const doc = transferDocumentSchema.parse(pub!.content);
    expect(doc.lines).toEqual([
      expect.objectContaining({ transferId: first.id, kind: 'allocation', amountFen: '60000000', programmeCode: 'SX-2026-DISC', programmeLevel: 'provincial', date: '2026-02-01', docNumber: '晋财资环〔2026〕71号', projectCode: null, reversesTransferId: null }),
    ]);
    expect(doc.lines[0]!.to).toMatchObject({ code: '140300-CZJ', kind: 'organisation', nameEn: expect.any(String) });

    // A second line under the same 文号 and sender is a new version listing both, with why.
    const second = await allocate('officer', { fromRef: `org:${city}`, toRef: `org:${yu}`, amount: '100', docNumber: '阳财建〔2026〕71号' });
    const third = await allocate('officer', { fromRef: `org:${city}`, toRef: `org:${await org('140321')}`, amount: '200', docNumber: '阳财建〔2026〕71号' });
    const versions = await t.db.select().from(s.publications).where(eq(s.publications.docNumber, '阳财建〔2026〕71号')).orderBy(s.publications.version);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.changeReason).toBe('新增1笔');
    expect(transferDocumentSchema.parse(versions[1]!.content).lines.map((l) => l.transferId)).toEqual([second.id, third.id]);
    expect(transferDocumentSchema.parse(versions[1]!.content).lines[0]!.to.countyCode).toBe('140322');
    // The audit entry of the event names what it published.
    const [entry] = await t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, String(third.id)));
    expect((entry!.after as { publicationIds: number[] }).publicationIds).toEqual([versions[1]!.id]);
  });

  it('publishes a reversal naming what it reverses', async () => {
    const [city, yu] = [await org('140300-CZJ'), await org('140322')];
    const original = await allocate('officer', { fromRef: `org:${city}`, toRef: `org:${yu}`, amount: '50', docNumber: '阳财建〔2026〕72号' });
    const yx = await ctxFor(t.db, 'officer');
    const rev = await reverseTransfer(yx, reversalSchema.parse({ clientKey: randomUUID(), reversesId: original.id, amount: '50', unit: 'yuan', transferDate: '2026-02-02', docNumber: '阳财建〔2026〕73号', note: '重复下达，冲销' }));
    const lines = (await publicLines(t.db)).filter((l) => l.transferId === rev.id);
    expect(lines).toEqual([expect.objectContaining({ kind: 'reversal', reversesTransferId: original.id, amountFen: '5000' })]);
  });

  it('publishes every document of an import with it, and a preview publishes nothing', async () => {
    const ctx = await ctxFor(t.db, 'officer');
    const file = {
      filename: 'disc.csv',
      bytes: utf8(['专项资金编码,拨出单位,接收单位,金额（元）,日期,文号,类型,备注', 'SX-2026-DISC,140300-CZJ,140321,10.00,2026-04-01,阳财建〔2026〕80号,下达,', 'SX-2026-DISC,140300-CZJ,140311,20.00,2026-04-02,阳财建〔2026〕80号,下达,', 'SX-2026-DISC,140300-CZJ,140322,30.00,2026-04-02,阳财建〔2026〕81号,下达,'].join('\n')),
    };
    const p = await previewImport(ctx, file, 'transfers');
    const before = await counts();
    await runImport(ctx, file, 'transfers', p.mapping, { dryRun: true });
    expect(await counts()).toEqual(before);
    await runImport(ctx, file, 'transfers', p.mapping, { dryRun: false });
    const docs = await t.db.select({ doc: s.publications.docNumber, content: s.publications.content }).from(s.publications).where(sql`${s.publications.docNumber} in ('阳财建〔2026〕80号', '阳财建〔2026〕81号')`).orderBy(s.publications.docNumber);
    expect(docs.map((d) => [d.doc, transferDocumentSchema.parse(d.content).lines.map((l) => l.amountFen)])).toEqual([
      ['阳财建〔2026〕80号', ['1000', '2000']],
      ['阳财建〔2026〕81号', ['3000']],
    ]);
  });

  it('rolls back the transfer and its publication together when anything after them fails', async () => {
    const [city, yu] = [await org('140300-CZJ'), await org('140322')];
    const before = await counts();
    const e = await failingAudit(t.db, () => allocate('officer', { fromRef: `org:${city}`, toRef: `org:${yu}`, amount: '1', docNumber: '阳财建〔2026〕90号' }));
    expect(e).toBeTruthy();
    expect(await counts()).toEqual(before);
    const ctx = await ctxFor(t.db, 'officer');
    const file = { filename: 'fail.csv', bytes: utf8(['专项资金编码,拨出单位,接收单位,金额（元）,日期,文号,类型,备注', 'SX-2026-DISC,140300-CZJ,140321,1.00,2026-04-01,阳财建〔2026〕91号,下达,'].join('\n')) };
    const p = await previewImport(ctx, file, 'transfers');
    expect(await failingAudit(t.db, () => runImport(ctx, file, 'transfers', p.mapping, { dryRun: false }))).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  it('refuses at commit a transfer that no allocation result lists, and one without a 文号', async () => {
    const [city, yu] = [await org('140300-CZJ'), await org('140322')];
    const before = await counts();
    const bare = await t.db
      .transaction(async (tx) => {
        const [from, to] = [await holderFor(tx, { kind: 'organisation', organisationId: city }), await holderFor(tx, { kind: 'organisation', organisationId: yu })];
        await insertTransfer(tx, { programmeId, fromHolderId: from, toHolderId: to, amountFen: 1n, kind: 'allocation', transferDate: '2026-02-03', docNumber: '阳财建〔2026〕92号', recordedBy: null });
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((bare as Error)?.message ?? bare)).toMatch(/transfer_not_disclosed/);
    const noDoc = await t.db
      .transaction(async (tx) => {
        const [from, to] = [await holderFor(tx, { kind: 'organisation', organisationId: city }), await holderFor(tx, { kind: 'organisation', organisationId: yu })];
        const row = await insertTransfer(tx, { programmeId, fromHolderId: from, toHolderId: to, amountFen: 1n, kind: 'allocation', transferDate: '2026-02-03', recordedBy: null });
        await discloseTransfers(tx, [row.id], { now: new Date() });
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((noDoc as AppError).messageKey).toBe('ledger.doc_number_required');
    expect(await counts()).toEqual(before);
  });

  it('sums every public line to the transfers in the database, minus what is withheld', async () => {
    // The demo withholds one transfer of its own: public lines are everything else.
    const moved = sql`t.kind <> 'appropriation' and not exists (select 1 from active_withholdings w where w.item_type = 'transfer' and w.item_id in (t.id, t.reverses_id))`;
    const lines = await publicLines(t.db);
    expect(lines.reduce((a, l) => a + BigInt(l.amountFen), 0n)).toBe(await sumOf(t.db, moved));
    expect(new Set(lines.map((l) => l.transferId)).size).toBe(lines.length);

    // Withhold one transfer: its line, and only its line, leaves every public allocation result.
    const sx = await ctxFor(t.db, 'officer-sx');
    const made = await allocate('officer-sx', { fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${await org('140300-CZJ')}`, amount: '12.34', docNumber: '晋财资环〔2026〕79号' });
    const [victim] = await t.db.select({ id: s.transfers.id, amountFen: s.transfers.amountFen }).from(s.transfers).where(eq(s.transfers.id, made.id));
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const users = await Promise.all(['officer', 'reviewer', 'approver'].map(async (u) => (await ctxFor(t.db, u)).actor.id));
    await t.db.insert(s.withholdings).values({ itemType: 'transfer', itemId: victim!.id, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: users[0]!, approvedBy1: users[1]!, approvedBy2: users[2]!, status: 'active', activatedAt: new Date() });
    const after = await publicLines(t.db);
    expect(after.some((l) => l.transferId === victim!.id)).toBe(false);
    const sumBefore = lines.reduce((a, l) => a + BigInt(l.amountFen), 0n) + victim!.amountFen;
    expect(after.reduce((a, l) => a + BigInt(l.amountFen), 0n)).toBe(sumBefore - victim!.amountFen);
    expect(after.reduce((a, l) => a + BigInt(l.amountFen), 0n)).toBe(await sumOf(t.db, moved));
    const feed = JSON.stringify(rowsOf(await t.db.execute(sql`select content, notice from public_publications where subject_type = 'transfer_document'`)));
    expect(feed).not.toContain(`"transferId":${victim!.id},`);
    expect(feed).not.toContain(`"amountFen":"${victim!.amountFen}"`);
  });

  it('neither dates nor counts a withheld line in the version that added it', async () => {
    const sx = await ctxFor(t.db, 'officer-sx');
    const city = await org('140300-CZJ');
    const doc = '晋财资环〔2026〕78号';
    await allocate('officer-sx', { fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${city}`, amount: '3', docNumber: doc, transferDate: '2026-02-01' });
    const later = await allocate('officer-sx', { fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${city}`, amount: '4', docNumber: doc, transferDate: '2026-03-01' });
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const users = await Promise.all(['officer', 'reviewer', 'approver'].map(async (u) => (await ctxFor(t.db, u)).actor.id));
    const [w] = await t.db.insert(s.withholdings).values({ itemType: 'transfer', itemId: later.id, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: users[0]!, approvedBy1: users[1]!, approvedBy2: users[2]!, status: 'active', activatedAt: new Date() }).returning({ id: s.withholdings.id });
    try {
      const versions = rowsOf<{ version: number; change_reason: string | null; data_as_of: string }>(
        await t.db.execute(sql`select version, change_reason, data_as_of::text from public_publications where subject_type = 'transfer_document' and doc_number = ${doc} order by version`),
      );
      expect(versions).toEqual([
        { version: 1, change_reason: null, data_as_of: '2026-02-01' },
        { version: 2, change_reason: null, data_as_of: '2026-02-01' },
      ]);
    } finally {
      await t.db.update(s.withholdings).set({ status: 'revoked' }).where(eq(s.withholdings.id, w!.id));
    }
    // Without the withholding, the second version says what it added and when.
    const [v2] = rowsOf<{ change_reason: string | null; data_as_of: string }>(await t.db.execute(sql`select change_reason, data_as_of::text from public_publications where subject_type = 'transfer_document' and doc_number = ${doc} and version = 2`));
    expect(v2).toEqual({ change_reason: '新增1笔', data_as_of: '2026-03-01' });
  });

  it('adds up on the demo: every demo transfer is published with the demo’s own dates', async () => {
    const demo = sql`t.kind <> 'appropriation' and t.is_demo`;
    const [row] = rowsOf<{ undisclosed: number; n: number }>(
      await t.db.execute(sql`select count(*) filter (where not exists (select 1 from publication_items pi where pi.transfer_id = t.id))::int as undisclosed, count(*)::int as n from transfers t where ${demo}`),
    );
    expect(row!.n).toBeGreaterThan(100);
    expect(row!.undisclosed).toBe(0);
    const [late] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from publications p where p.subject_type = 'transfer_document' and p.is_demo and p.published_at::date > (p.data_as_of::date + 30)`));
    expect(late!.n).toBe(0);
  });

  it('shows the demo’s deliberate lapses: a late guideline, missing rules, and one withheld transfer left out of every line', async () => {
    const c = await getCompleteness(t.db);
    const gaps = c.byOrganisation.flatMap((r) => r.gaps).map((g) => [g.kind, g.status, g.subjectName]);
    expect(gaps).toContainEqual(['application_guideline', 'late', expect.stringContaining('2026年省级生态修复补助资金')]);
    expect(gaps).toContainEqual(['management_rules', 'overdue', expect.stringContaining('2026年市级生态修复配套资金')]);
    const scores = c.byOrganisation.map((r) => r.score).filter((x): x is number => x !== null);
    expect(Math.min(...scores)).toBeLessThan(100);
    const [withheld] = rowsOf<{ id: number; amount_fen: string }>(
      await t.db.execute(sql`select t.id, t.amount_fen::text from active_withholdings w join transfers t on t.id = w.item_id where w.item_type = 'transfer' and t.is_demo`),
    );
    expect(withheld).toBeDefined();
    const demoLines = (await publicLines(t.db)).filter((l) => l.programmeCode.startsWith('DEMO-'));
    expect(demoLines.some((l) => l.transferId === Number(withheld!.id))).toBe(false);
    expect(demoLines.reduce((a, l) => a + BigInt(l.amountFen), 0n)).toBe((await sumOf(t.db, sql`t.kind <> 'appropriation' and t.is_demo`)) - BigInt(withheld!.amount_fen));
    // Its document lists nothing else: no empty shell naming the sender, the 文号 and the day is left public.
    const shells = rowsOf<{ id: number }>(await t.db.execute(sql`select distinct pi.publication_id as id from publication_items pi where pi.transfer_id = ${withheld!.id}`));
    expect(shells.length).toBeGreaterThan(0);
    for (const shell of shells) expect(rowsOf(await t.db.execute(sql`select 1 from public_publications where id = ${shell.id}`))).toEqual([]);
    // …and the completeness page counts its obligation as met by the withholding, without naming it.
    const owed = rowsOf<{ subject_id: number | null; status: string }>(
      await t.db.execute(sql`select o.subject_id, o.status from public_disclosure_obligations o join disclosure_obligations d on d.id = o.id
        where d.publication_id in (select distinct pi.publication_id from publication_items pi where pi.transfer_id = ${withheld!.id})`),
    );
    expect(owed).toEqual([{ subject_id: null, status: 'withheld' }]);
  });

  it('withholds a project’s own payment documents whole when the project is withheld', async () => {
    const [project] = rowsOf<{ project_id: number; holder_id: number }>(
      await t.db.execute(sql`select h.project_id, h.id as holder_id from transfers t join holders h on h.id = t.from_holder_id
        where t.kind = 'disbursement' and t.is_demo order by t.id limit 1`),
    );
    const docs = rowsOf<{ id: number }>(await t.db.execute(sql`select p.id from publications p join transfer_documents d on d.id = p.subject_id where p.subject_type = 'transfer_document' and d.sender_holder_id = ${project!.holder_id}`));
    expect(docs.length).toBeGreaterThan(0);
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).limit(1);
    const users = await Promise.all(['officer', 'reviewer', 'approver'].map(async (u) => (await ctxFor(t.db, u)).actor.id));
    const [w] = await t.db.insert(s.withholdings).values({ itemType: 'project', itemId: Number(project!.project_id), reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: users[0]!, approvedBy1: users[1]!, approvedBy2: users[2]!, status: 'active', activatedAt: new Date() }).returning({ id: s.withholdings.id });
    try {
      for (const doc of docs) expect(rowsOf(await t.db.execute(sql`select 1 from public_publications where id = ${doc.id}`))).toEqual([]);
    } finally {
      await t.db.update(s.withholdings).set({ status: 'revoked' }).where(eq(s.withholdings.id, w!.id));
    }
  });
});

describe.each(DRIVERS)('completeness from events, on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('owes the rules and guideline from the opening itself; falls when one is missed, rises when obligations are met on time', async () => {
    const sx = await ctxFor(t.db, 'officer-sx');
    // Opened 40 days ago without its rules and guideline: both are owed, and past due.
    const past = { ...sx, clock: () => new Date(Date.now() - 40 * 86_400_000) };
    const { id } = await createProgramme(past, programmeSchema.parse({ clientKey: randomUUID(), code: 'SX-2026-LATE', name: '2026年逾期测试资金', fiscalYear: 2026, purpose: '逾期公开测试', openedOn: '2026-01-10', docNumber: '晋财资环〔2026〕60号', amount: '1', unit: 'wan', matchingLevel: '', matchingPercent: '' }), {});
    const owed = await t.db.select({ kind: s.disclosureObligations.kind, publicationId: s.disclosureObligations.publicationId }).from(s.disclosureObligations).where(sql`${s.disclosureObligations.subjectType} = 'programme' and ${s.disclosureObligations.subjectId} = ${id}`);
    expect(owed.map((o) => [o.kind, o.publicationId === null]).sort()).toEqual([['application_guideline', true], ['fund_catalogue', false], ['management_rules', true]]);
    const c1 = await getCompleteness(t.db);
    const prog = c1.byProgramme.find((r) => r.id === id)!;
    expect(prog.score).toBe(33);
    expect(prog.gaps.map((g) => [g.kind, g.status]).sort()).toEqual([['application_guideline', 'overdue'], ['management_rules', 'overdue']]);
    const province = c1.byOrganisation.find((r) => r.id === sx.actor.organisationId)!;
    expect(province.gaps.map((g) => g.subjectName)).toContain('2026年逾期测试资金');

    // Money moved now is published now: the province's on-time share rises.
    const city = (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ')))[0]!.id;
    await recordTransfer(sx, transferSchema.parse({ clientKey: randomUUID(), programmeId: id, unit: 'yuan', kind: 'allocation', transferDate: chinaToday(), fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${city}`, amount: '10', docNumber: '晋财资环〔2026〕61号' }));
    const c2 = await getCompleteness(t.db);
    const before = province.kinds;
    const after = c2.byOrganisation.find((r) => r.id === sx.actor.organisationId)!;
    expect(after.kinds.allocation_result!.onTime).toBe((before.allocation_result?.onTime ?? 0) + 1);
    expect(after.score!).toBeGreaterThan(province.score!);
    // Money recorded months after it moved was disclosed late: the deadline runs from the transfer's date.
    await recordTransfer(sx, transferSchema.parse({ clientKey: randomUUID(), programmeId: id, unit: 'yuan', kind: 'allocation', transferDate: '2026-02-01', fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${city}`, amount: '1', docNumber: '晋财资环〔2026〕62号' }));
    const c3 = (await getCompleteness(t.db)).byOrganisation.find((r) => r.id === sx.actor.organisationId)!;
    expect(c3.gaps.some((g) => g.kind === 'allocation_result' && g.status === 'late')).toBe(true);
    expect(c3.score!).toBeLessThan(after.score!);
    // The county of a responsible organisation is scored too.
    expect(c2.byCounty.length).toBeGreaterThan(0);
  });
});
