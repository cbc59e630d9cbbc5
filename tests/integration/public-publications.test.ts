import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { publicationListSchema } from '@/lib/api/public-schemas';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { publishSnapshot, type SubjectType } from '@/lib/dal/internal/publish';
import { listFeedEntries } from '@/lib/dal/public/disclosure';
import { listPublications, type PublicationListQuery, type PublicPublicationDto } from '@/lib/dal/public/publications';
import { setDemoVisible } from '@/lib/dal/admin/users';
import { chinaToday } from '@/lib/domain/china-date';
import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { batchWithResult } from '../support/disclosure-fixture';

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

/** Not yet in publishSnapshot's own list of subject types (another branch adds it); the table stores any text. */
const TRANSFER_DOCUMENT: SubjectType = 'transfer_document';

interface Party { code: string; name: string; nameEn: string; kind: 'organisation' | 'project' | 'payee'; countyCode: string | null }
interface Line { transferId: number; kind: string; date: string; docNumber: string; programmeCode: string; programmeName: string; programmeLevel: string; from: Party; to: Party; projectCode: string | null; amountFen: string; reversesTransferId: number | null }

describe.each(DRIVERS)('GET /api/public/publications on %s', (driver) => {
  let t: TestDatabase;
  const MARKER = `MARK-${randomUUID()}`;
  let cityId: number;
  let batch: Awaited<ReturnType<typeof batchWithResult>>;
  let yuProject: { id: number; code: string; name: string };
  let pdProject: { id: number; code: string; name: string };
  let kqProject: { id: number; code: string; name: string };
  let docId: number;
  const sinceIds: number[] = [];

  const org = async (code: string) => (await t.db.select({ id: s.organisations.id, code: s.organisations.code, name: s.organisations.name, nameEn: s.organisations.nameEn }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!;
  const projectIn = async (county: string) =>
    (
      await t.db
        .select({ id: s.projects.id, code: s.projects.code, name: s.projects.name })
        .from(s.projects)
        .innerJoin(s.projectCounties, eq(s.projectCounties.projectId, s.projects.id))
        .innerJoin(s.organisations, eq(s.organisations.id, s.projectCounties.countyId))
        .where(eq(s.organisations.code, county))
        .orderBy(s.projects.id)
        .limit(1)
    )[0]!;

  /** Publishes an allocation result of a transfer document, in the shape the transfer-document publisher writes. */
  const publishDocument = async (subjectId: number, docNumber: string, lines: Line[], publishedAt?: Date) => {
    const city = await org('140300-CZJ');
    return t.db.transaction((tx) =>
      publishSnapshot(tx, {
        kind: 'allocation_result',
        subjectType: TRANSFER_DOCUMENT,
        subjectId,
        title: `资金下达文件：${docNumber}`,
        content: { docNumber, sender: { code: city.code, name: city.name, nameEn: city.nameEn, kind: 'organisation' }, lines },
        notice: `${city.name}下达资金，文号 ${docNumber}。`,
        issuerOrgId: city.id,
        docNumber,
        dataAsOf: '2026-02-02',
        eventAt: publishedAt ?? new Date(),
        publishedAt,
      }),
    );
  };
  const party = (p: { code: string; name: string; nameEn?: string | null }, kind: Party['kind'], countyCode: string | null): Party => ({ code: p.code, name: p.name, nameEn: p.nameEn ?? p.name, kind, countyCode });
  const line = (over: Partial<Line> & Pick<Line, 'transferId' | 'from' | 'to'>): Line => ({
    kind: 'allocation',
    date: '2026-02-02',
    docNumber: '阳财建〔2026〕101号',
    programmeCode: 'YQ-TD-PROG',
    programmeName: '测试资金',
    programmeLevel: 'municipal',
    projectCode: null,
    amountFen: '1000000',
    reversesTransferId: null,
    ...over,
  });

  /** Every page of a query, through the data layer. */
  const allPages = async (query: PublicationListQuery, pageSize = 37) => {
    const out: PublicPublicationDto[] = [];
    const first = await listPublications({ ...query, pageSize, page: 1 }, t.db);
    out.push(...first.publications);
    for (let page = 2; page <= Math.ceil(first.total / pageSize); page++) out.push(...(await listPublications({ ...query, pageSize, page }, t.db)).publications);
    return { total: first.total, publications: out };
  };
  const ids = async (query: PublicationListQuery) => (await allPages(query)).publications.map((p) => p.id);

  const get = async (query: string, locale?: 'en' | 'zh') => {
    const { GET } = await import('@/app/api/public/publications/route');
    return GET(new Request(`https://example.org/api/public/publications${query}`, { headers: locale ? { cookie: `theme=x; locale=${locale}` } : {} }));
  };

  beforeAll(async () => {
    t = await createDatabase(driver);
    cityId = (await org('140300-CZJ')).id;
    batch = await batchWithResult(t.db, 'YQ-PUBS', MARKER);
    // A correction of the batch result: version 2 is the one listed by default.
    const [pub] = await t.db.select().from(s.publications).where(eq(s.publications.id, batch.publicationId));
    await t.db.transaction((tx) =>
      publishSnapshot(tx, { kind: 'allocation_result', subjectType: 'batch', subjectId: batch.batchId, title: pub!.title, content: pub!.content, notice: `${pub!.notice}（更正）`, changeReason: '更正说明', issuerOrgId: cityId, dataAsOf: '2026-02-03', eventAt: new Date() }),
    );
    yuProject = await projectIn('140322');
    pdProject = await projectIn('140321');
    kqProject = await projectIn('140303');
    const [yu, pd, jq, city] = await Promise.all([org('140322'), org('140321'), org('140311'), org('140300-CZJ')]);
    const payee = { code: 'PAYEE-1', name: '某施工单位', nameEn: 'A contractor', kind: 'payee' as const, countyCode: null };
    const lines = [
      // A county only as the receiving end (郊区), only as the sending end (矿区), and a county on both ends of its lines (平定县).
      line({ transferId: 900001, from: party(city, 'organisation', null), to: party(jq, 'organisation', '140311') }),
      // The line a withholding will remove: its own programme, county and project appear nowhere else here.
      line({ transferId: 900002, kind: 'payment', programmeCode: 'YQ-TD-HIDDEN', from: party(yu, 'organisation', '140322'), to: { ...party(yuProject, 'project', '140322'), nameEn: `Project ${MARKER}` }, projectCode: yuProject.code, amountFen: '2345678' }),
      line({ transferId: 900003, kind: 'payment', from: party(pd, 'organisation', '140321'), to: party(pdProject, 'project', '140321'), projectCode: pdProject.code, amountFen: '3456789' }),
      line({ transferId: 900004, kind: 'disbursement', from: party(kqProject, 'project', '140303'), to: payee, projectCode: kqProject.code, amountFen: '4567890' }),
    ];
    const doc = await publishDocument(910001, '阳财建〔2026〕101号', lines);
    docId = doc.id;
    // What the transfer-document publisher records beside its snapshot, so a withheld project finds its line.
    await t.db.insert(s.publicationItems).values({ publicationId: doc.id, path: ['lines', '1'], projectId: yuProject.id, amountFen: 2345678n });
    // Two documents either side of midnight in China on 1 January 2026 (16:00 UTC the day before).
    for (const [i, at] of ['2025-12-31T15:30:00Z', '2025-12-31T16:30:00Z'].entries()) {
      const d = await publishDocument(910010 + i, `阳财建〔2026〕${110 + i}号`, [line({ transferId: 900010 + i, programmeCode: 'YQ-SINCE', from: party(city, 'organisation', null), to: party(pd, 'organisation', '140321') })], new Date(at));
      sinceIds.push(d.id);
    }
    globalThis.__yqDatabase = Promise.resolve(t);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  it('pages through the latest public version of every series in a stable order, with the total', async () => {
    const [{ n }] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from (select distinct kind, subject_type, subject_id from public_publications) x`)) as [{ n: number }];
    const { total, publications } = await allPages({});
    expect(total).toBe(Number(n));
    expect(publications).toHaveLength(total);
    expect(new Set(publications.map((p) => p.id)).size).toBe(total);
    // published_at desc, id desc; the same pages on a second pass.
    const order = [...publications].sort((a, b) => (a.publishedAt === b.publishedAt ? b.id - a.id : a.publishedAt < b.publishedAt ? 1 : -1));
    expect(publications.map((p) => p.id)).toEqual(order.map((p) => p.id));
    expect((await allPages({}, 11)).publications.map((p) => p.id)).toEqual(publications.map((p) => p.id));
    expect(publications.every((p) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(p.publishedAt))).toBe(true);
    // One version per series: the batch result's correction, not the first version.
    const results = publications.filter((p) => p.subjectType === 'batch' && p.subjectId === batch.batchId && p.kind === 'allocation_result');
    expect(results.map((p) => [p.version, p.changeReason])).toEqual([[2, '更正说明']]);
    // Past the last page: nothing, and still the total.
    const past = await listPublications({ page: Math.ceil(total / 50) + 3 }, t.db);
    expect([past.publications.length, past.total, past.pageSize]).toEqual([0, total, 50]);
    // The size is bounded whatever a caller of the data layer asks.
    expect((await listPublications({ pageSize: 100_000 }, t.db)).pageSize).toBe(200);
    expect((await listPublications({ pageSize: 0, page: -3 }, t.db))).toMatchObject({ pageSize: 1, page: 1 });
  });

  it('lists every public version with versions=all', async () => {
    const [{ n }] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from public_publications`)) as [{ n: number }];
    const all = await allPages({ versions: 'all' });
    expect(all.total).toBe(Number(n));
    expect(all.publications.filter((p) => p.subjectType === 'batch' && p.subjectId === batch.batchId && p.kind === 'allocation_result').map((p) => p.version)).toEqual([2, 1]);
  });

  it('filters by kind, programme, county and project, on every content shape including transfer-document lines', async () => {
    const catalogue = await allPages({ kind: 'fund_catalogue' });
    expect(catalogue.total).toBeGreaterThan(0);
    expect(catalogue.publications.every((p) => p.kind === 'fund_catalogue')).toBe(true);
    // Programme: a catalogue entry by its code, a batch result by its programme, a document by its lines.
    // (DEMO-2025-YQ: the 2026 municipal programme's rules are the demo's deliberately missing publication.)
    const demo = await allPages({ programme: 'DEMO-2025-YQ' });
    expect(demo.publications.some((p) => p.kind === 'fund_catalogue' && p.content.code === 'DEMO-2025-YQ')).toBe(true);
    expect(demo.publications.some((p) => p.kind === 'management_rules')).toBe(true);
    // The batch's result, and the allocation result of the document its issue moved money under.
    expect((await allPages({ programme: 'YQ-PUBS' })).publications.map((p) => [p.kind, p.subjectType, p.version]).sort()).toEqual([['allocation_result', 'batch', 2], ['allocation_result', 'transfer_document', 1]]);
    expect(await ids({ programme: 'YQ-TD-PROG' })).toEqual([docId]);
    expect(await ids({ programme: 'YQ-TD-HIDDEN' })).toEqual([docId]);
    expect(await ids({ programme: 'YQ-TD-NONE' })).toEqual([]);
    // County: a batch result naming it as a recipient; a document line from it or to it.
    const yu = await ids({ county: '140322' });
    expect(yu).toEqual(expect.arrayContaining([docId]));
    expect((await allPages({ county: '140322' })).publications.find((p) => p.subjectId === batch.batchId && p.kind === 'allocation_result')).toBeTruthy();
    for (const county of ['140311', '140303', '140321']) expect(await ids({ county, programme: 'YQ-TD-PROG' }), county).toEqual([docId]);
    expect(await ids({ county: '140371', programme: 'YQ-TD-PROG' })).toEqual([]);
    // Project: a line's projectCode.
    expect(await ids({ project: yuProject.code })).toEqual(expect.arrayContaining([docId]));
    expect(await ids({ project: pdProject.code, kind: 'allocation_result', programme: 'YQ-TD-PROG' })).toEqual([docId]);
    expect(await ids({ project: kqProject.code, kind: 'allocation_result', programme: 'YQ-TD-PROG' })).toEqual([docId]);
    expect(await ids({ project: pdProject.code, kind: 'formula' })).not.toContain(docId);
    // The content comes whole, lines typed as published: amounts as decimal strings.
    const [doc] = (await allPages({ programme: 'YQ-TD-PROG' })).publications;
    expect(doc).toMatchObject({ kind: 'allocation_result', subjectType: 'transfer_document', issuerCode: '140300-CZJ', redacted: false, isDemo: false });
    expect((doc!.content.lines as Line[]).map((l) => l.amountFen)).toEqual(['1000000', '2345678', '3456789', '4567890']);
    // The feed reads the same filter builder.
    for (const filter of [{ programme: 'YQ-TD-PROG' }, { programme: 'YQ-TD-HIDDEN' }, { county: '140322' }, { county: '140311' }, { county: '140303' }, { project: yuProject.code }, { project: kqProject.code }]) {
      expect((await listFeedEntries(filter, t.db)).map((e) => e.id), JSON.stringify(filter)).toContain(docId);
    }
  });

  it('filters by the day of publication in China (UTC+8), from that day on', async () => {
    expect(await ids({ programme: 'YQ-SINCE', since: '2026-01-01' })).toEqual([sinceIds[1]]);
    expect(await ids({ programme: 'YQ-SINCE', since: '2025-12-31' })).toEqual([sinceIds[1], sinceIds[0]]);
    expect(await ids({ programme: 'YQ-SINCE', since: '2026-01-02' })).toEqual([]);
    const recent = await allPages({ since: chinaToday() });
    expect(recent.publications.map((p) => p.id)).toEqual(expect.arrayContaining([docId]));
    expect(recent.publications.map((p) => p.id)).not.toContain(sinceIds[0]);
    expect((await listFeedEntries({ programme: 'YQ-SINCE', since: '2026-01-01' }, t.db)).map((e) => e.id)).toEqual([sinceIds[1]]);
  });

  it('serves the page through the route handler: validated JSON, a brief public cache, the same rows as the data layer', async () => {
    const res = await get('?programme=YQ-TD-PROG&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(PUBLIC_BRIEF);
    const body = publicationListSchema.parse(await res.json());
    expect(body).toMatchObject({ page: 1, pageSize: 5, total: 1, pages: 1, versions: 'latest' });
    const [doc] = body.publications;
    expect(doc).toMatchObject({ id: docId, url: `/disclosure/publications/${docId}`, issuer: { code: '140300-CZJ' }, subjectType: 'transfer_document' });
    expect(doc!.content.lines?.map((l) => [l.from.countyCode, l.to.countyCode])).toEqual([[null, '140311'], ['140322', '140322'], ['140321', '140321'], ['140303', null]]);

    const whole = publicationListSchema.parse(await (await get('')).json());
    const dal = await listPublications({}, t.db);
    expect([whole.total, whole.pageSize, whole.pages]).toEqual([dal.total, 50, Math.ceil(dal.total / 50)]);
    expect(whole.publications.map((p) => p.id)).toEqual(dal.publications.map((p) => p.id));
    const second = publicationListSchema.parse(await (await get('?page=2&pageSize=20&versions=all')).json());
    expect(second).toMatchObject({ page: 2, pageSize: 20, versions: 'all' });
    expect(second.publications.map((p) => p.id)).toEqual((await listPublications({ page: 2, pageSize: 20, versions: 'all' }, t.db)).publications.map((p) => p.id));
    // Empty values are no filter at all.
    expect(publicationListSchema.parse(await (await get('?kind=&county=%20')).json()).total).toBe(dal.total);
  });

  it('answers an unreadable query with 400 and a message per parameter, in Chinese by default and English by the locale cookie, never a 500', async () => {
    const cases: [string, string, keyof typeof zh.errors.query][] = [
      ['?kind=budget', 'kind', 'kind'],
      ['?programme=DEMO%202026', 'programme', 'programme'],
      ['?county=140322%27%20or%201%3D1', 'county', 'county'],
      [`?project=${'P'.repeat(41)}`, 'project', 'project'],
      ['?since=2026-02-30', 'since', 'since'],
      ['?since=1999-12-31', 'since', 'since'],
      ['?since=yesterday', 'since', 'since'],
      ['?page=0', 'page', 'page'],
      ['?page=1.5', 'page', 'page'],
      ['?page=-1', 'page', 'page'],
      ['?page=99999999', 'page', 'page'],
      ['?pageSize=201', 'pageSize', 'pageSize'],
      ['?pageSize=0', 'pageSize', 'pageSize'],
      ['?pageSize=ten', 'pageSize', 'pageSize'],
      ['?versions=some', 'versions', 'versions'],
      ['?programe=DEMO-2026-YQ', 'programe', 'unknown'],
      ['?county=140321&county=140322', 'county', 'repeated'],
    ];
    for (const [query, field, key] of cases) {
      for (const locale of [undefined, 'en'] as const) {
        const res = await get(query, locale);
        const messages = locale === 'en' ? en : zh;
        expect(res.status, query).toBe(400);
        expect(res.headers.get('cache-control'), query).toBe('no-store');
        const { error } = (await res.json()) as { error: { code: string; message: string; fieldErrors: Record<string, string> } };
        expect(error, `${query} ${locale ?? 'zh'}`).toEqual({ code: 'bad_request', message: messages.errors.query[key], fieldErrors: { [field]: messages.errors.query[key] } });
      }
    }
    // Several problems: each parameter named, the first as the message.
    const both = (await (await get('?page=x&kind=y&foo=1', 'en')).json()) as { error: { message: string; fieldErrors: Record<string, string> } };
    expect(both.error.fieldErrors).toEqual({ page: en.errors.query.page, kind: en.errors.query.kind, foo: en.errors.query.unknown });
    expect(Object.values(en.errors.query)).toContain(both.error.message);
    // Whatever arrives, the answer is a 200 or a 400.
    for (const q of ['?since=%00', '?page=%F0%9F%98%80', '?kind=fund_catalogue%00', '?county=%E2%80%AE', '?pageSize=1e2', '?page=00001', '?versions=ALL', `?programme=${'%'.repeat(3)}`, '?&&=&', '?=x']) {
      const res = await get(q);
      expect([200, 400], q).toContain(res.status);
    }
  });

  it('shows demo publications only while the demo is visible', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const shown = await allPages({});
    expect(shown.publications.some((p) => p.isDemo)).toBe(true);
    await setDemoVisible(admin, false);
    try {
      const hidden = await allPages({});
      expect(hidden.publications.some((p) => p.isDemo)).toBe(false);
      expect(hidden.total).toBe(shown.publications.filter((p) => !p.isDemo).length);
      expect(hidden.publications.map((p) => p.id)).toEqual(expect.arrayContaining([docId]));
      expect((await allPages({ programme: 'DEMO-2026-YQ' })).total).toBe(0);
      const body = publicationListSchema.parse(await (await get('?pageSize=200&versions=all')).json());
      expect(body.publications.some((p) => p.isDemo)).toBe(false);
    } finally {
      await setDemoVisible(admin, true);
    }
  });

  it('never returns a withheld publication or line, and no filter matches on a withheld line', async () => {
    const basis = (await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14')))[0]!.id;
    const withhold = async (requester: string, approvers: [string, string], itemType: 'transfer' | 'project' | 'programme', itemId: number) => {
      const { id } = await requestWithholding(await ctxFor(t.db, requester), { itemType, itemId, reason: '涉及国家秘密，经保密审查', legalBasisId: basis, reviewDate: inDays(90) });
      await approveWithholding(await ctxFor(t.db, approvers[0]), id);
      expect(await approveWithholding(await ctxFor(t.db, approvers[1]), id)).toEqual({ status: 'active' });
    };
    // Before: the lines and the recipient are there to be matched, and the marker to be found.
    expect(text(await allPages({ programme: 'YQ-TD-PROG' }))).toContain(MARKER);
    expect(text(await allPages({ programme: 'YQ-PUBS' }))).toContain(MARKER);
    expect(await ids({ county: '140322', kind: 'allocation_result' })).toEqual(expect.arrayContaining([docId]));
    const batchResult = (await allPages({ programme: 'YQ-PUBS' })).publications.find((p) => p.subjectType === 'batch')!;
    expect(await ids({ county: batch.withheldCounty, programme: 'YQ-PUBS' })).toContain(batchResult.id);

    // A project (its line in the transfer document), a transfer of the batch (its recipient line), a whole programme.
    await withhold('officer-yx', ['reviewer-yx', 'admin'], 'project', yuProject.id);
    await withhold('officer', ['reviewer', 'approver'], 'transfer', batch.transferIds[1]!);
    const secret = await batchWithResult(t.db, 'YQ-PUBS-SECRET', MARKER);
    await withhold('officer', ['reviewer', 'approver'], 'programme', secret.programmeId);

    // The document is still public, without the line; the batch result without the recipient.
    const [doc] = (await allPages({ programme: 'YQ-TD-PROG' })).publications;
    expect(doc!.id).toBe(docId);
    expect(doc!.redacted).toBe(true);
    expect((doc!.content.lines as Line[]).map((l) => l.transferId)).toEqual([900001, 900003, 900004]);
    expect(doc!.content.withheld).toEqual([expect.objectContaining({ basisCode: 'OGI-14', items: 1 })]);
    const after = (await allPages({ programme: 'YQ-PUBS' })).publications.find((p) => p.subjectType === 'batch')!;
    expect((after.content.recipients as { code: string }[]).map((r) => r.code)).toEqual(['140321', '140311']);

    // No filter matches on what was withheld.
    expect(await ids({ programme: 'YQ-TD-HIDDEN' })).toEqual([]);
    expect(await ids({ project: yuProject.code })).not.toContain(docId);
    expect(await ids({ county: '140322' })).not.toContain(docId);
    expect(await ids({ county: batch.withheldCounty, programme: 'YQ-PUBS' })).toEqual([]);
    expect(await ids({ programme: 'YQ-PUBS-SECRET' })).toEqual([]);
    for (const filter of [{ programme: 'YQ-TD-HIDDEN' }, { project: yuProject.code }, { county: '140322' }]) {
      expect((await listFeedEntries(filter, t.db)).map((e) => e.id), JSON.stringify(filter)).not.toContain(docId);
    }

    // Nothing withheld anywhere in what the endpoint answers, for any filter, version or page.
    const withheldIds = (await t.db.select({ id: s.publications.id }).from(s.publications).where(and(eq(s.publications.subjectType, 'programme'), eq(s.publications.subjectId, secret.programmeId)))).map((r) => r.id);
    const seen: string[] = [];
    for (const q of ['', '?versions=all&pageSize=200', '?versions=all&pageSize=200&page=2', '?versions=all&pageSize=200&page=3', `?project=${yuProject.code}`, '?county=140322&versions=all', '?programme=YQ-PUBS-SECRET', '?programme=YQ-TD-HIDDEN', '?kind=allocation_result&versions=all&pageSize=200']) {
      const res = await get(q);
      expect(res.status, q).toBe(200);
      const body = publicationListSchema.parse(await res.json());
      expect(body.publications.map((p) => p.id).filter((id) => withheldIds.includes(id)), q).toEqual([]);
      seen.push(text(body));
    }
    for (const version of ['latest', 'all'] as const) seen.push(text(await allPages({ versions: version })));
    const leaks = seen.flatMap((out, i) => [MARKER, 'YQ-PUBS-SECRET', 'YQ-TD-HIDDEN', `"projectCode":"${yuProject.code}"`].filter((m) => out.includes(m)).map((m) => `${i}: ${out.slice(Math.max(0, out.indexOf(m) - 160), out.indexOf(m) + 60)}`));
    expect(leaks).toEqual([]);
  });
});
