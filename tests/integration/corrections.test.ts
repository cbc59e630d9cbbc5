import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { correctablePublications, correctionForm, publishFieldCorrection } from '@/lib/dal/disclosure/publications';
import { AppError } from '@/lib/errors';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe.each(DRIVERS)('publication corrections field by field on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  const catalogueEntry = async () =>
    (await t.db.select().from(s.publications).where(and(eq(s.publications.kind, 'fund_catalogue'), sql`${s.publications.content}->>'code' = 'DEMO-2026-YQ'`)).orderBy(desc(s.publications.version)).limit(1))[0]!;

  it('offers only the descriptive text fields of the latest versions the organisation issued', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const list = await correctablePublications(officer);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => p.kind !== 'management_rules' && p.kind !== 'application_guideline')).toBe(true);
    const entry = await catalogueEntry();
    expect(list.map((p) => p.id)).toContain(entry.id);
    const form = await correctionForm(officer, entry.id);
    expect(form.fields.map((f) => f.path).sort()).toEqual(['managingOrg', 'name', 'purpose']);
    expect(form.latestId).toBeNull();
    expect((await refusal(correctionForm(await ctxFor(t.db, 'officer-sx'), entry.id))).code).toBe('forbidden');
    expect((await refusal(correctablePublications(await ctxFor(t.db, 'auditor')))).code).toBe('forbidden');
  });

  it('publishes the changed fields as a new version with the audit entry, and refuses any other field', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const entry = await catalogueEntry();
    const auditBefore = (await t.db.select({ id: s.auditLog.id }).from(s.auditLog)).length;
    for (const path of ['totalFen', 'code', 'documentId', 'purpose.x']) {
      const e = await refusal(publishFieldCorrection(officer, { publicationId: entry.id, fields: { [path]: '1' }, changeReason: '更正用途表述' }));
      expect([e.messageKey, e.fieldErrors]).toEqual(['disclosure.notCorrectable', { [path]: 'disclosure.notCorrectable' }]);
    }
    expect((await refusal(publishFieldCorrection(officer, { publicationId: entry.id, fields: { purpose: (entry.content as { purpose: string }).purpose }, changeReason: '更正用途表述' }))).messageKey).toBe('disclosure.noChange');
    expect((await refusal(publishFieldCorrection(officer, { publicationId: entry.id, fields: { purpose: '新用途' }, changeReason: ' ' }))).messageKey).toBe('disclosure.reasonRequired');
    expect((await t.db.select({ id: s.auditLog.id }).from(s.auditLog)).length).toBe(auditBefore);

    const res = await publishFieldCorrection(officer, { publicationId: entry.id, fields: { purpose: '  用于阳泉市生态修复重点工程（更正）  ', name: (entry.content as { name: string }).name }, changeReason: '更正用途表述' });
    expect(res).toMatchObject({ version: entry.version + 1, changes: 1 });
    const latest = await catalogueEntry();
    expect(latest.id).toBe(res.id);
    expect(latest.content).toEqual({ ...(entry.content as object), purpose: '用于阳泉市生态修复重点工程（更正）' });
    const [audit] = await t.db.select().from(s.auditLog).orderBy(desc(s.auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'publication.corrected', entityId: String(res.id) });
    // The superseded version points to the latest, and cannot be corrected again.
    expect((await correctionForm(officer, entry.id)).latestId).toBe(res.id);
    expect((await refusal(publishFieldCorrection(officer, { publicationId: entry.id, fields: { purpose: '再次更正内容' }, changeReason: '再次更正' }))).code).toBe('stale');
  });
});
