import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { traceEvidence } from '@/lib/dal/audit/evidence';
import { answerFinding, closeFinding, findingDetail, findingEvidence, findingSubject, listFindings, recordFinding, reopenFinding } from '@/lib/dal/audit/findings';
import { flagsOverview, listFlags } from '@/lib/dal/audit/flags';
import { traceFunds } from '@/lib/dal/audit/trace';
import { requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { publicationsBatch } from '@/lib/dal/public/bulk';
import { getPublicationSeries, listFeedEntries } from '@/lib/dal/public/disclosure';
import { renderFeed } from '@/lib/dal/public/feed';
import { getPublicFinding, listPublicFindings } from '@/lib/dal/public/findings';
import { listPublications } from '@/lib/dal/public/publications';
import { sitemapEntries } from '@/lib/dal/public/sitemap';
import { chinaToday } from '@/lib/domain/china-date';
import { AppError } from '@/lib/errors';
import { translate } from '@/lib/i18n';
import { answerFindingSchema, closeFindingSchema, recordFindingSchema, reopenFindingSchema, type RecordFindingInput } from '@/lib/schemas/findings';
import { traceQuery } from '@/lib/schemas/trace';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/**
 * The auditor's workspace attacked as every role: findings (record, answer, close, reopen,
 * evidence), reconciliation flags, the overview, traces and evidence bundles. Each refusal is
 * checked to change nothing, and every public read is searched for what must not be in it.
 */

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(AppError);
  return e as AppError;
}

/** Every role that is not an auditor, by a demo account of it. */
const NON_AUDITORS = ['admin', 'officer', 'reviewer', 'unit', 'unit-pd', 'evaluator', 'moderator', 'officer-yx', 'reviewer-yx', 'reviewer-pd', 'approver', 'officer-pd'];
/** Accounts whose role answers findings but whose organisation is not 盂县. */
const OTHER_ANSWERERS = ['officer', 'reviewer', 'unit', 'unit-pd', 'reviewer-pd', 'approver', 'officer-pd'];

