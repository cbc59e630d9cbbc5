import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openPostgres, rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { announcePublicChange, PUBLIC_CHANGE_CHANNEL } from '@/lib/dal/internal/public-change';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { getPublicChains } from '@/lib/dal/public/chain';
import { getCountyMoney } from '@/lib/dal/public/counties';
import { getPayeeMoney } from '@/lib/dal/public/payees';
import { getPublicProject, searchProjects } from '@/lib/dal/public/projects';
import { getMoneyOverview } from '@/lib/dal/public/money-overview';
import { chinaToday } from '@/lib/domain/china-date';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

// What the server preload installs: the storage through which a render names what it shows.
const storage = new AsyncLocalStorage<{ tags: Set<string> }>();
(globalThis as Record<symbol, unknown>)[Symbol.for('portal.responseCache.requestTags')] = storage;

/** Runs a public read as a cached request would, returning what it showed and the tags it named. */
async function render<T>(read: () => Promise<T>): Promise<{ shown: string; tags: Set<string> }> {
  const store = { tags: new Set<string>() };
  const value = await storage.run(store, read);
  return { shown: text(value), tags: store.tags };
}

describe.each(DRIVERS)('announcing public changes (%s)', (driver) => {
  let t: TestDatabase;
  const heard: string[][] = [];
  beforeAll(async () => {
    t = await createDatabase(driver);
    await t.listen(PUBLIC_CHANGE_CHANNEL, (payload) => heard.push(JSON.parse(payload)), () => {});
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Everything announced since `from`, once a marker sent after the change has arrived (notices arrive in commit order). */
  async function heardSince(from: number): Promise<string[]> {
    const marker = `marker:${Math.random()}`;
    await t.db.transaction((tx) => announcePublicChange(tx, [marker]));
    for (let i = 0; i < 100 && !heard.some((h) => h.includes(marker)); i++) await new Promise((r) => setTimeout(r, 50));
    const since = heard.slice(from);
    expect(since.some((h) => h.includes(marker)), 'the marker arrived').toBe(true);
    return since.flat().filter((tag) => tag !== marker);
  }

  it('tells listeners of a committed change only, once it commits', async () => {
    const from = heard.length;
    await expect(
      t.db.transaction(async (tx) => {
        await announcePublicChange(tx, ['project:ROLLED-BACK']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await heardSince(from)).not.toContain('project:ROLLED-BACK');
  });

  it("names a publication's subject, its counties and the lists", async () => {
    const [project] = rowsOf<{ id: number; code: string; county: string; org_id: number }>(
      await t.db.execute(sql`select p.id, p.code, o.code as county, o.id as org_id from projects p join project_counties pc on pc.project_id = p.id
        join organisations o on o.id = pc.county_id where p.from_plan order by p.code limit 1`),
    );
    const from = heard.length;
    await t.db.transaction((tx) =>
      publishSnapshot(tx, { kind: 'evaluation_result', subjectType: 'project', subjectId: project!.id, title: 't', content: { code: project!.code }, notice: 'n', issuerOrgId: project!.org_id, dataAsOf: chinaToday(), eventAt: new Date() }),
    );
    const tags = await heardSince(from);
    expect(tags).toEqual(expect.arrayContaining(['public', `project:${project!.code}`, `org:${project!.county}`]));
  });

  it("reaches, when a project is withheld, every page that showed it and no unrelated project's page", async () => {
    const [target] = rowsOf<{ id: number; code: string; county: string }>(
      await t.db.execute(sql`select distinct p.id, p.code, o.code as county from public_transfer_lines l join projects p on p.code = l.to_code
        join project_counties pc on pc.project_id = p.id join organisations o on o.id = pc.county_id
        where l.to_kind = 'project' and o.code = '140322' and exists (select 1 from public_transfer_lines x where x.from_code = p.code) order by p.code limit 1`),
    );
    expect(target, 'a 盂县 project that received and paid money').toBeDefined();
    const payees = rowsOf<{ to_code: string }>(await t.db.execute(sql`select distinct to_code from public_transfer_lines where from_code = ${target!.code}`)).map((r) => r.to_code);
    const programmes = rowsOf<{ programme_code: string }>(await t.db.execute(sql`select distinct programme_code from public_transfer_lines where to_code = ${target!.code}`)).map((r) => r.programme_code);
    const pages: Record<string, { shown: string; tags: Set<string> }> = {
      project: await render(() => getPublicProject(target!.code, t.db)),
      county: await render(() => getCountyMoney(target!.county, t.db)),
      countyProjects: await render(() => searchProjects({ county: target!.county, sort: 'code', dir: 'asc', page: 1, pageSize: 50 }, t.db)),
      home: await render(() => getMoneyOverview(t.db)),
      ...Object.fromEntries(await Promise.all(payees.map(async (code) => [`payee ${code}`, await render(() => getPayeeMoney(code, t.db))]))),
      ...Object.fromEntries(await Promise.all(programmes.map(async (code) => [`programme ${code}`, await render(() => getPublicChains({ programme: code }, t.db))]))),
    };
    // An unrelated project: another county, and none of the target's programmes.
    const [other] = rowsOf<{ code: string }>(
      await t.db.execute(sql`select distinct l.to_code as code from public_transfer_lines l join projects p on p.code = l.to_code
        join project_counties pc on pc.project_id = p.id join organisations o on o.id = pc.county_id
        where l.to_kind = 'project' and o.code <> ${target!.county}
          and not exists (select 1 from public_transfer_lines x where x.to_code = l.to_code and x.programme_code in (select value from jsonb_array_elements_text(${JSON.stringify(programmes)}::jsonb)))
        order by 1 limit 1`),
    );
    expect(other, 'a project unrelated to the target').toBeDefined();
    const unrelated = await render(() => getPublicProject(other!.code, t.db));

    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(and(eq(s.legalBases.code, 'OGI-14')));
    const { id } = await requestWithholding(await ctxFor(t.db, 'officer-yx'), { itemType: 'project', itemId: target!.id, reason: '涉及国家秘密，经保密审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    await approveWithholding(await ctxFor(t.db, 'reviewer-yx'), id);
    const from = heard.length;
    expect(await approveWithholding(await ctxFor(t.db, 'admin'), id)).toEqual({ status: 'active' });
    const announced = new Set(await heardSince(from));

    expect(Object.values(pages).filter((p) => p.shown.includes(target!.code)).length, 'pages that showed the target').toBeGreaterThanOrEqual(3 + payees.length);
    for (const [name, page] of Object.entries(pages)) {
      expect(page.tags.size, `${name} named what it shows`).toBeGreaterThan(0);
      if (page.shown.includes(target!.code) || name === 'home') {
        expect([...page.tags].some((tag) => announced.has(tag)), `${name} showed ${target!.code} and is touched`).toBe(true);
      }
    }
    expect(unrelated.shown).toContain(other!.code);
    expect([...unrelated.tags].filter((tag) => announced.has(tag)), `${other!.code}'s page stays`).toEqual([]);
  });

  it.runIf(driver === 'postgres')('reaches every instance listening on the same database', async () => {
    const second = await openPostgres(t.url!, { max: 1 });
    try {
      const heardThere: string[] = [];
      await second.listen(PUBLIC_CHANGE_CHANNEL, (payload) => heardThere.push(payload), () => {});
      await t.db.transaction((tx) => announcePublicChange(tx, ['project:ELSEWHERE']));
      for (let i = 0; i < 100 && !heardThere.some((p) => p.includes('project:ELSEWHERE')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(heardThere.join()).toContain('project:ELSEWHERE');
    } finally {
      await second.close();
    }
  });
});
