import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import * as s from '@/db/schema';
import { closeFinding, recordFinding } from '@/lib/dal/audit/findings';
import { listFlags } from '@/lib/dal/audit/flags';
import { requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { listFeedEntries } from '@/lib/dal/public/disclosure';
import { getPublicFinding, listPublicFindings } from '@/lib/dal/public/findings';
import { chinaToday } from '@/lib/domain/china-date';
import { recordFindingSchema } from '@/lib/schemas/findings';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));

/**
 * A finding on a reconciliation flag names what the flag is about (its key `rule:entity:id`): when
 * that project is withheld, the published finding goes with it, key and all.
 */
describe.each(DRIVERS)('a finding on a flag about a withheld project on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver, { demo: true });
  });
  afterAll(() => t?.drop());

  it('is public until the project is withheld, then on no public read', async () => {
    const auditor = await ctxFor(t.db, 'auditor');
    // Money idle at a project of 盂县: the flag's entity is the project holder's balance in a programme.
    const { flags } = await listFlags(auditor, { rule: 'idle_funds' });
    const yx = (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, '140322')))[0]!.id;
    let flag: (typeof flags)[number] | undefined;
    let projectId: number | null = null;
    for (const f of flags) {
      const holderId = Number(f.key.split(':')[2]!.split('-')[1]);
      const [h] = await t.db.select({ projectId: s.holders.projectId }).from(s.holders).where(eq(s.holders.id, holderId));
      if (!h?.projectId) continue;
      const [located] = await t.db.select({ county: s.projectCounties.countyId }).from(s.projectCounties).where(eq(s.projectCounties.projectId, h.projectId));
      if (located?.county !== yx) continue;
      flag = f;
      projectId = h.projectId;
      break;
    }
    expect(flag, 'an idle project balance in 盂县').toBeTruthy();
    const { id } = await recordFinding(
      auditor,
      recordFindingSchema.parse({ clientKey: randomUUID(), subjectType: 'flag', subjectRef: flag!.key, responsibleOrgId: flag!.organisationId, severity: 'minor', title: '项目资金闲置', body: '项目结余资金超过闲置期限未使用。', requiredAction: '说明原因并加快支付。', dueDate: inDays(30) }),
    );
    await closeFinding(auditor, { findingId: id, expectedRevision: 0, reason: '已说明原因，关闭。' });
    expect(await getPublicFinding(id, t.db)).not.toBeNull();

    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14'));
    const w = await requestWithholding(await ctxFor(t.db, 'officer-yx'), { itemType: 'project', itemId: projectId!, reason: '涉及国家秘密，经保密审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    const [a1] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'reviewer-yx'));
    const [a2] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'approver'));
    // Two approvals as approveWithholding gives them (its four-eyes rules are tested with withholdings).
    await t.db.update(s.withholdings).set({ status: 'active', approvedBy1: a1!.id, approvedBy2: a2!.id, activatedAt: new Date() }).where(eq(s.withholdings.id, w.id));

    expect(await getPublicFinding(id, t.db)).toBeNull();
    expect((await listPublicFindings(t.db)).map((f) => f.id)).not.toContain(id);
    expect(JSON.stringify(await listFeedEntries({}, t.db))).not.toContain(flag!.key);
  });
});
