import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { evidenceZip } from '@/lib/audit/evidence/bundle';
import { traceEvidence } from '@/lib/dal/audit/evidence';
import { traceFunds } from '@/lib/dal/audit/trace';
import { chainForProgramme } from '@/lib/dal/ledger/chain';
import { requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { workItem } from '@/lib/dal/workflow/queries';
import { chinaToday } from '@/lib/domain/china-date';
import { AppError } from '@/lib/errors';
import { traceQuery } from '@/lib/schemas/trace';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { unzip } from '../support/unzip';

const refused = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : e));

describe.each(DRIVERS)('an auditor traces the demo’s money on %s', (driver) => {
  let t: TestDatabase;
  let payeeOrgId: number;
  let mofHolderId: number;

  beforeAll(async () => {
    t = await createDatabase(driver, { demo: true });
    // The payee paid through the most hops: the deepest end of the demo's chain.
    const [row] = rowsOf<{ org: number }>(
      await t.db.execute(sql`
        select h.organisation_id as org from transfers tr join holders h on h.id = tr.to_holder_id
        where h.kind = 'payee' and tr.kind = 'disbursement'
        group by h.organisation_id order by count(distinct tr.programme_id) desc, h.organisation_id limit 1`),
    );
    payeeOrgId = Number(row!.org);
    const [mof] = await t.db.select({ id: s.holders.id }).from(s.holders).innerJoin(s.organisations, eq(s.organisations.id, s.holders.organisationId)).where(and(eq(s.holders.kind, 'organisation'), eq(s.organisations.name, '财政部')));
    mofHolderId = mof!.id;
  });
  afterAll(() => t?.drop());

  it('follows a payee up to the central programme, every movement reaching back to an appropriation', async () => {
    const dto = await traceFunds(await ctxFor(t.db, 'auditor'), { type: 'payee', id: payeeOrgId });
    expect(dto.trace.programmeIds.length).toBeGreaterThan(0);
    const received = new Set(dto.trace.transfers.map((x) => `${x.programmeId}:${x.to}`));
    for (const x of dto.trace.transfers) {
      if (x.kind === 'appropriation' || x.kind === 'reversal') continue;
      // Whoever passed money on here got it from someone in the same trace.
      expect(received.has(`${x.programmeId}:${x.from}`), `transfer ${x.id}`).toBe(true);
    }
    const centralRoots = dto.trace.transfers.filter((x) => x.kind === 'appropriation' && x.to === mofHolderId);
    expect(centralRoots.length, 'reaches 财政部').toBeGreaterThan(0);
    const payeeHolder = dto.trace.transfers.filter((x) => x.kind === 'disbursement').map((x) => x.to);
    expect(new Set(payeeHolder).size).toBe(1);
    // Every disbursement to the payee carries a measured holding time or says what no receipt covered.
    for (const x of dto.trace.transfers.filter((y) => y.kind === 'disbursement')) expect(x.lagDays !== null || x.uncoveredFen > 0n).toBe(true);
  });

  it('shows the same positions as the ledger’s maintained balances', async () => {
    const [programme] = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.level, 'central')).orderBy(s.fundProgrammes.id).limit(1);
    const dto = await traceFunds(await ctxFor(t.db, 'auditor'), { type: 'programme', id: programme!.id });
    const balances = await t.db.select().from(s.balances).where(eq(s.balances.programmeId, programme!.id));
    const ledger = await t.db.select({ id: s.transfers.id }).from(s.transfers).where(eq(s.transfers.programmeId, programme!.id));
    expect(dto.trace.transfers).toHaveLength(ledger.length);
    expect(dto.trace.positions).toHaveLength(balances.length);
    for (const b of balances) {
      const p = dto.trace.positions.find((x) => x.holderId === b.holderId)!;
      expect({ received: p.receivedFen, passedOn: p.passedOnFen, held: p.heldFen }, `holder ${b.holderId}`).toEqual({ received: b.receivedFen, passedOn: b.passedOnFen, held: b.balanceFen });
    }
    expect(dto.sankey.links.length).toBeGreaterThan(0);
  });

  it('exports an evidence bundle that checks offline and holds the entries that recorded each movement', async () => {
    const { evidence } = await traceEvidence(await ctxFor(t.db, 'auditor'), { type: 'payee', id: payeeOrgId });
    const files = unzip(evidenceZip(evidence));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
    for (const [name, data] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), data);
    }
    // Real entries, real publications: the bundle's script recomputes what the portal hashed.
    expect(execFileSync(process.execPath, [path.join(dir, 'verify.mjs'), dir], { encoding: 'utf8' })).toMatch(/^OK /);
    const entries = JSON.parse(files.get('audit-entries.json')!.toString('utf8')) as { entityType: string; entityId: string; after: unknown }[];
    const named = new Set<number>();
    const collect = (v: unknown, key?: string): void => {
      if (Array.isArray(v)) {
        for (const x of v) {
          if (key === 'transferIds' && typeof x === 'number') named.add(x);
          else collect(x);
        }
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, k);
    };
    for (const e of entries) {
      if (e.entityType === 'transfer') named.add(Number(e.entityId));
      collect(e.after);
    }
    for (const x of evidence.transfers) expect(named.has(x.id), `transfer ${x.id} has its audit entry`).toBe(true);
    // Every publication that lists a traced movement is in the bundle.
    const listing = rowsOf<{ publication_id: number }>(await t.db.execute(sql`select distinct publication_id from publication_items where transfer_id in ${sql.raw(`(${evidence.transfers.map((x) => x.id).join(',')})`)}`));
    expect(listing.length).toBeGreaterThan(0);
    const inBundle = new Set(evidence.publications.map((p) => p.id));
    for (const r of listing) expect(inBundle.has(Number(r.publication_id)), `publication ${r.publication_id}`).toBe(true);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.subject).toMatchObject({ type: 'payee', id: payeeOrgId });
    expect(manifest.totals.transfers).toBe(evidence.transfers.length);
  });

  it('shows the auditor a withheld movement, and logs that read in the audit log', async () => {
    const [w] = rowsOf<{ item_id: number; programme_id: number }>(
      await t.db.execute(sql`select w.item_id, tr.programme_id from active_withholdings w join transfers tr on tr.id = w.item_id where w.item_type = 'transfer' order by w.id limit 1`),
    );
    expect(w, 'the demo withholds a transfer').toBeTruthy();
    const reads = async () => t.db.select({ entityId: s.auditLog.entityId, after: s.auditLog.after }).from(s.auditLog).where(and(eq(s.auditLog.action, 'withheld.read'), eq(s.auditLog.entityType, 'transfer'), eq(s.auditLog.entityId, String(w!.item_id))));
    const before = (await reads()).length;
    const auditor = await ctxFor(t.db, 'auditor');
    const dto = await traceFunds(auditor, { type: 'programme', id: Number(w!.programme_id) });
    expect(dto.trace.transfers.map((x) => x.id)).toContain(Number(w!.item_id));
    expect(dto.withheldRead).toBeGreaterThan(0);
    expect((await reads()).slice(before)).toEqual([{ entityId: String(w!.item_id), after: { where: 'trace' } }]);
    const { evidence } = await traceEvidence(auditor, { type: 'programme', id: Number(w!.programme_id) });
    expect((await reads()).slice(before).map((r) => r.after)).toEqual([{ where: 'trace' }, { where: 'evidence_bundle' }]);
    // The bundle says which of its publications the public does not see.
    const listing = rowsOf<{ publication_id: number }>(await t.db.execute(sql`select publication_id from publication_items where transfer_id = ${w!.item_id}`));
    for (const r of listing) expect(evidence.publications.find((p) => p.id === Number(r.publication_id))?.withheld, `publication ${r.publication_id}`).toBe(true);
    // The chain view nets the withheld movement into its figures: that read is logged too, for an auditor only.
    await chainForProgramme(await ctxFor(t.db, 'officer'), Number(w!.programme_id));
    expect((await reads()).slice(before).map((r) => r.after)).toEqual([{ where: 'trace' }, { where: 'evidence_bundle' }]);
    await chainForProgramme(auditor, Number(w!.programme_id));
    expect((await reads()).slice(before).map((r) => r.after)).toEqual([{ where: 'trace' }, { where: 'evidence_bundle' }, { where: 'chain' }]);
  });

  it('logs an auditor’s read of a work item whose project is withheld, and no one else’s', async () => {
    const [app] = rowsOf<{ item_id: number; project_id: number }>(
      await t.db.execute(sql`select w.id as item_id, pa.project_id from workflow_items w join project_applications pa on pa.id = w.subject_id
        join project_counties pc on pc.project_id = pa.project_id join organisations o on o.id = pc.county_id
        where w.kind = 'project_application' and o.code = '140322' order by w.id limit 1`),
    );
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14'));
    const w = await requestWithholding(await ctxFor(t.db, 'officer-yx'), { itemType: 'project', itemId: Number(app!.project_id), reason: '涉及国家秘密，经保密审查', legalBasisId: basis!.id, reviewDate: chinaToday(new Date(Date.now() + 90 * 86_400_000)) });
    const [a1] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'reviewer-yx'));
    const [a2] = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'approver'));
    // Two approvals as approveWithholding gives them (its four-eyes rules are tested with withholdings).
    await t.db.update(s.withholdings).set({ status: 'active', approvedBy1: a1!.id, approvedBy2: a2!.id, activatedAt: new Date() }).where(eq(s.withholdings.id, w.id));
    const reads = async () => t.db.select({ after: s.auditLog.after, actorRole: s.auditLog.actorRole }).from(s.auditLog).where(and(eq(s.auditLog.action, 'withheld.read'), eq(s.auditLog.entityType, 'project'), eq(s.auditLog.entityId, String(app!.project_id))));
    const before = (await reads()).length;
    await workItem(await ctxFor(t.db, 'officer-yx'), Number(app!.item_id));
    expect(await reads()).toHaveLength(before);
    await workItem(await ctxFor(t.db, 'auditor'), Number(app!.item_id));
    expect((await reads()).slice(before)).toEqual([{ after: { where: 'workflow_item' }, actorRole: 'auditor' }]);
  });

  it('is the auditor’s: other roles are refused, an unknown subject is not found', async () => {
    for (const who of ['officer', 'officer-yx', 'reviewer', 'unit', 'moderator']) {
      expect(await refused(traceFunds(await ctxFor(t.db, who), { type: 'payee', id: payeeOrgId })), who).toBe('forbidden');
      expect(await refused(traceEvidence(await ctxFor(t.db, who), { type: 'payee', id: payeeOrgId })), who).toBe('forbidden');
    }
    const auditor = await ctxFor(t.db, 'auditor');
    expect(await refused(traceFunds(auditor, { type: 'payee', id: 9_999_999 }))).toBe('not_found');
    expect(await refused(traceFunds(auditor, { type: 'programme', id: 9_999_999 }))).toBe('not_found');
    expect(await refused(traceFunds(auditor, { type: 'project', id: 9_999_999 }))).toBe('not_found');
  });
});

describe('what a trace may be asked for', () => {
  it('takes exactly one subject by a positive id, and nothing else', () => {
    expect(traceQuery.safeParse({ payee: '12' }).success).toBe(true);
    for (const bad of [{}, { payee: '1', project: '2' }, { payee: '-1' }, { payee: 'x' }, { payee: '1', extra: '1' }, { programme: '99999999999' }]) expect(traceQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
