import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { answerFinding, closeFinding, findingDetail, listFindings, recordFinding, reopenFinding } from '@/lib/dal/audit/findings';
import { listFlags } from '@/lib/dal/audit/flags';
import { listWithholdings, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { listFeedEntries } from '@/lib/dal/public/disclosure';
import { getPublicFinding, listPublicFindings } from '@/lib/dal/public/findings';
import { chinaToday } from '@/lib/domain/china-date';
import { sha256Hex } from '@/lib/domain/sha256';
import { AppError } from '@/lib/errors';
import { translate } from '@/lib/i18n';
import { recordFindingSchema, type RecordFindingInput } from '@/lib/schemas/findings';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe.each(DRIVERS)('audit findings on %s', (driver) => {
  let t: TestDatabase;
  let paymentId: number;
  let yuxianId: number;
  let chengquId: number;

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
  const findingCount = async () => Number((await t.db.select({ n: count() }).from(s.findings))[0]!.n);
  const auditActions = async (entityType: string, entityId: number) =>
    (await t.db.select({ action: s.auditLog.action }).from(s.auditLog).where(and(eq(s.auditLog.entityType, entityType), eq(s.auditLog.entityId, String(entityId)))).orderBy(s.auditLog.id)).map((r) => r.action);

  let demoFindings = 0;
  beforeAll(async () => {
    t = await createDatabase(driver);
    demoFindings = await findingCount();
    const [p] = rowsOf<{ id: number }>(
      await t.db.execute(sql`select t.id from transfers t join holders h on h.id = t.from_holder_id join organisations o on o.id = h.organisation_id
        where o.code = '140322' and t.kind = 'payment' order by t.id limit 1`),
    );
    paymentId = Number(p!.id);
    const orgs = await t.db.select({ id: s.organisations.id, code: s.organisations.code }).from(s.organisations);
    yuxianId = orgs.find((o) => o.code === '140322')!.id;
    chengquId = orgs.find((o) => o.code === '140302')!.id;
  });
  afterAll(async () => t?.drop());

  it('refuses a finding without severity or text in both languages, from a non-auditor, on no subject or for an organisation not responsible, and records nothing', async () => {
    const noSeverity = recordFindingSchema.safeParse({ ...input(), severity: undefined });
    expect(noSeverity.success).toBe(false);
    expect(noSeverity.error!.issues.map((i) => i.message)).toContain('findings.severityRequired');
    const noText = recordFindingSchema.safeParse({ ...input(), body: '', title: '' });
    expect(noText.error!.issues.map((i) => i.message).sort()).toEqual(['findings.bodyRequired', 'findings.titleRequired']);
    for (const key of ['findings.severityRequired', 'findings.bodyRequired', 'findings.closeReasonRequired', 'findings.notAddressedToYou']) {
      expect(translate('zh', key)).toMatch(/\p{Script=Han}/u);
      expect(translate('en', key)).toMatch(/^[\x20-\x7e–]+$/);
    }

    const auditor = await ctxFor(t.db, 'auditor');
    expect((await refusal(recordFinding(await ctxFor(t.db, 'officer-yx'), input()))).code).toBe('forbidden');
    expect((await refusal(recordFinding(auditor, input({ dueDate: inDays(-1) })))).messageKey).toBe('findings.duePast');
    expect((await refusal(recordFinding(auditor, input({ subjectRef: '999999999' })))).messageKey).toBe('findings.unknownSubject');
    expect((await refusal(recordFinding(auditor, input({ subjectType: 'flag', subjectRef: 'not a key' })))).messageKey).toBe('findings.unknownSubject');
    expect((await refusal(recordFinding(auditor, input({ subjectType: 'flag', subjectRef: 'passed_on_more:140322' })))).messageKey).toBe('findings.unknownSubject');
    const [flag] = (await listFlags(auditor)).flags;
    expect((await refusal(recordFinding(auditor, input({ subjectType: 'flag', subjectRef: flag!.key })))).messageKey).toBe('findings.responsibleRequired');
    const wrongOrg = await refusal(recordFinding(auditor, input({ responsibleOrgId: chengquId })));
    expect(wrongOrg.messageKey).toBe('findings.responsibleNotAllowed');
    // The demo's one closed finding is there before; a refusal adds none.
    expect(await findingCount()).toBe(demoFindings);
  });

  it('takes a finding through record, answer with evidence, close (published), reopen and close again (a new version), refusing every wrong step', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const county = await ctxFor(t.db, 'officer-yx');
    const city = await ctxFor(t.db, 'officer');
    const { id } = await recordFinding(auditor, input());
    const [row] = await t.db.select().from(s.findings).where(eq(s.findings.id, id));
    // A payment's sender answers for it: 盂县 paid.
    expect(row).toMatchObject({ responsibleOrgId: yuxianId, status: 'open', revision: 0, subjectType: 'transfer', subjectId: paymentId });

    // Another organisation neither sees nor answers it; an auditor does not answer.
    expect((await listFindings(city)).map((f) => f.id)).not.toContain(id);
    expect((await refusal(findingDetail(city, id))).code).toBe('not_found');
    const notYours = await refusal(answerFinding(city, { findingId: id, expectedRevision: 0, body: '不是我们的' }));
    expect([notYours.code, notYours.messageKey]).toEqual(['forbidden', 'findings.notAddressedToYou']);
    expect((await refusal(answerFinding(auditor, { findingId: id, expectedRevision: 0, body: '审计人员不答复' }))).code).toBe('forbidden');
    expect((await refusal(answerFinding(await ctxFor(t.db, 'unit'), { findingId: id, expectedRevision: 0, body: '单位不是责任单位' }))).messageKey).toBe('findings.notAddressedToYou');
    expect((await listFindings(county)).map((f) => f.id)).toContain(id);

    const answered = await answerFinding(county, { findingId: id, expectedRevision: 0, body: '已补齐验收单和合同。' }, [{ filename: '验收单.pdf', bytes: PDF }]);
    expect(answered.revision).toBe(1);
    const stale = await refusal(answerFinding(county, { findingId: id, expectedRevision: 0, body: '重复提交' }));
    expect([stale.code, stale.messageKey]).toEqual(['conflict', 'findings.stale']);
    const detail = await findingDetail(auditor, id);
    expect(detail.status).toBe('answered');
    expect(detail.answerList[0]!.evidence[0]!.sha256).toBe(sha256Hex(PDF));

    // Closing needs a reason and an auditor; nothing changes otherwise.
    const noReason = await refusal(closeFinding(auditor, { findingId: id, expectedRevision: 1, reason: '  ' }));
    expect([noReason.code, noReason.messageKey]).toEqual(['validation', 'findings.closeReasonRequired']);
    expect((await refusal(closeFinding(county, { findingId: id, expectedRevision: 1, reason: '自己关闭' }))).code).toBe('forbidden');
    expect((await refusal(closeFinding(auditor, { findingId: id, expectedRevision: 0, reason: '页面过期了' }))).messageKey).toBe('findings.stale');
    expect((await t.db.select({ status: s.findings.status }).from(s.findings).where(eq(s.findings.id, id)))[0]!.status).toBe('answered');
    expect((await listPublicFindings(t.db)).map((f) => f.id)).not.toContain(id);

    const first = await closeFinding(auditor, { findingId: id, expectedRevision: 1, reason: '整改材料齐全，予以关闭。' });
    expect(first.version).toBe(1);
    const published = await getPublicFinding(id, t.db);
    expect(published).toMatchObject({ publicationId: first.publicationId, version: 1 });
    expect(published!.content.answers).toHaveLength(1);
    expect(published!.content.answers[0]!.evidence[0]).toMatchObject({ filename: '验收单.pdf', sha256: sha256Hex(PDF) });
    expect(published!.content.closedReason).toBe('整改材料齐全，予以关闭。');
    expect(JSON.stringify(published!.content)).not.toContain(county.actor.displayName);
    expect((await listFeedEntries({}, t.db)).some((e) => e.id === first.publicationId && e.kind === 'audit_finding')).toBe(true);

    // A closed finding takes no answer and cannot be closed twice; reopening needs a reason.
    expect((await refusal(answerFinding(county, { findingId: id, expectedRevision: 2, body: '补充说明' }))).messageKey).toBe('findings.closedNoAnswer');
    expect((await refusal(closeFinding(auditor, { findingId: id, expectedRevision: 2, reason: '再关一次' }))).messageKey).toBe('findings.alreadyClosed');
    expect((await refusal(reopenFinding(auditor, { findingId: id, expectedRevision: 2, reason: '' }))).messageKey).toBe('findings.reopenReasonRequired');
    expect((await refusal(reopenFinding(county, { findingId: id, expectedRevision: 2, reason: '想重新打开' }))).code).toBe('forbidden');

    await reopenFinding(auditor, { findingId: id, expectedRevision: 2, reason: '复查发现合同金额不符。' });
    // What was published stays published; the finding is open again.
    expect((await getPublicFinding(id, t.db))!.version).toBe(1);
    await answerFinding(county, { findingId: id, expectedRevision: 3, body: '已更正合同金额并报审计局。' });
    const second = await closeFinding(auditor, { findingId: id, expectedRevision: 4, reason: '复查合格，再次关闭。' });
    expect(second.version).toBe(2);
    const latest = await getPublicFinding(id, t.db);
    expect(latest!.version).toBe(2);
    expect(latest!.content.answers).toHaveLength(2);
    expect(latest!.content.history.map((h) => h.event)).toEqual(['recorded', 'answered', 'closed', 'reopened', 'answered', 'closed']);
    expect(await auditActions('finding', id)).toEqual(['finding.recorded', 'finding.answered', 'finding.closed', 'finding.reopened', 'finding.answered', 'finding.closed']);
    // Answers and history are append-only.
    await expect(t.db.execute(sql`update finding_answers set body = 'x' where finding_id = ${id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from finding_events where finding_id = ${id}`)).rejects.toThrow();
  });

  it('keeps a withheld finding, and a finding on a withheld transfer, out of every public read, and logs each auditor read of a withheld item', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    const county = await ctxFor(t.db, 'officer-yx');
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14'));
    const [approver1] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'reviewer-yx'));
    const [approver2] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'approver'));
    // Two approvals as approveWithholding gives them (its four-eyes rules are tested with withholdings).
    const activate = (wid: number) => t.db.update(s.withholdings).set({ status: 'active', approvedBy1: approver1!.id, approvedBy2: approver2!.id, activatedAt: new Date() }).where(eq(s.withholdings.id, wid));

    const closeNew = async (over: Partial<RecordFindingInput>) => {
      const { id } = await recordFinding(auditor, input(over));
      await closeFinding(auditor, { findingId: id, expectedRevision: 0, reason: '已核实，关闭并公开。' });
      return id;
    };
    const secret = await closeNew({ title: '涉密事项审计发现' });
    expect(await getPublicFinding(secret, t.db)).not.toBeNull();

    // Only the organisation it is addressed to may ask to withhold it.
    expect((await refusal(requestWithholding(await ctxFor(t.db, 'officer'), { itemType: 'finding', itemId: secret, reason: '不是本单位的', legalBasisId: basis!.id, reviewDate: inDays(90) }))).code).toBe('forbidden');
    const w = await requestWithholding(county, { itemType: 'finding', itemId: secret, reason: '涉及国家秘密，经保密审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    await activate(w.id);
    expect(await getPublicFinding(secret, t.db)).toBeNull();
    expect((await listPublicFindings(t.db)).map((f) => f.id)).not.toContain(secret);
    const feed = JSON.stringify(await listFeedEntries({}, t.db));
    expect(feed).not.toContain('涉密事项审计发现');
    const leaked = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from public_publications where kind = 'audit_finding' and subject_id = ${secret}`));
    expect(Number(leaked[0]!.n)).toBe(0);

    // A finding on a transfer that is then withheld goes with it.
    const onTransfer = await closeNew({ title: '转账审计发现' });
    expect(await getPublicFinding(onTransfer, t.db)).not.toBeNull();
    const wt = await requestWithholding(county, { itemType: 'transfer', itemId: paymentId, reason: '涉及商业秘密，经审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    await activate(wt.id);
    expect(await getPublicFinding(onTransfer, t.db)).toBeNull();

    // Each auditor read of a withheld item is an audit entry; the county's own read is not.
    const reads = async () => Number((await t.db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.action, 'withheld.read')))[0]!.n);
    const before = await reads();
    await findingDetail(county, secret);
    expect(await reads()).toBe(before);
    await findingDetail(auditor, secret);
    const logged = await t.db.select({ entityType: s.auditLog.entityType, entityId: s.auditLog.entityId, actorId: s.auditLog.actorId }).from(s.auditLog).where(eq(s.auditLog.action, 'withheld.read')).orderBy(s.auditLog.id);
    expect(logged.slice(before)).toEqual([
      { entityType: 'finding', entityId: String(secret), actorId: auditor.actor.id },
      { entityType: 'transfer', entityId: String(paymentId), actorId: auditor.actor.id },
    ]);
    // The withholding register, read by an auditor, logs every item it lists that is withheld.
    const registerBefore = await reads();
    await listWithholdings(auditor);
    expect((await reads()) - registerBefore).toBeGreaterThanOrEqual(2);
  });
});
