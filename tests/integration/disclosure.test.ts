import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { oweDisclosures } from '@/lib/dal/internal/disclosure/obligations';
import { listOverdueObligations } from '@/lib/dal/disclosure/deadlines';
import { addLegalBasis, approveWithholding, listWithholdings, renewWithholding, requestWithholding, setLegalBasisActive, withholdingCandidates } from '@/lib/dal/disclosure/withholdings';
import { createProgramme } from '@/lib/dal/ledger/programmes';
import { getPublishedAllocation, listPublishedAllocations } from '@/lib/dal/public/allocations';
import { publishCorrection } from '@/lib/dal/disclosure/publications';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { getCatalogue, getPublishedDocument } from '@/lib/dal/public/catalogue';
import { getCompleteness, getPublicationSeries, getWithheldFundTotals, getWithholdingRegister, listFeedEntries, listPublicOverdue, listPublicSeries } from '@/lib/dal/public/disclosure';
import { renderFeed } from '@/lib/dal/public/feed';
import { getPlanOverview, getPublishedFundSummary } from '@/lib/dal/public/plan';
import { sitemapEntries } from '@/lib/dal/public/sitemap';
import { chinaToday } from '@/lib/domain/china-date';
import { diffContent } from '@/lib/domain/publication-diff';
import { AppError } from '@/lib/errors';
import { programmeSchema } from '@/lib/schemas/ledger';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { batchWithResult } from '../support/disclosure-fixture';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