describe.each(DRIVERS)('audit workspace attacks on %s', (driver) => {
  let t: TestDatabase;
  let paymentId: number;
  let yuxianId: number;
  let pingdingId: number;

  const input = (over: Partial<RecordFindingInput> = {}): RecordFindingInput => ({
    clientKey: randomUUID(),
    subjectType: 'transfer',
    subjectRef: String(paymentId),
    severity: 'major',
    title: '支付凭证不全',
    body: '该笔支付缺少验收单和合同，无法核实支付依据。',
    requiredAction: '补齐验收单和合同，说明支付依据。',
    dueDate: inDays(30),
    ...over,
  });

  /** The rows every step of a finding writes, whole: a refused step must leave them as they were. */
  const snapshot = async () => {
    const q = async (text: string) => JSON.stringify(rowsOf(await t.db.execute(sql.raw(text))));
    return {
      findings: await q('select * from findings order by id'),
      answers: await q('select * from finding_answers order by id'),
      evidence: await q('select * from finding_answer_evidence order by answer_id, document_id'),
      events: await q('select * from finding_events order by id'),
      documents: await q('select id, sha256 from documents order by id'),
      publications: await q('select id from publications order by id'),
      audit: await q(`select id from audit_log where action <> 'withheld.read' order by id`),
    };
  };

  /** Everything the public can read that could carry a finding, as one text. */
  const publicText = async () => {
    const parts: unknown[] = [await listPublicFindings(t.db), await listFeedEntries({}, t.db), await sitemapEntries('https://example.test', t.db)];
    parts.push((await renderFeed('atom', new URL('https://example.test/feed.atom'), t.db)).body);
    parts.push((await renderFeed('json', new URL('https://example.test/feed.json'), t.db)).body);
    for (const versions of ['latest', 'all'] as const) {
      for (let page = 1; ; page++) {
        const p = await listPublications({ page, pageSize: 100, versions }, t.db);
        parts.push(p.publications);
        if (p.publications.length < 100) break;
      }
    }
    let after: number | null = null;
    do {
      const b: Awaited<ReturnType<typeof publicationsBatch>> = await publicationsBatch(after, 500, t.db);
      parts.push(b.rows);
      after = b.next;
    } while (after !== null);
    return JSON.stringify(parts);
  };

  const orgId = async (code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
  const userId = async (username: string) => (await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, username)))[0]!.id;
  const activate = async (wid: number) =>
    t.db.update(s.withholdings).set({ status: 'active', approvedBy1: await userId('reviewer-yx'), approvedBy2: await userId('approver'), activatedAt: new Date() }).where(eq(s.withholdings.id, wid));
  const basisId = async () => (await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14')))[0]!.id;

  beforeAll(async () => {
    t = await createDatabase(driver);
    const [p] = rowsOf<{ id: number }>(
      await t.db.execute(sql`select t.id from transfers t join holders h on h.id = t.from_holder_id join organisations o on o.id = h.organisation_id
        where o.code = '140322' and t.kind = 'payment' order by t.id limit 1`),
    );
    paymentId = Number(p!.id);
    yuxianId = await orgId('140322');
    pingdingId = await orgId('140321');
  });
  afterAll(async () => t?.drop());

  it('lets no other role record, close or reopen a finding, nor read flags, the overview, a trace or an evidence bundle, and changes nothing', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const { id } = await recordFinding(auditor, input());
    const closedOne = await recordFinding(auditor, input({ title: '已关闭的发现' }));
    await closeFinding(auditor, { findingId: closedOne.id, expectedRevision: 0, reason: '核实无误，关闭。' });
    const [programme] = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).limit(1);
    const before = await snapshot();
    for (const who of NON_AUDITORS) {
      const ctx = await ctxFor(t.db, who);
      expect((await refusal(recordFinding(ctx, input()))).code, who).toBe('forbidden');
      expect((await refusal(findingSubject(ctx, 'transfer', String(paymentId)))).code, who).toBe('forbidden');
      expect((await refusal(closeFinding(ctx, { findingId: id, expectedRevision: 0, reason: '越权关闭此发现' }))).code, who).toBe('forbidden');
      expect((await refusal(reopenFinding(ctx, { findingId: closedOne.id, expectedRevision: 1, reason: '越权重新打开' }))).code, who).toBe('forbidden');
      expect((await refusal(listFlags(ctx))).code, who).toBe('forbidden');
      expect((await refusal(flagsOverview(ctx))).code, who).toBe('forbidden');
      expect((await refusal(traceFunds(ctx, { type: 'programme', id: programme!.id }))).code, who).toBe('forbidden');
      expect((await refusal(traceEvidence(ctx, { type: 'programme', id: programme!.id }))).code, who).toBe('forbidden');
      expect((await refusal(traceEvidence(ctx, { type: 'payee', id: yuxianId }))).code, who).toBe('forbidden');
    }
    // Roles that answer no finding see none: not even a list.
    for (const who of ['admin', 'evaluator', 'moderator']) {
      const ctx = await ctxFor(t.db, who);
      expect((await refusal(listFindings(ctx))).code, who).toBe('forbidden');
      expect((await refusal(findingDetail(ctx, id))).code, who).toBe('forbidden');
      expect((await refusal(answerFinding(ctx, { findingId: id, expectedRevision: 0, body: '无权答复的角色' }))).code, who).toBe('forbidden');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets only the addressed organisation read, answer and download the evidence of a finding, whatever ids are tried', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const county = await ctxFor(t.db, 'officer-yx');
    const countyReviewer = await ctxFor(t.db, 'reviewer-yx');
    const { id } = await recordFinding(auditor, input({ title: '盂县的发现' }));
    const other = await recordFinding(auditor, input({ title: '另一条盂县的发现' }));
    const answered = await answerFinding(county, { findingId: id, expectedRevision: 0, body: '已补齐材料。' }, [{ filename: '验收单.pdf', bytes: PDF }]);
    const [evidence] = await t.db.select({ documentId: s.findingAnswerEvidence.documentId }).from(s.findingAnswerEvidence).innerJoin(s.findingAnswers, eq(s.findingAnswers.id, s.findingAnswerEvidence.answerId)).where(eq(s.findingAnswers.findingId, id));
    const docId = evidence!.documentId;
    // Someone else's document (a programme's), never an answer's evidence.
    const [foreignDoc] = await t.db.select({ id: s.documents.id }).from(s.documents).where(sql`${s.documents.id} <> ${docId}`).limit(1);

    // The addressed organisation, whichever of its people, reads it and its evidence.
    expect((await findingDetail(countyReviewer, id)).mayAnswer).toBe(true);
    expect((await findingEvidence(county, id, docId)).sha256).toHaveLength(64);
    expect((await findingEvidence(auditor, id, docId)).content.length).toBe(PDF.length);

    const before = await snapshot();
    for (const who of OTHER_ANSWERERS) {
      const ctx = await ctxFor(t.db, who);
      expect((await listFindings(ctx)).map((f) => f.id), who).not.toContain(id);
      expect((await listFindings(ctx, { status: 'open' })).map((f) => f.id), who).not.toContain(id);
      expect((await refusal(findingDetail(ctx, id))).code, who).toBe('not_found');
      expect((await refusal(findingEvidence(ctx, id, docId))).code, who).toBe('not_found');
      const e = await refusal(answerFinding(ctx, { findingId: id, expectedRevision: answered.revision, body: '冒名答复他县的发现' }, [{ filename: 'x.pdf', bytes: PDF }]));
      expect([e.code, e.messageKey], who).toEqual(['forbidden', 'findings.notAddressedToYou']);
    }
    // The evidence of one finding is not reachable through another, nor is any other document.
    expect((await refusal(findingEvidence(county, other.id, docId))).code).toBe('not_found');
    expect((await refusal(findingEvidence(auditor, other.id, docId))).code).toBe('not_found');
    expect((await refusal(findingEvidence(county, id, foreignDoc!.id))).code).toBe('not_found');
    expect((await refusal(findingEvidence(auditor, id, foreignDoc!.id))).code).toBe('not_found');
    // Ids that name nothing.
    for (const bad of [0, -1, 2_147_483_647]) {
      expect((await refusal(findingDetail(auditor, bad))).code).toBe('not_found');
      expect((await refusal(findingEvidence(auditor, bad, docId))).code).toBe('not_found');
      expect((await refusal(answerFinding(county, { findingId: bad, expectedRevision: 0, body: '答复不存在的发现' }))).code).toBe('not_found');
      expect((await refusal(closeFinding(auditor, { findingId: bad, expectedRevision: 0, reason: '关闭不存在的发现' }))).code).toBe('not_found');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input with a message in both languages before anything is written: ids out of range, oversized text, flag keys that are no flag, evidence that is not what it claims', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const county = await ctxFor(t.db, 'officer-yx');
    const { id } = await recordFinding(auditor, input());
    const before = await snapshot();

    // The actions' schemas refuse ids no row can have and text past its bound, each with a key both languages carry.
    const keysOf = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => (r.success ? [] : r.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`));
    for (const bad of [-1, 0, 1.5, 2_147_483_648, 2 ** 53, 'abc', '1; drop table findings']) {
      expect(answerFindingSchema.safeParse({ findingId: bad, expectedRevision: 0, body: '答复内容' }).success, String(bad)).toBe(false);
      expect(closeFindingSchema.safeParse({ findingId: bad, expectedRevision: 0, reason: '关闭理由' }).success, String(bad)).toBe(false);
      expect(recordFindingSchema.safeParse({ ...input(), responsibleOrgId: bad }).success, String(bad)).toBe(false);
    }
    expect(reopenFindingSchema.safeParse({ findingId: id, expectedRevision: -1, reason: '重新打开' }).success).toBe(false);
    const huge = recordFindingSchema.safeParse({ ...input(), title: '题'.repeat(201), body: '长'.repeat(4001), requiredAction: '做'.repeat(2001) });
    expect(keysOf(huge).sort()).toEqual(['body:findings.bodyRequired', 'requiredAction:findings.actionRequired', 'title:findings.titleRequired']);
    expect(keysOf(recordFindingSchema.safeParse({ ...input(), subjectType: 'evaluation' }))).toEqual(['subjectType:findings.subjectInvalid']);
    expect(keysOf(recordFindingSchema.safeParse({ ...input(), subjectRef: 'x'.repeat(201) }))).toEqual(['subjectRef:findings.subjectInvalid']);
    expect(keysOf(answerFindingSchema.safeParse({ findingId: id, expectedRevision: 0, body: '答'.repeat(4001) }))).toEqual(['body:findings.answerRequired']);
    for (const key of ['findings.subjectInvalid', 'findings.answerRequired', 'findings.actionRequired', 'findings.unknownSubject', 'findings.responsibleNotAllowed', 'findings.stale', 'findings.notClosed', 'form.fileType']) {
      expect(translate('zh', key), key).toMatch(/\p{Script=Han}/u);
      expect(translate('en', key), key).not.toBe(key);
      expect(translate('en', key), key).not.toMatch(/\p{Script=Han}/u);
    }

    // The data layer refuses subjects that name nothing, whatever the form let through.
    for (const ref of ['0', '-5', '2147483648', '99999999999', '1e3', '#', ' ', '1 or 1=1']) {
      expect((await refusal(recordFinding(auditor, input({ subjectRef: ref })))).messageKey, ref).toBe('findings.unknownSubject');
      expect((await refusal(recordFinding(auditor, input({ subjectType: 'project', subjectRef: ref })))).messageKey, ref).toBe('findings.unknownSubject');
    }
    // A flag key that is no flag the rules raise: no rule of that name, no such entity.
    for (const ref of ['no_such_rule:transfer:1', 'duplicate_voucher:transfer:999999999', 'passed_on_more:140322']) {
      expect((await refusal(recordFinding(auditor, input({ subjectType: 'flag', subjectRef: ref, responsibleOrgId: yuxianId })))).messageKey, ref).toBe('findings.unknownSubject');
      expect((await refusal(findingSubject(auditor, 'flag', ref))).code, ref).toBe('not_found');
    }
    // A flag the rules raise is a subject (its key as the flags page gives it).
    const [flag] = (await listFlags(auditor)).flags;
    expect((await findingSubject(auditor, 'flag', flag!.key)).subjectKey).toBe(flag!.key);
    // A contractor holds no account and cannot be made to answer; nor can an organisation the subject does not involve.
    const [contractor] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.kind, 'contractor')).limit(1);
    expect((await refusal(recordFinding(auditor, input({ responsibleOrgId: contractor!.id })))).messageKey).toBe('findings.responsibleNotAllowed');
    expect((await refusal(recordFinding(auditor, input({ responsibleOrgId: pingdingId })))).messageKey).toBe('findings.responsibleNotAllowed');
    expect((await refusal(recordFinding(auditor, input({ responsibleOrgId: 2_147_483_647 })))).messageKey).toBe('findings.responsibleNotAllowed');
    // The same client key with another body is a different request, refused.
    const key = randomUUID();
    const again = await recordFinding(auditor, input({ clientKey: key }));
    expect(await recordFinding(auditor, input({ clientKey: key }))).toEqual(again);
    expect((await refusal(recordFinding(auditor, input({ clientKey: key, title: '换了标题' })))).code).toBe('idempotency_mismatch');

    const afterRecord = await snapshot();
    // Evidence that is not what its name claims: HTML named .pdf, an empty file, a script. The answer goes with it.
    for (const file of [
      { filename: '验收单.pdf', bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>') },
      { filename: 'empty.pdf', bytes: new Uint8Array() },
      { filename: 'run.sh.pdf', bytes: new TextEncoder().encode('#!/bin/sh\nrm -rf /\n') },
    ]) {
      const e = await refusal(answerFinding(county, { findingId: id, expectedRevision: 0, body: '附件不对的答复' }, [{ filename: 'ok.pdf', bytes: PDF }, file]));
      expect(e.code, file.filename).toBe('validation');
      expect(['form.fileType', 'form.fileEmpty'], file.filename).toContain(e.messageKey);
    }
    expect(await snapshot()).toEqual(afterRecord);
    expect((await t.db.select({ status: s.findings.status }).from(s.findings).where(eq(s.findings.id, id)))[0]!.status).toBe('open');
    expect(before.findings).not.toEqual(afterRecord.findings);
  });

  it('refuses steps out of order and stale pages without writing, and keeps the revision counting every step', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const county = await ctxFor(t.db, 'officer-yx');
    const { id } = await recordFinding(auditor, input({ title: '顺序攻击' }));
    const step = (r: number, reason = '理由充分的说明') => ({ findingId: id, expectedRevision: r, reason });
    let before = await snapshot();
    expect((await refusal(reopenFinding(auditor, step(0)))).messageKey).toBe('findings.notClosed');
    expect((await refusal(closeFinding(auditor, step(1)))).messageKey).toBe('findings.stale');
    expect((await refusal(closeFinding(auditor, step(-1)))).messageKey).toBe('findings.stale');
    expect((await refusal(answerFinding(county, { findingId: id, expectedRevision: 5, body: '未来的版本' }))).messageKey).toBe('findings.stale');
    expect((await refusal(closeFinding(auditor, step(0, ' \n\t ')))).messageKey).toBe('findings.closeReasonRequired');
    expect(await snapshot()).toEqual(before);

    await closeFinding(auditor, step(0, '无需整改，关闭。'));
    before = await snapshot();
    expect((await refusal(closeFinding(auditor, step(1)))).messageKey).toBe('findings.alreadyClosed');
    expect((await refusal(answerFinding(county, { findingId: id, expectedRevision: 1, body: '关闭后再答复' }))).messageKey).toBe('findings.closedNoAnswer');
    expect((await refusal(reopenFinding(auditor, step(0)))).messageKey).toBe('findings.stale');
    expect((await refusal(reopenFinding(auditor, step(1, 'ab')))).messageKey).toBe('findings.reopenReasonRequired');
    expect(await snapshot()).toEqual(before);

    expect((await reopenFinding(auditor, step(1, '复查需要补充材料。'))).revision).toBe(2);
    // The page from before the reopen is stale for the county too.
    expect((await refusal(answerFinding(county, { findingId: id, expectedRevision: 1, body: '旧页面的答复' }))).messageKey).toBe('findings.stale');
    expect((await answerFinding(county, { findingId: id, expectedRevision: 2, body: '补充材料已上传。' })).revision).toBe(3);
    const second = await closeFinding(auditor, step(3, '补充材料齐全，再次关闭。'));
    expect(second.version).toBe(2);
  });

  it('publishes a closed finding with no person in it and its text as data, and keeps amounts in integer fen', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const county = await ctxFor(t.db, 'officer-yx');
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { id } = await recordFinding(auditor, input({ title: `脚本标题${script}`, body: `正文包含脚本：${script}` }));
    await answerFinding(county, { findingId: id, expectedRevision: 0, body: `答复：${script}` }, [{ filename: `<b>证据</b>.pdf`, bytes: PDF }]);
    await closeFinding(auditor, { findingId: id, expectedRevision: 1, reason: `关闭：${script}` });
    const pub = (await getPublicFinding(id, t.db))!;
    // Stored and published verbatim (pages escape it when they render); nothing was executed or rewritten.
    expect(pub.content.finding.title).toBe(`脚本标题${script}`);
    expect(pub.content.answers[0]!.body).toBe(`答复：${script}`);
    const text = JSON.stringify(pub);
    const people = await t.db.select({ id: s.users.id, username: s.users.username, displayName: s.users.displayName }).from(s.users).where(sql`${s.users.username} in ('auditor', 'officer-yx')`);
    for (const u of people) {
      expect(text).not.toContain(u.displayName);
      expect(text).not.toContain(`"${u.username}"`);
    }
    expect(Object.keys(pub.content.answers[0]!).sort()).toEqual(['answeredOn', 'body', 'evidence', 'organisation']);
    expect(Object.keys(pub.content.finding).sort()).toEqual(['body', 'dueDate', 'id', 'recordedOn', 'requiredAction', 'severity', 'title']);
    expect(pub.content.history.every((h) => Object.keys(h).sort().join() === 'event,on,reason')).toBe(true);
    const [stored] = await t.db.select({ content: s.publications.content }).from(s.publications).where(and(eq(s.publications.subjectType, 'finding'), eq(s.publications.subjectId, id)));
    expect(JSON.stringify(stored!.content)).not.toMatch(/answeredBy|createdBy|closedBy|actorId|userId/);

    // Flags' amounts are integer fen (bigint), never floats.
    const { flags } = await listFlags(auditor);
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) for (const v of Object.values(f.amounts)) expect(typeof v, f.key).toBe('bigint');
    const trace = await traceFunds(auditor, { type: 'payee', id: yuxianId });
    for (const tr of trace.trace.transfers) expect(typeof tr.amountFen).toBe('bigint');
    // The trace query takes exactly one positive id.
    for (const q of [{}, { programme: '1', project: '2' }, { programme: '-1' }, { programme: '2147483648' }, { payee: 'x' }, { programme: '1', extra: '1' }]) {
      expect(traceQuery.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
    expect((await refusal(traceFunds(auditor, { type: 'programme', id: 2_147_483_647 }))).code).toBe('not_found');
    expect((await refusal(traceFunds(auditor, { type: 'payee', id: 2_147_483_647 }))).code).toBe('not_found');
  });

  it('keeps a finding whose subject is withheld out of every public read: a withheld transfer, project, indicator value or finding', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const closeNew = async (title: string, over: Partial<RecordFindingInput>) => {
      const { id } = await recordFinding(auditor, input({ title, ...over }));
      await closeFinding(auditor, { findingId: id, expectedRevision: 0, reason: '已核实，关闭并公开。' });
      return id;
    };
    const withhold = async (who: string, itemType: 'transfer' | 'project' | 'indicator_report' | 'finding', itemId: number) =>
      activate((await requestWithholding(await ctxFor(t.db, who), { itemType, itemId, reason: '依法不予公开，经保密审查', legalBasisId: await basisId(), reviewDate: inDays(90) })).id);

    // An indicator value's publication, and a finding recorded on that publication.
    const [indicator] = rowsOf<{ id: number; subject_id: number; org: number }>(
      await t.db.execute(sql`select p.id, p.subject_id, i.responsible_org_id as org from publications p
        join indicator_reports r on r.id = p.subject_id join plan_indicators i on i.id = r.indicator_id
        where p.kind = 'indicator_report' and p.subject_type = 'indicator_report' order by p.id limit 1`),
    );
    expect(indicator, 'the demo publishes indicator values').toBeDefined();
    const [indicatorOfficer] = await t.db.select({ username: s.users.username }).from(s.users).where(and(eq(s.users.organisationId, Number(indicator!.org)), eq(s.users.role, 'finance_officer'))).limit(1);
    const onIndicator = await closeNew('指标发布的审计发现XYZ1', { subjectType: 'publication', subjectRef: String(indicator!.id) });

    // A finding, and a finding recorded on that finding's publication.
    const inner = await closeNew('被保密的审计发现XYZ2', {});
    const innerPub = (await getPublicFinding(inner, t.db))!.publicationId;
    const onFinding = await closeNew('关于审计发现的审计发现XYZ3', { subjectType: 'publication', subjectRef: String(innerPub) });

    // A project and a finding on it.
    const [project] = rowsOf<{ id: number }>(await t.db.execute(sql`select id from projects where implementing_org_id = ${yuxianId} or exists (select 1 from project_counties pc where pc.project_id = projects.id and pc.county_id = ${yuxianId}) order by id limit 1`));
    const onProject = await closeNew('项目审计发现XYZ4', { subjectType: 'project', subjectRef: String(project!.id), responsibleOrgId: yuxianId });

    for (const f of [onIndicator, inner, onFinding, onProject]) expect(await getPublicFinding(f, t.db), String(f)).not.toBeNull();
    expect(await publicText()).toContain('XYZ1');

    await withhold(indicatorOfficer!.username, 'indicator_report', Number(indicator!.subject_id));
    await withhold('officer-yx', 'finding', inner);
    await withhold('officer-yx', 'project', project!.id);

    const text = await publicText();
    for (const [f, marker] of [[onIndicator, 'XYZ1'], [inner, 'XYZ2'], [onFinding, 'XYZ3'], [onProject, 'XYZ4']] as const) {
      expect(await getPublicFinding(f, t.db), marker).toBeNull();
      expect(text, marker).not.toContain(marker);
      const [pub] = await t.db.select({ id: s.publications.id }).from(s.publications).where(and(eq(s.publications.subjectType, 'finding'), eq(s.publications.subjectId, f)));
      expect(await getPublicationSeries(pub!.id, t.db), marker).toBeNull();
    }
  });
});
