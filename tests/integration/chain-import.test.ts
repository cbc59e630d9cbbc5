import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import * as s from '@/db/schema';
import { chainForPayee, chainForProgramme, chainForProject } from '@/lib/dal/ledger/chain';
import { previewImport, runImport } from '@/lib/dal/import/imports';
import { matchingReport } from '@/lib/dal/ledger/matching';
import { createProgramme } from '@/lib/dal/ledger/programmes';
import { recordTransfer } from '@/lib/dal/ledger/transfers';
import type { ChainNode } from '@/lib/domain/ledger/chain';
import { AppError } from '@/lib/errors';
import { programmeSchema, transferSchema } from '@/lib/schemas/ledger';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const flatten = (nodes: ChainNode[]): ChainNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each(DRIVERS)('chain view, matching and import on %s', (driver) => {
  let t: TestDatabase;
  let programmeId: number;
  let projectId: number;
  beforeAll(async () => {
    t = await createDatabase(driver);
    const sx = await ctxFor(t.db, 'officer-sx');
    programmeId = (
      await createProgramme(sx, programmeSchema.parse({ clientKey: randomUUID(), code: 'SX-2026-CHAIN', name: '2026年链条测试资金', fiscalYear: 2026, purpose: '链条测试', openedOn: '2026-01-10', docNumber: '晋财资环〔2026〕30号', amount: '100', unit: 'wan', matchingLevel: 'municipal', matchingPercent: '50' }), {})
    ).id;
    const org = async (code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
    const [city, yu] = [await org('140300-CZJ'), await org('140322')];
    projectId = (await t.db.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.code, 'G1-02')))[0]!.id;
    const tr = (ctx: Awaited<ReturnType<typeof ctxFor>>, body: Record<string, unknown>) => recordTransfer(ctx, transferSchema.parse({ clientKey: randomUUID(), programmeId, unit: 'yuan', ...body }));
    await tr(sx, { fromRef: `org:${sx.actor.organisationId}`, toRef: `org:${city}`, amount: '600000', transferDate: '2026-02-01', docNumber: '晋财资环〔2026〕31号', kind: 'allocation' });
    await tr(await ctxFor(t.db, 'officer'), { fromRef: `org:${city}`, toRef: `org:${yu}`, amount: '400000', transferDate: '2026-02-10', docNumber: '阳财建〔2026〕40号', kind: 'allocation' });
    await tr(await ctxFor(t.db, 'officer-yx'), { fromRef: `org:${yu}`, toRef: `project:${projectId}`, amount: '300000', transferDate: '2026-03-01', docNumber: '盂财〔2026〕12号', kind: 'payment' });
    const contractor2 = await org('DEMO-CONTRACTOR-2');
    await tr(await ctxFor(t.db, 'officer-yx'), { fromRef: `project:${projectId}`, toRef: `payee:${contractor2}`, amount: '100000', transferDate: '2026-03-05', docNumber: '盂财〔2026〕13号', kind: 'disbursement' });
  });
  afterAll(async () => t?.drop());

  it('shows a programme from its source down every hop with received, passed on and held', async () => {
    const chain = await chainForProgramme(await ctxFor(t.db, 'auditor'), programmeId);
    const nodes = flatten(chain.programmes[0]!.roots);
    const byName = new Map(nodes.map((n) => [chain.labels[n.holderId]!.name, n]));
    expect([...byName.keys()]).toEqual(['山西省财政厅', '阳泉市财政局', '盂县', expect.stringContaining('G1-02'), '太行山水环境治理有限公司（演示）']);
    expect(byName.get('阳泉市财政局')!.hopFen).toBe(60_000_000n);
    expect(byName.get('阳泉市财政局')!.figures).toMatchObject({ receivedFen: 60_000_000n, passedOnFen: 40_000_000n, heldFen: 20_000_000n });
    expect(byName.get('盂县')!.figures!.heldFen).toBe(10_000_000n);
  });

  it('shows a project every programme path that reaches it, and a payee its sources', async () => {
    const chain = await chainForProject(await ctxFor(t.db, 'officer-yx'), projectId);
    const mine = chain.programmes.find((p) => p.programmeId === programmeId)!;
    const names = flatten(mine.roots).map((n) => chain.labels[n.holderId]!.name);
    expect(names).toEqual(['山西省财政厅', '阳泉市财政局', '盂县', expect.stringContaining('G1-02'), '太行山水环境治理有限公司（演示）']);
    const [contractor] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, 'DEMO-CONTRACTOR-1'));
    const payee = await chainForPayee(await ctxFor(t.db, 'auditor'), contractor!.id);
    expect(payee.programmes.length).toBeGreaterThan(0);
    for (const p of payee.programmes) {
      const leafs = flatten(p.roots).filter((n) => n.children.length === 0);
      expect(leafs.every((n) => payee.labels[n.holderId]!.name === '晋东生态工程有限公司（演示）')).toBe(true);
    }
  });

  it('offers an officer only projects under their government and the payees those projects paid', async () => {
    const { chainChoices } = await import('@/lib/dal/ledger/chain-options');
    const yx = await chainChoices(await ctxFor(t.db, 'officer-yx'));
    const [yuId] = (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322'))).map((r) => r.id);
    const yuProjects = new Set((await t.db.select({ p: s.projectCounties.projectId }).from(s.projectCounties).where(eq(s.projectCounties.countyId, yuId!))).map((r) => String(r.p)));
    expect(yx.projects.length).toBeGreaterThan(0);
    expect(yx.projects.every((p) => yuProjects.has(p.value))).toBe(true);
    const all = await chainChoices(await ctxFor(t.db, 'auditor'));
    expect(all.projects.length).toBeGreaterThan(yx.projects.length);
    expect(yx.payees.map((p) => p.name)).toContain('太行山水环境治理有限公司（演示）');
    // Each choice carries its English name next to the Chinese one, for English pages.
    expect(yx.payees.find((p) => p.name === '太行山水环境治理有限公司（演示）')?.nameEn).toBe('Demo contractor 2');
  });

  it('hides a programme chain from an officer whose organisation never held it', async () => {
    const e = await chainForProgramme(await ctxFor(t.db, 'officer-yx'), (await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2024-SX')))[0]!.id).then(
      () => null,
      (err: unknown) => err,
    );
    // 盂县 did receive demo money of every programme; a programme with no path to 盂县 must be refused.
    const [other] = await t.db.insert(s.fundProgrammes).values({ code: 'T-HIDDEN', name: '不相关资金', level: 'provincial', fiscalYear: 2026, managingOrgId: (await ctxFor(t.db, 'officer-sx')).actor.organisationId, totalFen: 1n, purpose: 'x' }).returning({ id: s.fundProgrammes.id });
    const hidden = await chainForProgramme(await ctxFor(t.db, 'officer-yx'), other!.id).then(() => null, (err: unknown) => err);
    expect(hidden).toBeInstanceOf(AppError);
    expect((hidden as AppError).code).toBe('not_found');
    expect(e).toBeNull();
  });

  it('flags a matching shortfall when the lower level co-funds less than required', async () => {
    const rows = await matchingReport(await ctxFor(t.db, 'officer'));
    const row = rows.find((r) => r.upperProgrammeCode === 'SX-2026-CHAIN')!;
    expect(row.organisation).toBe('阳泉市');
    expect(row.receivedFen).toBe(60_000_000n);
    expect(row.requiredFen).toBe(30_000_000n);
    // The city's own 2026 programmes (demo) total far less or more; the flag must agree with the figures.
    expect(row.shortfallFen).toBe(row.actualFen >= row.requiredFen ? 0n : row.requiredFen - row.actualFen);
    const yx = await matchingReport(await ctxFor(t.db, 'officer-yx'));
    expect(yx.every((r) => r.organisation === '盂县')).toBe(true);
  });

  const header = '专项资金编码,拨出单位,接收单位,金额（元）,日期,文号,类型,备注';
  const good = [header, 'SX-2026-CHAIN,140300-CZJ,140321,1000.00,2026-04-01,阳财建〔2026〕50号,下达,第一笔', 'SX-2026-CHAIN,140300-CZJ,140311,"2,000.50",2026/4/2,阳财建〔2026〕50号,下达,'].join('\r\n');

  it('previews a file naming every bad cell, and writes nothing', async () => {
    const ctx = await ctxFor(t.db, 'officer');
    const bad = [header, 'SX-2026-CHAIN,140300-CZJ,140321,-5,2026-13-01,阳财建2026第1号,下达,', 'NOPE,140300-CZJ,140321,1.001,2025-12-31,阳财建〔2026〕51号,上交,'].join('\n');
    const before = (await t.db.select({ n: count() }).from(s.transfers))[0]!.n;
    const p = await previewImport(ctx, { filename: 'bad.csv', bytes: utf8(bad) }, 'transfers');
    expect(p.validRows).toBe(0);
    const cells = p.errors.map((e) => `${e.row}:${e.column}`);
    for (const c of ['2:金额（元）', '2:日期', '2:文号', '3:专项资金编码', '3:金额（元）', '3:类型']) expect(cells).toContain(c);
    expect((await t.db.select({ n: count() }).from(s.transfers))[0]!.n).toBe(before);
    const refused = await runImport(ctx, { filename: 'bad.csv', bytes: utf8(bad) }, 'transfers', p.mapping, { dryRun: false }).then(() => null, (e: unknown) => e);
    expect((refused as AppError).messageKey).toBe('import.hasErrors');
  });

  it('imports atomically, reports progress, remembers the mapping, and writes nothing the second time', async () => {
    const ctx = await ctxFor(t.db, 'officer');
    const file = { filename: 'ok.csv', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(good)]) };
    const p = await previewImport(ctx, file, 'transfers');
    expect(p.errors).toEqual([]);
    expect(p.encoding).toBe('utf-8-bom');
    const dry = await runImport(ctx, file, 'transfers', p.mapping, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, written: 2, skipped: 0 });
    expect((await t.db.select({ n: count() }).from(s.transfers).where(eq(s.transfers.docNumber, '阳财建〔2026〕50号')))[0]!.n).toBe(0);
    const progress: number[] = [];
    const first = await runImport(ctx, file, 'transfers', p.mapping, { dryRun: false, onProgress: (d) => progress.push(d) });
    expect(first).toMatchObject({ written: 2, skipped: 0 });
    expect(progress.at(-1)).toBe(2);
    const rows = await t.db.select({ amount: s.transfers.amountFen, line: s.transfers.importLine }).from(s.transfers).where(eq(s.transfers.docNumber, '阳财建〔2026〕50号')).orderBy(s.transfers.importLine);
    expect(rows).toEqual([{ amount: 100_000n, line: 2 }, { amount: 200_050n, line: 3 }]);
    const again = await runImport(ctx, file, 'transfers', p.mapping, { dryRun: false });
    expect(again).toMatchObject({ written: 0, skipped: 2 });
    const [saved] = await t.db.select().from(s.importMappings).where(eq(s.importMappings.organisationId, ctx.actor.organisationId));
    expect(saved!.mapping).toEqual(p.mapping);
  });

  it('reads GB18030 CSV and XLSX, and refuses another encoding or a file that is not a spreadsheet', async () => {
    const ctx = await ctxFor(t.db, 'officer');
    const gb = iconv.encode(good.replaceAll('50号', '60号'), 'gb18030');
    const p = await previewImport(ctx, { filename: 'gb.csv', bytes: new Uint8Array(gb) }, 'transfers');
    expect([p.encoding, p.validRows, p.errors.length]).toEqual(['gb18030', 2, 0]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('拨付');
    ws.addRow(header.split(','));
    ws.addRow(['SX-2026-CHAIN', '140300-CZJ', '140321', 1234.56, new Date(Date.UTC(2026, 3, 5)), '阳财建〔2026〕70号', '下达', '']);
    const xbytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const xp = await previewImport(ctx, { filename: 'x.xlsx', bytes: xbytes }, 'transfers');
    expect([xp.kind, xp.validRows, xp.errors]).toEqual(['xlsx', 1, []]);
    await runImport(ctx, { filename: 'x.xlsx', bytes: xbytes }, 'transfers', xp.mapping, { dryRun: false });
    const [row] = await t.db.select({ amount: s.transfers.amountFen, date: s.transfers.transferDate }).from(s.transfers).where(eq(s.transfers.docNumber, '阳财建〔2026〕70号'));
    expect(row).toEqual({ amount: 123_456n, date: '2026-04-05' });

    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(good, 'utf16le'))]);
    expect(((await previewImport(ctx, { filename: 'u16.csv', bytes: utf16 }, 'transfers').then(() => null, (e: unknown) => e)) as AppError).messageKey).toBe('import.encoding');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(((await previewImport(ctx, { filename: 'sheet.csv', bytes: png }, 'transfers').then(() => null, (e: unknown) => e)) as AppError).messageKey).toBe('import.fileType');
  });

  it('rolls the whole import back when one row breaks a ledger rule, naming its line', async () => {
    const ctx = await ctxFor(t.db, 'officer');
    const csv = [header, 'SX-2026-CHAIN,140300-CZJ,140321,1.00,2026-05-01,阳财建〔2026〕80号,下达,', 'SX-2026-CHAIN,140300-CZJ,140000-CZT,1.00,2026-05-01,阳财建〔2026〕80号,下达,'].join('\n');
    const p = await previewImport(ctx, { filename: 'up.csv', bytes: utf8(csv) }, 'transfers');
    expect(p.errors).toEqual([]);
    const e = (await runImport(ctx, { filename: 'up.csv', bytes: utf8(csv) }, 'transfers', p.mapping, { dryRun: false }).then(() => null, (err: unknown) => err)) as AppError;
    expect(e.messageKey).toBe('ledger.flow_not_down_the_tree');
    expect(e.fieldErrors).toEqual({ 'line 3': 'ledger.flow_not_down_the_tree' });
    expect((await t.db.select({ n: count() }).from(s.transfers).where(and(eq(s.transfers.docNumber, '阳财建〔2026〕80号'), isNotNull(s.transfers.importLine))))[0]!.n).toBe(0);
  });

  it('imports spending only for payees the officer’s projects paid, never beyond what they received', async () => {
    const head = '专项资金编码,收款单位,金额（元）,日期,凭证号,摘要';
    const file = (rows: string[]) => ({ filename: 'spend.csv', bytes: utf8([head, ...rows].join('\n')) });
    const over = file(['SX-2026-CHAIN,DEMO-CONTRACTOR-2,60000,2026-03-20,PZ-1,土方', 'SX-2026-CHAIN,DEMO-CONTRACTOR-2,40000.01,2026-03-21,PZ-2,苗木']);
    const yx = await ctxFor(t.db, 'officer-yx');
    const p = await previewImport(yx, over, 'expenditures');
    expect(p.errors).toEqual([]);
    const e = (await runImport(yx, over, 'expenditures', p.mapping, { dryRun: false }).then(() => null, (err: unknown) => err)) as AppError;
    expect(e.messageKey).toBe('ledger.overspent');
    const city = await ctxFor(t.db, 'officer');
    const ok = file(['SX-2026-CHAIN,DEMO-CONTRACTOR-2,60000,2026-03-20,PZ-1,土方']);
    const refused = (await runImport(city, ok, 'expenditures', p.mapping, { dryRun: false }).then(() => null, (err: unknown) => err)) as AppError;
    expect(refused.code).toBe('forbidden');
    expect(await runImport(yx, ok, 'expenditures', p.mapping, { dryRun: false })).toMatchObject({ written: 1, skipped: 0 });
    expect(await runImport(yx, ok, 'expenditures', p.mapping, { dryRun: false })).toMatchObject({ written: 0, skipped: 1 });
    const asProject = file(['SX-2026-CHAIN,G1-02,1,2026-03-20,PZ-9,错误']);
    const e2 = (await runImport(yx, asProject, 'expenditures', p.mapping, { dryRun: false }).then(() => null, (err: unknown) => err)) as AppError;
    expect(e2.messageKey).toBe('import.payeeNotOrganisation');
  });

  it('refuses an import from an organisation the officer does not belong to', async () => {
    const ctx = await ctxFor(t.db, 'officer-yx');
    const p = await previewImport(ctx, { filename: 'ok.csv', bytes: utf8(good.replaceAll('50号', '90号')) }, 'transfers');
    const e = (await runImport(ctx, { filename: 'ok.csv', bytes: utf8(good.replaceAll('50号', '90号')) }, 'transfers', p.mapping, { dryRun: false }).then(() => null, (err: unknown) => err)) as AppError;
    expect(e.code).toBe('forbidden');
  });
});