describe.each(DRIVERS)('full-chain disclosure on %s', (driver) => {
  let t: TestDatabase;
  let basisId: number;
  const MARKER = `MARK-${randomUUID()}`;

  beforeAll(async () => {
    t = await createDatabase(driver);
    [{ id: basisId }] = (await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14'))) as [{ id: number }];
  });
  afterAll(async () => t?.drop());

  const withhold = async (itemType: 'transfer' | 'programme' | 'document', itemId: number, reviewDate = inDays(90)) => {
    const { id } = await requestWithholding(await ctxFor(t.db, 'officer'), { itemType, itemId, reason: '涉及国家秘密，经保密审查', legalBasisId: basisId, reviewDate });
    await approveWithholding(await ctxFor(t.db, 'reviewer'), id);
    expect(await approveWithholding(await ctxFor(t.db, 'approver'), id)).toEqual({ status: 'active' });
    return id;
  };

  it('publishes a correction as a new version with a reason, and shows every version with the diff', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const [latest] = await t.db.select().from(s.publications).where(and(eq(s.publications.kind, 'fund_catalogue'), sql`${s.publications.content}->>'code' = 'DEMO-2026-YQ'`));
    const content = { ...(latest!.content as Record<string, unknown>), purpose: '用于阳泉市国土空间生态修复重点工程（更正）' };
    expect((await refusal(publishCorrection(officer, { publicationId: latest!.id, content, changeReason: ' ' }))).messageKey).toBe('disclosure.reasonRequired');
    expect((await refusal(publishCorrection(await ctxFor(t.db, 'officer-sx'), { publicationId: latest!.id, content, changeReason: '更正资金用途表述' }))).code).toBe('forbidden');
    expect((await refusal(publishCorrection(officer, { publicationId: latest!.id, content: latest!.content, changeReason: '更正资金用途表述' }))).messageKey).toBe('disclosure.noChange');
    // Amounts and references are not text to correct: they come from their own business steps.
    const base = latest!.content as Record<string, unknown>;
    for (const bad of [{ ...base, totalFen: '1' }, { ...base, code: 'DEMO-2026-YQ ' }, { ...base, documentId: 1 }, { ...base, purpose: 42 }]) {
      expect((await refusal(publishCorrection(officer, { publicationId: latest!.id, content: bad, changeReason: '更正资金用途表述' }))).messageKey).toBe('disclosure.notCorrectable');
    }
    const res = await publishCorrection(officer, { publicationId: latest!.id, content, changeReason: '更正资金用途表述' });
    expect(res.version).toBe(2);
    expect((await refusal(publishCorrection(officer, { publicationId: latest!.id, content: { ...content, purpose: 'x' }, changeReason: '再次更正' }))).code).toBe('stale');
    const series = (await getPublicationSeries(res.id, t.db))!;
    expect(series.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(series.versions[1]!.changeReason).toBe('更正资金用途表述');
    expect(series.versions[1]!.changes).toEqual([{ path: 'purpose', op: 'changed', before: '用于阳泉市国土空间生态修复重点工程（演示数据）', after: content.purpose }]);
    const { entries } = await getCatalogue(2026, t.db);
    expect(entries.find((e) => e.code === 'DEMO-2026-YQ')).toMatchObject({ version: 2, purpose: content.purpose });
  });

  it('refuses an exception without two distinct approvers, in the data layer and in the database', async () => {
    const { programmeId } = await batchWithResult(t.db, 'YQ-TWO-APPROVERS', 'x');
    const officer = await ctxFor(t.db, 'officer');
    const req = { itemType: 'programme' as const, itemId: programmeId, reason: '涉及国家秘密', legalBasisId: basisId, reviewDate: inDays(30) };
    expect((await refusal(requestWithholding(officer, { ...req, reviewDate: chinaToday() }))).messageKey).toBe('disclosure.reviewDatePast');
    expect((await refusal(requestWithholding(await ctxFor(t.db, 'officer-yx'), req))).code).toBe('forbidden');
    // Nobody withholds another organisation's project or documents.
    const [yuProject] = await t.db.select({ id: s.projects.id }).from(s.projects).innerJoin(s.projectCounties, eq(s.projectCounties.projectId, s.projects.id)).innerJoin(s.organisations, eq(s.organisations.id, s.projectCounties.countyId)).where(eq(s.organisations.code, '140322')).limit(1);
    expect((await refusal(requestWithholding(await ctxFor(t.db, 'officer-sx'), { ...req, itemType: 'project', itemId: yuProject!.id }))).code).toBe('forbidden');
    const [cityDoc] = await t.db.select({ id: s.programmeDocuments.documentId }).from(s.programmeDocuments).innerJoin(s.fundProgrammes, eq(s.fundProgrammes.id, s.programmeDocuments.programmeId)).where(eq(s.fundProgrammes.code, 'DEMO-2026-YQ'));
    expect((await refusal(requestWithholding(await ctxFor(t.db, 'officer-yx'), { ...req, itemType: 'document', itemId: cityDoc!.id }))).code).toBe('forbidden');
    expect((await refusal(requestWithholding(officer, { ...req, itemType: 'field', field: 'totalFen' }))).messageKey).toBe('disclosure.fieldInvalid');
    // The form offers only what the organisation may withhold, by the names its officers know.
    const mine = await withholdingCandidates(officer);
    expect(mine.programme.map((p) => p.code)).toContain('DEMO-2026-YQ');
    // A transfer is offered with its amount for the page to format in the reader's units, never a hand-written 元.
    expect(mine.transfer.every((o) => /^\d+$/.test(o.amountFen ?? '') && !/元/.test(`${o.code}${o.name}`))).toBe(true);
    expect(mine.transfer.length).toBeGreaterThan(0);
    const county = await withholdingCandidates(await ctxFor(t.db, 'officer-yx'));
    // A county withholds only what is its own: its own-funds programmes, never the city's.
    expect(county.programme.length).toBeGreaterThan(0);
    expect(county.programme.every((p) => p.code.endsWith('-140322'))).toBe(true);
    expect(county.project.map((p) => p.id)).toContain(yuProject!.id);
    expect((await refusal(withholdingCandidates(await ctxFor(t.db, 'unit')))).code).toBe('forbidden');
    expect((await refusal(requestWithholding(await ctxFor(t.db, 'reviewer'), req))).code).toBe('forbidden');
    const { id } = await requestWithholding(officer, req);
    expect((await refusal(approveWithholding(officer, id))).code).toBe('forbidden');
    expect(await approveWithholding(await ctxFor(t.db, 'reviewer'), id)).toEqual({ status: 'requested' });
    expect((await refusal(approveWithholding(await ctxFor(t.db, 'reviewer'), id))).messageKey).toBe('disclosure.sameApprover');
    expect((await refusal(approveWithholding(await ctxFor(t.db, 'reviewer-yx'), id))).code).toBe('not_found');
    expect((await getCatalogue(2026, t.db)).entries.some((e) => e.programmeId === programmeId)).toBe(false); // not a catalogue entry, but the batch stays public
    expect((await listPublishedAllocations(t.db)).some((a) => a.title.startsWith('YQ-TWO-APPROVERS'))).toBe(true);
    // The CHECK holds whatever code path writes: one approver, or the requester approving, is refused.
    const [w] = await t.db.select().from(s.withholdings).where(eq(s.withholdings.id, id));
    await expect(t.db.update(s.withholdings).set({ status: 'active' }).where(eq(s.withholdings.id, id))).rejects.toThrow();
    await expect(t.db.update(s.withholdings).set({ status: 'active', approvedBy2: w!.requestedBy }).where(eq(s.withholdings.id, id))).rejects.toThrow();
    await expect(t.db.update(s.withholdings).set({ status: 'active', approvedBy2: w!.approvedBy1 }).where(eq(s.withholdings.id, id))).rejects.toThrow();
    expect((await listWithholdings(officer)).find((r) => r.id === id)).toMatchObject({ status: 'requested', approvals: 1 });
  });

  it('lets the administrator keep the list of legal bases; an inactive basis cannot be chosen', async () => {
    const admin = await ctxFor(t.db, 'admin');
    expect((await refusal(addLegalBasis(await ctxFor(t.db, 'officer'), { code: 'X-1', name: 'x', nameEn: 'x' }))).code).toBe('forbidden');
    const { id } = await addLegalBasis(admin, { code: 'LOCAL-1', name: '《山西省政府信息公开规定》', nameEn: 'Shanxi OGI rules' });
    await setLegalBasisActive(admin, id, false);
    const [prog] = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, 'DEMO-2026-YQ'));
    const e = await refusal(requestWithholding(await ctxFor(t.db, 'officer'), { itemType: 'programme', itemId: prog!.id, reason: '测试理由', legalBasisId: id, reviewDate: inDays(10) }));
    expect(e.messageKey).toBe('disclosure.basisInactive');
  });

  it('never lets a withheld item with a marker reach a public function, route, feed, sitemap or error; totals add up without it', async () => {
    // A withheld transfer inside a published allocation result.
    const batch = await batchWithResult(t.db, 'YQ-MARKED', MARKER);
    const before = (await getPublishedAllocation(batch.batchId, t.db))!;
    expect(text(before)).toContain(MARKER);
    await withhold('transfer', batch.transferIds[1]!);

    // A withheld programme whose name carries the marker, with a rules document.
    const officer = await ctxFor(t.db, 'officer');
    const prog = await createProgramme(officer, programmeSchema.parse({ clientKey: randomUUID(), code: 'YQ-2026-SECRET', name: `保密资金 ${MARKER}`, fiscalYear: 2026, purpose: `用途 ${MARKER}`, openedOn: '2026-02-01', docNumber: '阳财建〔2026〕77号', amount: '4321.09', unit: 'yuan' }), { rules: { filename: `${MARKER}.pdf`, bytes: pdf } });
    const [rules] = await t.db.select().from(s.publications).where(and(eq(s.publications.subjectId, prog.id), eq(s.publications.kind, 'management_rules')));
    const documentId = (rules!.content as { documentId: number }).documentId;
    expect(await getPublishedDocument(documentId, t.db)).not.toBeNull();
    await withhold('programme', prog.id);
    const withheldPubIds = (await t.db.select({ id: s.publications.id }).from(s.publications).where(and(eq(s.publications.subjectType, 'programme'), eq(s.publications.subjectId, prog.id)))).map((r) => r.id);

    const db = t.db;
    const series = await listPublicSeries(db);
    const seen: unknown[] = [
      await getCatalogue(undefined, db),
      await getCatalogue(2026, db),
      await getPlanOverview(db),
      await getPublishedFundSummary(db),
      await listPublishedAllocations(db),
      await getPublishedAllocation(batch.batchId, db),
      await getPublishedDocument(documentId, db),
      await getWithholdingRegister(db),
      await getWithheldFundTotals(db),
      await listPublicOverdue(db),
      await getCompleteness(db),
      series,
      await listFeedEntries({}, db),
      await listFeedEntries({ county: batch.withheldCounty }, db),
      await listFeedEntries({ programme: 'YQ-2026-SECRET' }, db),
      await sitemapEntries('https://example.org', db),
      ...(await Promise.all([...series.map((x) => x.id), ...withheldPubIds].map((id) => getPublicationSeries(id, db)))),
    ];
    for (const format of ['atom', 'json'] as const) {
      for (const q of ['', '?county=140322', '?programme=YQ-2026-SECRET', '?programme=YQ-MARKED', `?since=2020-01-01&project=${MARKER}`]) {
        const { body } = await renderFeed(format, new URL(`https://example.org/api/public/feed/${format}${q}`), db);
        // The feed's own address echoes the query the caller sent; only what it answers matters.
        seen.push(format === 'json' ? (JSON.parse(body) as { items: unknown }).items : body.split('<entry>').slice(1).join('<entry>'));
      }
    }
    // Route handlers, served from this test database.
    globalThis.__yqDatabase = Promise.resolve(t);
    try {
      const routes = [
        (await import('@/app/api/public/plan/route')).GET(new Request('https://example.org/api/public/plan')),
        (await import('@/app/api/public/documents/[id]/route')).GET(new Request(`https://example.org/api/public/documents/${documentId}`), { params: Promise.resolve({ id: String(documentId) }) }),
        (await import('@/app/api/public/feed/atom/route')).GET(new Request('https://example.org/api/public/feed/atom?county=140322')),
        (await import('@/app/api/public/feed/json/route')).GET(new Request('https://example.org/api/public/feed/json')),
        (await import('@/app/sitemap')).default(),
      ];
      for (const r of await Promise.all(routes)) seen.push(r instanceof Response ? `${r.status} ${await r.text()}` : r);
    } finally {
      globalThis.__yqDatabase = undefined;
    }
    const leaks = seen.map(text).flatMap((out, i) => ['YQ-2026-SECRET', MARKER].filter((m) => out.includes(m)).map((m) => `${i}: ${out.slice(Math.max(0, out.indexOf(m) - 160), out.indexOf(m) + 60)}`));
    expect(leaks).toEqual([]);
    expect(await getPublishedDocument(documentId, db)).toBeNull();
    for (const id of withheldPubIds) expect(await getPublicationSeries(id, db)).toBeNull();

    // Subtraction: one withheld line under its basis is below the threshold, so neither its amount
    // nor the batch total (total minus the visible lines) is shown; no line names the recipient.
    const after = (await getPublishedAllocation(batch.batchId, db))!;
    const content = after.content;
    expect(content.recipients.map((r) => r.code)).toEqual(['140321', '140311']);
    expect(content.withheld).toEqual([expect.objectContaining({ basisCode: 'OGI-14', items: 1, amountFen: null })]);
    expect(content.batch.totalFen).toBeNull();
    expect(after.contentHash).not.toBe(before.contentHash);
    const totals = await getWithheldFundTotals(db);
    expect(totals).toEqual([expect.objectContaining({ basisCode: 'OGI-14', programmes: 1, totalFen: null })]);
    expect(await getWithholdingRegister(db)).toEqual(expect.arrayContaining([
      expect.objectContaining({ itemType: 'transfer', basisCode: 'OGI-14', items: 1, since: chinaToday(), until: inDays(90) }),
      expect.objectContaining({ itemType: 'programme', basisCode: 'OGI-14', items: 1 }),
    ]));
  });

  it('lapses at the review date and publishes the item again, unless renewed by two approvers', async () => {
    const batch = await batchWithResult(t.db, 'YQ-LAPSE', 'lapse');
    const id = await withhold('transfer', batch.transferIds[0]!, inDays(5));
    const codes = async () => (await getPublishedAllocation(batch.batchId, t.db))!.content.recipients.map((r) => r.code);
    expect(await codes()).toEqual(['140322', '140311']);
    const renewal = await renewWithholding(await ctxFor(t.db, 'officer'), { withholdingId: id, reason: '保密期限延长', reviewDate: inDays(60) });
    await t.db.update(s.withholdings).set({ reviewDate: chinaToday() }).where(eq(s.withholdings.id, id));
    // The renewal is only requested: at the review date the item is public again, with no timer.
    expect(await codes()).toEqual(['140321', '140322', '140311']);
    expect((await listWithholdings(await ctxFor(t.db, 'officer'))).find((r) => r.id === id)!.status).toBe('lapsed');
    await approveWithholding(await ctxFor(t.db, 'reviewer'), renewal.id);
    expect(await codes()).toEqual(['140321', '140322', '140311']);
    await approveWithholding(await ctxFor(t.db, 'admin'), renewal.id);
    expect(await codes()).toEqual(['140322', '140311']);
  });

  it('flags an overdue publication to its organisation and to the public, and scores it', async () => {
    // A programme opened 30 days ago whose guideline was never published.
    const [city] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ'));
    const [prog] = await t.db
      .insert(s.fundProgrammes)
      .values({ code: 'YQ-2026-OVERDUE', name: '逾期测试资金', level: 'municipal', fiscalYear: 2026, managingOrgId: city!.id, totalFen: 100n, purpose: '测试' })
      .returning({ id: s.fundProgrammes.id, org: s.fundProgrammes.managingOrgId });
    const owed = { subjectType: 'programme' as const, subjectId: prog!.id, responsibleOrgId: prog!.org, eventAt: new Date(Date.now() - 30 * 86_400_000) };
    await t.db.transaction((tx) => publishSnapshot(tx, { kind: 'fund_catalogue', subjectType: 'programme', subjectId: prog!.id, title: '专项资金目录', content: { code: 'YQ-2026-OVERDUE', fiscalYear: 2026, totalFen: '100' }, notice: '目录', issuerOrgId: prog!.org, dataAsOf: chinaToday(), eventAt: owed.eventAt }));
    await t.db.transaction((tx) => oweDisclosures(tx, owed, ['application_guideline']));
    const mine = await listOverdueObligations(await ctxFor(t.db, 'officer'));
    expect(mine.some((o) => o.kind === 'application_guideline' && o.subjectId === prog!.id && o.daysOverdue >= 9)).toBe(true);
    expect((await listOverdueObligations(await ctxFor(t.db, 'officer-yx'))).some((o) => o.subjectId === prog!.id)).toBe(false);
    expect((await listPublicOverdue(t.db)).some((o) => o.kind === 'application_guideline' && o.subjectId === prog!.id)).toBe(true);
    const row = (await getCompleteness(t.db)).byProgramme.find((r) => r.id === prog!.id)!;
    expect(row.kinds.application_guideline!.missing).toBe(1);
    // Publishing it late closes the obligation as late.
    await t.db.transaction((tx) => publishSnapshot(tx, { kind: 'application_guideline', subjectType: 'programme', subjectId: prog!.id, title: '申报指南', content: { note: 'late' }, notice: '申报指南', issuerOrgId: prog!.org, dataAsOf: chinaToday(), eventAt: owed.eventAt }));
    const again = (await getCompleteness(t.db)).byProgramme.find((r) => r.id === prog!.id)!;
    expect(again.kinds.application_guideline).toMatchObject({ missing: 0, late: 1 });
    expect((await listOverdueObligations(await ctxFor(t.db, 'officer'))).some((o) => o.kind === 'application_guideline' && o.subjectId === prog!.id)).toBe(false);
  });

  it('opens a programme with its obligations settled in the same transaction, the missing guideline still owed', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const prog = await createProgramme(officer, programmeSchema.parse({ clientKey: randomUUID(), code: 'YQ-2026-OBL', name: '义务测试资金', fiscalYear: 2026, purpose: '义务测试用途', openedOn: '2026-02-01', docNumber: '阳财建〔2026〕78号', amount: '100', unit: 'yuan' }), { rules: { filename: 'r.pdf', bytes: pdf } });
    const rows = rowsOf<{ kind: string; status: string }>(await t.db.execute(sql`select kind, status from public_disclosure_obligations where subject_type = 'programme' and subject_id = ${prog.id} order by kind`));
    expect(rows).toEqual([
      { kind: 'application_guideline', status: 'pending' },
      { kind: 'fund_catalogue', status: 'on_time' },
      { kind: 'management_rules', status: 'on_time' },
    ]);
  });

  it('drops a withheld recipient from every list that names recipients, not only from the lines', async () => {
    const b = await batchWithResult(t.db, 'YQ-DEFAULTED', 'm');
    const [city] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140300-CZJ'));
    const [pub] = await t.db.select().from(s.publications).where(eq(s.publications.id, b.publicationId));
    const content = { ...(pub!.content as Record<string, unknown>), defaultedPerformance: ['140321', '140322', '140311'].map((recipient) => ({ recipient, factor: 'PERF' })) };
    await t.db.transaction((tx) => publishSnapshot(tx, { kind: 'allocation_result', subjectType: 'batch', subjectId: b.batchId, title: pub!.title, content, notice: pub!.notice, issuerOrgId: city!.id, dataAsOf: chinaToday(), eventAt: new Date(), changeReason: '补充绩效因素说明' }));
    await withhold('transfer', b.transferIds[1]!);
    const shown = (await getPublishedAllocation(b.batchId, t.db))!.content;
    expect(shown.recipients.map((r) => r.code)).toEqual(['140321', '140311']);
    expect(shown.defaultedPerformance.map((d) => d.recipient)).toEqual(['140321', '140311']);
    expect(JSON.stringify(shown)).not.toContain(b.withheldCounty);
  });
});

describe('the diff between two versions', () => {
  it('names every changed field by its nested JSON path', () => {
    const before = { batch: { totalFen: '100', docNumber: 'A' }, recipients: [{ code: '1', finalFen: '60' }, { code: '2', finalFen: '40' }], note: 'x' };
    const after = { batch: { totalFen: '100', docNumber: 'B' }, recipients: [{ code: '1', finalFen: '55' }, { code: '2', finalFen: '40' }, { code: '3', finalFen: '5' }], 'odd key': true };
    expect(diffContent(before, after)).toEqual([
      { path: 'batch.docNumber', op: 'changed', before: 'A', after: 'B' },
      { path: 'note', op: 'removed', before: 'x' },
      { path: '["odd key"]', op: 'added', after: true },
      { path: 'recipients[0].finalFen', op: 'changed', before: '60', after: '55' },
      { path: 'recipients[2]', op: 'added', after: { code: '3', finalFen: '5' } },
    ]);
    expect(diffContent(before, structuredClone(before))).toEqual([]);
  });

});
