import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { addProgrammeDocument } from '@/lib/dal/ledger/programme-documents';
import { createProgramme } from '@/lib/dal/ledger/programmes';
import { getCatalogue, getPublishedDocument } from '@/lib/dal/public/catalogue';
import { recordExpenditure, recordTransfer, reverseTransfer } from '@/lib/dal/ledger/transfers';
import { AppError } from '@/lib/errors';
import { programmeSchema, transferSchema, expenditureSchema, reversalSchema } from '@/lib/schemas/ledger';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const orgId = async (t: TestDatabase, code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe.each(DRIVERS)('chain of funds through the data layer on %s', (driver) => {
  let t: TestDatabase;
  let programmeId: number;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('opens a provincial programme with its appropriation, documents, publications and audit entry in one go', async () => {
    const ctx = await ctxFor(t.db, 'officer-sx');
    const auditBefore = (await t.db.select({ n: count() }).from(s.auditLog))[0]!.n;
    const cmd = programmeSchema.parse({ clientKey: randomUUID(), code: 'SX-2026-TEST', name: '2026年省级测试生态修复资金', fiscalYear: 2026, purpose: '测试用途说明', openedOn: '2026-02-01', docNumber: '晋财资环[2026]8号', amount: '1,000,000.00', unit: 'yuan', matchingLevel: 'municipal', matchingPercent: '10' });
    const res = await createProgramme(ctx, cmd, { rules: { filename: '管理办法.pdf', bytes: pdf } });
    programmeId = res.id;
    const [prog] = await t.db.select().from(s.fundProgrammes).where(eq(s.fundProgrammes.id, programmeId));
    expect(prog!.totalFen).toBe(100_000_000n);
    expect(prog!.level).toBe('provincial');
    const pubs = await t.db.select({ kind: s.publications.kind }).from(s.publications).where(and(eq(s.publications.subjectType, 'programme'), eq(s.publications.subjectId, programmeId)));
    expect(pubs.map((p) => p.kind).sort()).toEqual(['fund_catalogue', 'management_rules']);
    const [appr] = await t.db.select().from(s.transfers).where(and(eq(s.transfers.programmeId, programmeId), eq(s.transfers.kind, 'appropriation')));
    expect(appr!.docNumber).toBe('晋财资环〔2026〕8号');
    const [doc] = await t.db.select({ sha: s.documents.sha256, size: s.documents.byteSize, content: s.documents.content }).from(s.documents).where(eq(s.documents.filename, '管理办法.pdf'));
    expect(doc!.size).toBe(pdf.length);
    expect(Buffer.from(doc!.content).equals(Buffer.from(pdf))).toBe(true);
    expect((await t.db.select({ n: count() }).from(s.auditLog))[0]!.n).toBe(auditBefore + 1);
    const [req] = await t.db.select().from(s.matchingRequirements).where(eq(s.matchingRequirements.upperProgrammeId, programmeId));
    expect(req!.shareBp).toBe(1000);
  });

  it('serves a document to the public only when a publication names it, with its checksum, and lists the programme in the catalogue', async () => {
    const [doc] = await t.db.select({ id: s.documents.id, sha: s.documents.sha256 }).from(s.documents).where(eq(s.documents.filename, '管理办法.pdf'));
    const served = await getPublishedDocument(doc!.id, t.db);
    expect(served?.sha256).toBe(doc!.sha);
    const [orphan] = await t.db.insert(s.documents).values({ sha256: 'x', mimeType: 'application/pdf', byteSize: 1, filename: 'secret.pdf', content: new Uint8Array([1]) }).returning({ id: s.documents.id });
    expect(await getPublishedDocument(orphan!.id, t.db)).toBeNull();
    const { years, entries } = await getCatalogue(2026, t.db);
    expect(years).toContain(2026);
    const entry = entries.find((e) => e.code === 'SX-2026-TEST')!;
    expect(entry.totalFen).toBe(100_000_000n);
    expect(entry.documents).toEqual([expect.objectContaining({ kind: 'management_rules', sha256: doc!.sha })]);
  });

  it('publishes the guideline after opening, settling what the opening owed; a replacement needs a reason and only the manager may', async () => {
    const ctx = await ctxFor(t.db, 'officer-sx');
    const owed = async () => (await t.db.select({ publicationId: s.disclosureObligations.publicationId }).from(s.disclosureObligations).where(and(eq(s.disclosureObligations.kind, 'application_guideline'), eq(s.disclosureObligations.subjectId, programmeId))))[0];
    expect((await owed())!.publicationId).toBeNull();
    const cmd = { clientKey: randomUUID(), programmeId, kind: 'application_guideline' as const, docNumber: '晋财资环〔2026〕9号', changeReason: '' };
    const file = { filename: '申报指南.pdf', bytes: pdf };
    expect((await refusal(addProgrammeDocument(await ctxFor(t.db, 'officer'), cmd, file))).code).toBe('not_found');
    const first = await addProgrammeDocument(ctx, cmd, file);
    expect((await owed())!.publicationId).toBe(first.publicationId);
    const again = await refusal(addProgrammeDocument(ctx, { ...cmd, clientKey: randomUUID() }, file));
    expect(again.fieldErrors).toEqual({ changeReason: 'ledger.documentChangeReason' });
    await addProgrammeDocument(ctx, { ...cmd, clientKey: randomUUID(), changeReason: '补充申报材料清单' }, file);
    const { entries } = await getCatalogue(2026, t.db);
    expect(entries.find((e) => e.code === 'SX-2026-TEST')!.documents.map((d) => d.kind).sort()).toEqual(['application_guideline', 'management_rules']);
  });

  it('refuses a document whose content is not an accepted type, whatever its name, and writes nothing', async () => {
    const ctx = await ctxFor(t.db, 'officer-sx');
    const before = (await t.db.select({ n: count() }).from(s.fundProgrammes))[0]!.n;
    const cmd = programmeSchema.parse({ clientKey: randomUUID(), code: 'SX-2026-BADDOC', name: '2026年省级测试资金二', fiscalYear: 2026, purpose: '测试用途说明', openedOn: '2026-02-01', docNumber: '晋财资环〔2026〕9号', amount: '10', unit: 'yuan' });
    const e = await refusal(createProgramme(ctx, cmd, { rules: { filename: 'rules.pdf', bytes: new TextEncoder().encode('#!/bin/sh\necho hi') } }));
    expect(e.fieldErrors).toEqual({ rules: 'form.fileType' });
    expect((await t.db.select({ n: count() }).from(s.fundProgrammes))[0]!.n).toBe(before);
  });

  it('passes money down from province to city to county to a project and on to a payee', async () => {
    const sx = await ctxFor(t.db, 'officer-sx');
    const city = await ctxFor(t.db, 'officer');
    const county = await ctxFor(t.db, 'officer-yx');
    const cityOrg = await orgId(t, '140300-CZJ');
    const yuOrg = await orgId(t, '140322');
    const t1 = transferSchema.parse({ clientKey: randomUUID(), programmeId, fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${cityOrg}`, amount: '60', unit: 'wan', transferDate: '2026-03-01', docNumber: '晋财资环〔2026〕10号', kind: 'allocation' });
    await recordTransfer(sx, t1);
    await recordTransfer(city, transferSchema.parse({ clientKey: randomUUID(), programmeId, fromRef: `org:${cityOrg}`, toRef: `org:${yuOrg}`, amount: '250000', unit: 'yuan', transferDate: '2026-03-10', docNumber: '阳财建〔2026〕21号', kind: 'allocation' }));
    const [project] = await t.db.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.code, 'G1-01'));
    await recordTransfer(county, transferSchema.parse({ clientKey: randomUUID(), programmeId, fromRef: `org:${yuOrg}`, toRef: `project:${project!.id}`, amount: '200000', unit: 'yuan', transferDate: '2026-04-01', docNumber: '盂财〔2026〕5号', kind: 'payment' }));
    const [contractor] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, 'DEMO-CONTRACTOR-1'));
    await recordTransfer(county, transferSchema.parse({ clientKey: randomUUID(), programmeId, fromRef: `project:${project!.id}`, toRef: `payee:${contractor!.id}`, amount: '150000', unit: 'yuan', transferDate: '2026-05-01', docNumber: '盂财〔2026〕6号', kind: 'disbursement' }));
    await recordExpenditure(county, expenditureSchema.parse({ clientKey: randomUUID(), programmeId, payeeRef: `payee:${contractor!.id}`, amount: '100000', unit: 'yuan', spentOn: '2026-05-20', voucherNo: 'PZ-0001', description: '土方工程款' }));
    const e = await refusal(recordExpenditure(county, expenditureSchema.parse({ clientKey: randomUUID(), programmeId, payeeRef: `payee:${contractor!.id}`, amount: '50000.01', unit: 'yuan', spentOn: '2026-05-21', voucherNo: 'PZ-0002', description: '超支测试' })));
    expect(e.messageKey).toBe('ledger.overspent');
    const bal = await t.db.select({ holder: s.balances.holderId, fen: s.balances.balanceFen }).from(s.balances).where(eq(s.balances.programmeId, programmeId));
    const byHolder = new Map(bal.map((b) => [b.holder, b.fen]));
    const holderOf = async (where: ReturnType<typeof eq>) => (await t.db.select({ id: s.holders.id }).from(s.holders).where(where))[0]!.id;
    // province 100万 − 60万; city 60万 − 25万; county 25万 − 20万; project 20万 − 15万; payee 15万.
    expect(byHolder.get(await holderOf(eq(s.holders.organisationId, sx.actor.organisationId)))).toBe(40_000_000n);
    expect(byHolder.get(await holderOf(eq(s.holders.organisationId, cityOrg)))).toBe(35_000_000n);
    expect(byHolder.get(await holderOf(eq(s.holders.organisationId, yuOrg)))).toBe(5_000_000n);
    expect(byHolder.get(await holderOf(eq(s.holders.projectId, project!.id)))).toBe(5_000_000n);
    expect(bal).toHaveLength(5);
    const total = bal.reduce((a, b) => a + b.fen, 0n);
    expect(total).toBe(100_000_000n);
  });

  it('keeps an expenditure’s evidence file with it, and refuses evidence that is not a document', async () => {
    const county = await ctxFor(t.db, 'officer-yx');
    const [contractor] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, 'DEMO-CONTRACTOR-1'));
    const cmd = () => expenditureSchema.parse({ clientKey: randomUUID(), programmeId, payeeRef: `payee:${contractor!.id}`, amount: '100', unit: 'yuan', spentOn: '2026-05-22', voucherNo: 'PZ-0003', description: '检测费' });
    const before = (await t.db.select({ n: count() }).from(s.expenditures))[0]!.n;
    const bad = await refusal(recordExpenditure(county, cmd(), { filename: 'evidence.pdf', bytes: new TextEncoder().encode('just text') }));
    expect(bad.fieldErrors).toEqual({ evidence: 'form.fileType' });
    expect((await t.db.select({ n: count() }).from(s.expenditures))[0]!.n).toBe(before);
    const ok = await recordExpenditure(county, cmd(), { filename: '发票.pdf', bytes: pdf });
    const [row] = await t.db.select({ evidence: s.expenditures.evidenceDocumentId }).from(s.expenditures).where(eq(s.expenditures.id, ok.id));
    const [doc] = await t.db.select({ filename: s.documents.filename }).from(s.documents).where(eq(s.documents.id, row!.evidence!));
    expect(doc!.filename).toBe('发票.pdf');
  });

  it('returns the first result for a replayed key, writes nothing, and refuses the same key with another body', async () => {
    const sx = await ctxFor(t.db, 'officer-sx');
    const cityOrg = await orgId(t, '140300-CZJ');
    const body = { clientKey: randomUUID(), programmeId, fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${cityOrg}`, amount: '1', unit: 'yuan', transferDate: '2026-03-02', docNumber: '晋财资环〔2026〕11号', kind: 'allocation' };
    const first = await recordTransfer(sx, transferSchema.parse(body));
    const countBefore = (await t.db.select({ n: count() }).from(s.transfers))[0]!.n;
    const again = await recordTransfer(sx, transferSchema.parse(body));
    expect(again).toEqual({ id: first.id, replayed: true });
    expect((await t.db.select({ n: count() }).from(s.transfers))[0]!.n).toBe(countBefore);
    const e = await refusal(recordTransfer(sx, transferSchema.parse({ ...body, amount: '2' })));
    expect(e.code).toBe('idempotency_mismatch');
  });

  it('lets an officer spend only from their own organisation', async () => {
    const city = await ctxFor(t.db, 'officer');
    const sxOrg = await orgId(t, '140000-CZT');
    const cityOrg = await orgId(t, '140300-CZJ');
    const e = await refusal(recordTransfer(city, transferSchema.parse({ clientKey: randomUUID(), programmeId, fromRef: `org:${sxOrg}`, toRef: `org:${cityOrg}`, amount: '1', unit: 'yuan', transferDate: '2026-03-02', docNumber: '晋财资环〔2026〕12号', kind: 'allocation' })));
    expect(e.code).toBe('forbidden');
    const auditor = await ctxFor(t.db, 'auditor');
    expect((await refusal(recordTransfer(auditor, transferSchema.parse({ clientKey: randomUUID(), programmeId, fromRef: `org:${cityOrg}`, toRef: `org:${sxOrg}`, amount: '1', unit: 'yuan', transferDate: '2026-03-02', docNumber: '晋财资环〔2026〕12号', kind: 'allocation' })))).code).toBe('forbidden');
  });

  it('corrects by a reversal that only the sender may record', async () => {
    const sx = await ctxFor(t.db, 'officer-sx');
    const [orig] = await t.db.select({ id: s.transfers.id }).from(s.transfers).where(eq(s.transfers.docNumber, '晋财资环〔2026〕11号'));
    const city = await ctxFor(t.db, 'officer');
    expect((await refusal(reverseTransfer(city, reversalSchema.parse({ clientKey: randomUUID(), reversesId: orig!.id, amount: '1', unit: 'yuan', transferDate: '2026-03-03', docNumber: '晋财资环〔2026〕13号', note: '金额录入错误' })))).code).toBe('forbidden');
    const r = await reverseTransfer(sx, reversalSchema.parse({ clientKey: randomUUID(), reversesId: orig!.id, amount: '1', unit: 'yuan', transferDate: '2026-03-03', docNumber: '晋财资环〔2026〕13号', note: '金额录入错误' }));
    const [row] = await t.db.select().from(s.transfers).where(eq(s.transfers.id, r.id));
    expect([row!.kind, row!.reversesId]).toEqual(['reversal', orig!.id]);
  });

  it('refuses bad input before anything is written, with a message key per field', () => {
    const bad = transferSchema.safeParse({ clientKey: 'x', programmeId: 0, fromRef: 'org:abc', toRef: 'county:1', amount: '1.001', unit: 'yuan', transferDate: '2026-02-30', docNumber: '晋财资环2024第12号', kind: 'up' });
    expect(bad.success).toBe(false);
    const paths = new Set(bad.error!.issues.map((i) => i.path[0]));
    for (const f of ['clientKey', 'programmeId', 'fromRef', 'toRef', 'transferDate', 'docNumber', 'kind']) expect(paths.has(f), f).toBe(true);
    const amountOnly = transferSchema.safeParse({ clientKey: randomUUID(), programmeId: 1, fromRef: 'org:1', toRef: 'org:2', amount: '-5', unit: 'yuan', transferDate: '2026-02-03', docNumber: '晋财资环〔2026〕1号', kind: 'allocation' });
    expect(amountOnly.error!.issues.map((i) => [i.path[0], i.message])).toEqual([['amount', 'form.amountPositive']]);
  });
});
