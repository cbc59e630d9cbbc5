import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, like } from 'drizzle-orm';
import * as s from '@/db/schema';
import { authenticate } from '@/lib/dal/auth/sign-in';
import { createOrganisation, listOrganisations } from '@/lib/dal/admin/organisations';
import { passwordLinkAccount, setPasswordWithToken } from '@/lib/dal/auth/password-setup';
import { publishDefinition } from '@/lib/dal/workflow/definitions';
import { DEFAULT_DEFINITIONS } from '@/lib/domain/workflow-defaults';
import { changeUserRole, createUser, issuePasswordLink, setUserOrganisation } from '@/lib/dal/admin/users';
import { placementRefusal, roleFitsOrganisation } from '@/lib/domain/organisation-rules';
import { AppError } from '@/lib/errors';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe.each(DRIVERS)('administration through the data layer on %s', (driver) => {
  let t: TestDatabase;
  const orgId = async (code: string) => (await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
  const lastAudit = async () => (await t.db.select().from(s.auditLog).orderBy(desc(s.auditLog.id)).limit(1))[0]!;
  const auditCount = async () => (await t.db.select({ id: s.auditLog.id }).from(s.auditLog)).length;

  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('keeps the seeded tree and accounts within the placement and role rules', async () => {
    const orgs = await t.db.select().from(s.organisations);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const o of orgs) expect(placementRefusal(o, o.parentId ? byId.get(o.parentId)! : null), o.code).toBeNull();
    for (const u of await t.db.select().from(s.users)) expect(roleFitsOrganisation(u.role, byId.get(u.organisationId)!.kind), u.username).toBe(true);
  });

  it('creates an organisation under a valid parent, with its audit entry, and lists it in the tree', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const yx = await orgId('140322');
    const before = await auditCount();
    const town = await createOrganisation(admin, { code: '140322-101', name: '秀水镇', nameEn: 'Xiushui Town', level: 'township', kind: 'government', parentId: yx });
    const unit = await createOrganisation(admin, { code: 'UNIT-XS-1', name: '秀水镇生态修复工作站', nameEn: 'Xiushui restoration station', level: 'unit', kind: 'implementing_unit', parentId: town.id });
    expect(await auditCount()).toBe(before + 2);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'organisation.created', entityType: 'organisation', entityId: String(unit.id), actorId: admin.actor.id });
    const tree = await listOrganisations(admin);
    const townRow = tree.find((o) => o.id === town.id)!;
    const unitRow = tree.find((o) => o.id === unit.id)!;
    expect(unitRow.depth).toBe(townRow.depth + 1);
    expect(tree.indexOf(unitRow)).toBeGreaterThan(tree.indexOf(townRow));
  });

  it('refuses a bad parent, a kind that does not fit the level, a duplicate code and a non-admin, writing nothing', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const before = await auditCount();
    const province = await orgId('140000');
    const city = await orgId('140300');
    const financeBureau = await orgId('140300-CZJ');
    const base = { name: '测试', nameEn: 'Test' };
    // A county directly under the province skips the city.
    expect((await refusal(createOrganisation(admin, { ...base, code: 'T-1', level: 'county', kind: 'government', parentId: province }))).messageKey).toBe('admin.placement.parentWrongLevel');
    // A unit under the finance bureau: money would not follow the government tree.
    expect((await refusal(createOrganisation(admin, { ...base, code: 'T-2', level: 'unit', kind: 'implementing_unit', parentId: financeBureau }))).messageKey).toBe('admin.placement.parentNotGovernment');
    // A unit directly under the province.
    expect((await refusal(createOrganisation(admin, { ...base, code: 'T-3', level: 'unit', kind: 'contractor', parentId: province }))).messageKey).toBe('admin.placement.parentWrongLevel');
    expect((await refusal(createOrganisation(admin, { ...base, code: 'T-4', level: 'county', kind: 'implementing_unit', parentId: city }))).messageKey).toBe('admin.placement.kindLevelMismatch');
    expect((await refusal(createOrganisation(admin, { ...base, code: 'T-5', level: 'municipal', kind: 'audit_office', parentId: null }))).messageKey).toBe('admin.placement.parentRequired');
    expect((await refusal(createOrganisation(admin, { ...base, code: 'T-6', level: 'municipal', kind: 'audit_office', parentId: 999_999 }))).messageKey).toBe('admin.unknownOrganisation');
    const dup = await refusal(createOrganisation(admin, { ...base, code: '140300-czj', level: 'municipal', kind: 'finance_bureau', parentId: city }));
    expect([dup.code, dup.messageKey]).toEqual(['conflict', 'admin.orgCodeTaken']);
    for (const who of ['officer', 'auditor', 'reviewer']) {
      expect((await refusal(createOrganisation(await ctxFor(t.db, who), { ...base, code: 'T-7', level: 'county', kind: 'government', parentId: city }))).code).toBe('forbidden');
    }
    expect(await auditCount()).toBe(before);
    expect(await t.db.select().from(s.organisations).where(like(s.organisations.code, 'T-%'))).toEqual([]);
  });

  it('creates a user with a single-use set-password link stored only as a hash, and the user signs in with the password they chose', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const audit = await orgId('140300-SJJ');
    const link = await createUser(admin, { username: 'Auditor-Li', displayName: '李审计', role: 'auditor', organisationId: audit });
    expect(link.username).toBe('auditor-li');
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await lastAudit())).toMatchObject({ action: 'user.created', entityId: String(link.userId), actorId: admin.actor.id });
    // Nothing stored holds the token in clear.
    const stored = await t.db.select().from(s.settings).where(like(s.settings.key, 'password_setup:%'));
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(`${row.key}${row.value}`).not.toContain(link.token);
    expect(JSON.stringify(await t.db.select().from(s.auditLog))).not.toContain(link.token);
    // Before the link is used, no password opens the account.
    expect((await authenticate(t.db, { username: 'auditor-li', password: '', ip: '10.9.0.1' })).ok).toBe(false);

    expect(await passwordLinkAccount(t.db, link.token)).toEqual({ username: 'auditor-li', displayName: '李审计' });
    expect((await refusal(setPasswordWithToken(t.db, link.token, 'short', 'short'))).messageKey).toBe('account.passwordLength');
    expect((await refusal(setPasswordWithToken(t.db, link.token, 'Auditor-Li', 'Auditor-Li'))).messageKey).toBe('account.passwordIsUsername');
    expect((await refusal(setPasswordWithToken(t.db, link.token, 'Chosen-Pass-1', 'Chosen-Pass-2'))).messageKey).toBe('account.passwordMismatch');
    await setPasswordWithToken(t.db, link.token, 'Chosen-Pass-1', 'Chosen-Pass-1');
    expect((await lastAudit())).toMatchObject({ action: 'user.password_set', entityId: String(link.userId), actorId: link.userId });
    expect((await authenticate(t.db, { username: 'auditor-li', password: 'Chosen-Pass-1', ip: '10.9.0.1' })).ok).toBe(true);
    // Used once, the link is gone.
    expect(await passwordLinkAccount(t.db, link.token)).toBeNull();
    expect((await refusal(setPasswordWithToken(t.db, link.token, 'Other-Pass-22', 'Other-Pass-22'))).messageKey).toBe('account.linkInvalid');
  });

  it('lets a link expire, and a new link cancels the older one', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const finance = await orgId('140300-CZJ');
    const first = await createUser(admin, { username: 'clerk-wang', displayName: '王经办', role: 'finance_officer', organisationId: finance });
    const in4Days = new Date(Date.now() + 4 * 86_400_000);
    expect(await passwordLinkAccount(t.db, first.token, in4Days)).toBeNull();
    expect((await refusal(setPasswordWithToken(t.db, first.token, 'Late-Pass-123', 'Late-Pass-123', in4Days))).messageKey).toBe('account.linkInvalid');
    const second = await issuePasswordLink(admin, first.userId);
    expect(await lastAudit()).toMatchObject({ action: 'user.password_link_issued', entityId: String(first.userId) });
    expect(await passwordLinkAccount(t.db, first.token)).toBeNull();
    expect(await passwordLinkAccount(t.db, second.token)).toMatchObject({ username: 'clerk-wang' });
  });

  it('refuses a duplicate username (in any case), a role that does not fit the organisation, a bad username and a non-admin, writing nothing', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const finance = await orgId('140300-CZJ');
    const audit = await orgId('140300-SJJ');
    const unit = await orgId('DEMO-UNIT-140322');
    const before = await auditCount();
    const usersBefore = (await t.db.select({ id: s.users.id }).from(s.users)).length;
    const dup = await refusal(createUser(admin, { username: 'OFFICER', displayName: '重名', role: 'finance_officer', organisationId: finance }));
    expect([dup.code, dup.messageKey, dup.fieldErrors]).toEqual(['conflict', 'admin.usernameTaken', { username: 'admin.usernameTaken' }]);
    expect((await refusal(createUser(admin, { username: 'aud-in-finance', displayName: '错位', role: 'auditor', organisationId: finance }))).messageKey).toBe('admin.roleNotForOrganisation');
    expect((await refusal(createUser(admin, { username: 'officer-in-audit', displayName: '错位', role: 'finance_officer', organisationId: audit }))).messageKey).toBe('admin.roleNotForOrganisation');
    expect((await refusal(createUser(admin, { username: 'unit-in-finance', displayName: '错位', role: 'implementing_unit', organisationId: finance }))).messageKey).toBe('admin.roleNotForOrganisation');
    expect((await refusal(createUser(admin, { username: 'x', displayName: '太短', role: 'reviewer', organisationId: finance }))).messageKey).toBe('admin.usernameInvalid');
    expect((await refusal(createUser(admin, { username: 'ok-name', displayName: '  ', role: 'reviewer', organisationId: finance }))).messageKey).toBe('admin.displayNameRequired');
    for (const who of ['officer', 'auditor', 'moderator']) {
      expect((await refusal(createUser(await ctxFor(t.db, who), { username: 'sneaky', displayName: '越权', role: 'admin', organisationId: finance }))).code).toBe('forbidden');
    }
    // Role changes and moves keep the same rule.
    const unitUser = (await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, 'unit')))[0]!.id;
    expect((await refusal(changeUserRole(admin, unitUser, 'auditor'))).messageKey).toBe('admin.roleNotForOrganisation');
    expect((await refusal(setUserOrganisation(admin, unitUser, finance))).messageKey).toBe('admin.roleNotForOrganisation');
    expect((await refusal(setUserOrganisation(await ctxFor(t.db, 'officer'), unitUser, unit))).code).toBe('forbidden');
    expect(await auditCount()).toBe(before);
    expect((await t.db.select({ id: s.users.id }).from(s.users)).length).toBe(usersBefore);
  });

  it('moves a user to another organisation their role fits, ending their sessions, with an audit entry', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const [before] = await t.db.select().from(s.users).where(eq(s.users.username, 'moderator'));
    const city = await orgId('140300');
    await setUserOrganisation(admin, before!.id, city);
    const [after] = await t.db.select().from(s.users).where(eq(s.users.username, 'moderator'));
    expect(after!.organisationId).toBe(city);
    expect(after!.sessionVersion).toBe(before!.sessionVersion + 1);
    expect(await lastAudit()).toMatchObject({ action: 'user.organisation_changed', entityId: String(before!.id) });
  });

  it('answers a workflow definition with one message per faulty field, and refuses non-admins', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const def = structuredClone(DEFAULT_DEFINITIONS.allocation_batch);
    def.stages[1]!.code = 'Bad Code';
    def.stages[2]!.nameEn = '';
    def.transitions[0]!.effects = ['fund_project'];
    const e = await refusal(publishDefinition(admin, 'allocation_batch', def));
    expect(e.messageKey).toBe('workflow.invalidDefinition');
    expect(e.fieldErrors).toMatchObject({ 'stages.1.code': 'workflow.fieldInvalid', 'stages.2.nameEn': 'workflow.fieldInvalid' });
    def.stages[1]!.code = 'factors_entered';
    def.stages[2]!.nameEn = 'Computed';
    const misplaced = await refusal(publishDefinition(admin, 'allocation_batch', def));
    expect(misplaced.fieldErrors).toEqual({ 'transitions.0.effects': 'workflow.effectNotForKind' });
    expect((await refusal(publishDefinition(await ctxFor(t.db, 'officer'), 'allocation_batch', DEFAULT_DEFINITIONS.allocation_batch))).code).toBe('forbidden');
  });
});
