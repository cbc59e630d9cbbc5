import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { ROLES } from '@/lib/domain/vocabulary';
import { seedIfEmpty } from '@/lib/seed';
import { CITY_AREA_KM2, COUNTIES, GROUPS, KEY_AREAS, PROJECTS, ZONES } from '@/lib/seed/reference/plan-data';
import { DEMO_USERS, DEMO_YEARS, DISCLOSURE_LAPSES } from '@/lib/seed/demo';
import { getCatalogue } from '@/lib/dal/public/catalogue';
import { toScaled } from '@/lib/domain/decimal';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const hundredths = (v: string) => toScaled(v, 2);

describe.each(DRIVERS)('seed on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('loads the six zones whose areas sum exactly to the city area', async () => {
    const zones = await t.db.select().from(s.restorationZones);
    expect(zones).toHaveLength(6);
    const sum = zones.reduce((acc, z) => acc + hundredths(String(z.areaKm2)), 0n);
    expect(sum).toBe(hundredths(CITY_AREA_KM2));
    const [dbSum] = await t.db.select({ v: sql<string>`sum(${s.restorationZones.areaKm2})::text` }).from(s.restorationZones);
    expect(dbSum!.v).toBe('4558.96');
  });

  it('loads 13 key areas, 7 groups, every project of chapter 4 and the indicators', async () => {
    const [[ka], [g], [p], [ind]] = await Promise.all([
      t.db.select({ n: count() }).from(s.keyAreas),
      t.db.select({ n: count() }).from(s.engineeringGroups),
      t.db.select({ n: count() }).from(s.projects).where(eq(s.projects.fromPlan, true)),
      t.db.select({ n: count() }).from(s.planIndicators),
    ]);
    expect(ka!.n).toBe(13);
    expect(KEY_AREAS).toHaveLength(13);
    expect(g!.n).toBe(7);
    expect(GROUPS).toHaveLength(7);
    expect(p!.n).toBe(PROJECTS.length);
    expect(PROJECTS.length).toBeGreaterThanOrEqual(100);
    expect(ind!.n).toBe(9);
  });

  it('normalises the OCR misreadings of the plan', async () => {
    const names = (await t.db.select({ name: s.projects.name }).from(s.projects)).map((r) => r.name).join('|');
    const towns = (await t.db.select({ name: s.organisations.name }).from(s.organisations)).map((r) => r.name).join('|');
    expect(names).not.toContain('孟县');
    expect(names).toContain('盂县');
    expect(towns).toContain('苌池镇');
    expect(towns).not.toContain('茺池镇');
  });

  it('creates a demo account for every role, and only demo accounts', async () => {
    const users = await t.db.select({ role: s.users.role, isDemo: s.users.isDemo }).from(s.users);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(users).toHaveLength(DEMO_USERS.length);
    expect(users.every((u) => u.isDemo)).toBe(true);
  });

  it('generates identical demo figures on every run and keeps every balance non-negative', async () => {
    const other = await createDatabase('pglite');
    try {
      const totals = async (db: TestDatabase) =>
        (await db.db.select({ code: s.fundProgrammes.code, total: s.fundProgrammes.totalFen }).from(s.fundProgrammes).orderBy(s.fundProgrammes.code)).map((r) => `${r.code}=${r.total}`);
      expect(await totals(t)).toEqual(await totals(other));
      const sums = async (db: TestDatabase) => (await db.db.select({ n: count(), sum: sql<string>`sum(${s.transfers.amountFen})::text` }).from(s.transfers))[0];
      expect(await sums(t)).toEqual(await sums(other));
    } finally {
      await other.drop();
    }
    const [neg] = await t.db.select({ n: count() }).from(s.balances).where(sql`${s.balances.balanceFen} < 0`);
    expect(neg!.n).toBe(0);
  });

  it('gives every organisation, zone, key area, group, project type, indicator and legal basis a real English name', async () => {
    const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
    const named = [
      ...(await t.db.select({ name: s.organisations.name, en: s.organisations.nameEn }).from(s.organisations)),
      ...(await t.db.select({ name: s.restorationZones.name, en: s.restorationZones.nameEn }).from(s.restorationZones)),
      ...(await t.db.select({ name: s.keyAreas.name, en: s.keyAreas.nameEn }).from(s.keyAreas)),
      ...(await t.db.select({ name: s.engineeringGroups.name, en: s.engineeringGroups.nameEn }).from(s.engineeringGroups)),
      ...(await t.db.select({ name: s.projectTypes.name, en: s.projectTypes.nameEn }).from(s.projectTypes)),
      ...(await t.db.select({ name: s.planIndicators.name, en: s.planIndicators.nameEn }).from(s.planIndicators)),
      ...(await t.db.select({ name: s.legalBases.name, en: s.legalBases.nameEn }).from(s.legalBases)),
    ];
    const untranslated = named.filter((r) => !r.en?.trim() || cjk.test(r.en)).map((r) => `${r.name} → ${r.en}`);
    expect(untranslated).toEqual([]);
    const [town] = await t.db.select({ en: s.organisations.nameEn }).from(s.organisations).where(eq(s.organisations.name, '苌池镇'));
    expect(town!.en).toBe('Changchi Town');
  });

  it('publishes every demo catalogue entry with its managing organisation and 文号, and rules and guideline as different files', async () => {
    for (const year of DEMO_YEARS) {
      const { entries } = await getCatalogue(year, t.db);
      // Central, provincial and municipal, and each county's own funds.
      expect(entries.length).toBe(3 + COUNTIES.length);
      for (const e of entries) {
        expect(e.managingOrg, e.code).toMatch(/\S/);
        expect(e.managingOrgEn, e.code).toMatch(/^[\x20-\x7e]+$/);
        expect(e.docNumber, e.code).toMatch(/^\S+〔\d{4}〕\d+号$/);
        const rules = e.documents.find((d) => d.kind === 'management_rules');
        const guideline = e.documents.find((d) => d.kind === 'application_guideline');
        // The demo's one deliberately missing publication (DISCLOSURE_LAPSES).
        if (e.code === DISCLOSURE_LAPSES.rulesNeverPublished) {
          expect(rules, e.code).toBeUndefined();
          continue;
        }
        expect(rules?.sha256, e.code).toMatch(/^[0-9a-f]{64}$/);
        expect(guideline?.sha256, e.code).toMatch(/^[0-9a-f]{64}$/);
        expect(rules!.sha256, e.code).not.toBe(guideline!.sha256);
      }
    }
    // The published snapshot itself names the managing organisation (not only the page's fallback).
    const catalogue = await t.db.select({ content: s.publications.content, docNumber: s.publications.docNumber }).from(s.publications).where(eq(s.publications.kind, 'fund_catalogue'));
    expect(catalogue.length).toBe(DEMO_YEARS.length * (3 + COUNTIES.length));
    for (const c of catalogue) {
      expect((c.content as { managingOrg?: string }).managingOrg).toMatch(/\S/);
      expect(c.docNumber).toMatch(/〔\d{4}〕\d+号$/);
    }
    // Every demo document is a file of its own.
    const docs = await t.db.select({ sha: s.documents.sha256 }).from(s.documents);
    expect(new Set(docs.map((d) => d.sha)).size).toBe(docs.length);
  });

  it('never seeds twice', async () => {
    const before = await t.db.select({ n: count() }).from(s.projects);
    expect(await seedIfEmpty(t, { demo: true })).toBe('present');
    const after = await t.db.select({ n: count() }).from(s.projects);
    expect(after).toEqual(before);
  });

  it('can load reference data without any demo data', async () => {
    const bare = await createDatabase(driver, { demo: false });
    try {
      const [u] = await bare.db.select({ n: count() }).from(s.users);
      const [f] = await bare.db.select({ n: count() }).from(s.fundProgrammes);
      const [z] = await bare.db.select({ n: count() }).from(s.restorationZones);
      expect([u!.n, f!.n, z!.n]).toEqual([0, 0, ZONES.length]);
    } finally {
      await bare.drop();
    }
  });
});
