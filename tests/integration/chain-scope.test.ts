import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import * as s from '@/db/schema';
import { chainForPayee, chainForProgramme, chainForProject, type ChainDto } from '@/lib/dal/ledger/chain';
import { chainChoices } from '@/lib/dal/ledger/chain-options';
import { holderFor } from '@/lib/dal/internal/ledger/transfers';
import type { ChainNode } from '@/lib/domain/ledger/chain';
import { AppError } from '@/lib/errors';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { freshProgramme } from '../support/ledger-fixture';

const flatten = (nodes: ChainNode[]): ChainNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const nodesOf = (chain: ChainDto) => chain.programmes.flatMap((p) => flatten(p.roots));
const names = (chain: ChainDto) => nodesOf(chain).map((n) => chain.labels[n.holderId]!.name);
const refused = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : e));

/** The three 盂县 viewers the defect named; each must see nothing of 平定县. */
const COUNTY_VIEWERS = ['officer-yx', 'reviewer-yx', 'unit'] as const;

describe.each(DRIVERS)('chain view scoped to the viewer on %s', (driver) => {
  let t: TestDatabase;
  let programmeId: number;
  let yuProject: { id: number; code: string };
  let pdProject: { id: number; code: string };
  let sharedPayee: number;
  let pdOnlyPayee: number;
  let otherCountyNames: string[];
  let yuProjectCodes: Set<string>;

  /**
   * Another county may show only as the sender of money into a project located in 盂县 (a project
   * of both counties): its name, no figures, no hop of its own, and nothing below it but that project.
   */
  const expectNothingElsewhere = (chain: ChainDto) => {
    for (const n of nodesOf(chain)) {
      if (!otherCountyNames.includes(chain.labels[n.holderId]!.name)) continue;
      expect(n.figures).toBeNull();
      expect(n.hopFen).toBeNull();
      for (const c of n.children) {
        expect(chain.labels[c.holderId]!.kind).toBe('project');
        expect(yuProjectCodes.has(chain.labels[c.holderId]!.name.split(' ')[0]!)).toBe(true);
      }
    }
  };

  beforeAll(async () => {
    t = await createDatabase(driver);
    const { db } = t;
    const org = async (code: string) => (await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
    const projectOf = async (countyCode: string, unitCode: string) => {
      const [p] = await db
        .select({ id: s.projects.id, code: s.projects.code })
        .from(s.projects)
        .innerJoin(s.projectCounties, eq(s.projectCounties.projectId, s.projects.id))
        .where(and(eq(s.projectCounties.countyId, await org(countyCode)), eq(s.projects.implementingOrgId, await org(unitCode))))
        .orderBy(s.projects.code)
        .limit(1);
      return p!;
    };
    yuProject = await projectOf('140322', 'DEMO-UNIT-140322');
    pdProject = await projectOf('140321', 'DEMO-UNIT-140321');
    const [pdOnly] = await db.insert(s.organisations).values({ code: 'T-PD-CONTRACTOR', name: '平定独家承包商（测试）', nameEn: 'PD-only contractor', level: 'unit', kind: 'contractor', parentId: await org('140300') }).returning({ id: s.organisations.id });
    pdOnlyPayee = pdOnly!.id;
    sharedPayee = await org('DEMO-CONTRACTOR-1');

    const f = await freshProgramme(db, 'T-SCOPE', 10_000_000n, 2025);
    programmeId = f.programmeId;
    const h = await db.transaction(async (tx) => ({
      yuProject: await holderFor(tx, { kind: 'project', projectId: yuProject.id }),
      pdProject: await holderFor(tx, { kind: 'project', projectId: pdProject.id }),
      shared: await holderFor(tx, { kind: 'payee', organisationId: sharedPayee }),
      pdOnly: await holderFor(tx, { kind: 'payee', organisationId: pdOnlyPayee }),
    }));
    await f.transfer({ fromHolderId: f.holders.province, toHolderId: f.holders.city, amountFen: 9_000_000n, kind: 'allocation' });
    await f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.yu, amountFen: 3_000_000n, kind: 'allocation' });
    await f.transfer({ fromHolderId: f.holders.city, toHolderId: f.holders.pingding, amountFen: 5_000_000n, kind: 'allocation' });
    await f.transfer({ fromHolderId: f.holders.yu, toHolderId: h.yuProject, amountFen: 2_000_000n, kind: 'payment' });
    await f.transfer({ fromHolderId: f.holders.pingding, toHolderId: h.pdProject, amountFen: 4_000_000n, kind: 'payment' });
    await f.transfer({ fromHolderId: h.yuProject, toHolderId: h.shared, amountFen: 700_000n, kind: 'disbursement' });
    await f.transfer({ fromHolderId: h.pdProject, toHolderId: h.shared, amountFen: 1_100_000n, kind: 'disbursement' });
    await f.transfer({ fromHolderId: h.pdProject, toHolderId: h.pdOnly, amountFen: 900_000n, kind: 'disbursement' });

    const counties = await db.select({ name: s.organisations.name, code: s.organisations.code }).from(s.organisations).where(eq(s.organisations.level, 'county'));
    const units = await db.select({ name: s.organisations.name }).from(s.organisations).where(like(s.organisations.code, 'DEMO-UNIT-%'));
    yuProjectCodes = new Set(
      (await db.select({ code: s.projects.code }).from(s.projects).innerJoin(s.projectCounties, eq(s.projectCounties.projectId, s.projects.id)).where(eq(s.projectCounties.countyId, await org('140322')))).map((r) => r.code),
    );
    otherCountyNames = [...counties.filter((c) => c.code !== '140322').map((c) => c.name), ...units.map((u) => u.name).filter((n) => !n.startsWith('盂县'))];
  });
  afterAll(async () => t?.drop());

  it('shows the city finance bureau and the auditor every branch (the control)', async () => {
    for (const who of ['officer', 'auditor']) {
      const chain = await chainForProgramme(await ctxFor(t.db, who), programmeId);
      expect(names(chain)).toEqual(expect.arrayContaining(['平定县', '盂县', '平定独家承包商（测试）', expect.stringContaining(pdProject.code)]));
      const payee = nodesOf(chain).filter((n) => chain.labels[n.holderId]!.name === '晋东生态工程有限公司（演示）');
      expect(payee.map((n) => n.hopFen).sort()).toEqual([1_100_000n, 700_000n]);
    }
  });

  describe.each(COUNTY_VIEWERS)('as %s', (who) => {
    it('programme: only what reached 盂县, from whom, and what it paid; no sibling county, no figures outside reach', async () => {
      const chain = await chainForProgramme(await ctxFor(t.db, who), programmeId);
      const shown = names(chain);
      expect(shown).toEqual(expect.arrayContaining(['山西省财政厅', '阳泉市财政局', expect.stringContaining(yuProject.code), '晋东生态工程有限公司（演示）']));
      expect(shown).not.toContain('平定县');
      expect(shown).not.toContain('平定独家承包商（测试）');
      expect(shown.some((n) => n.includes(pdProject.code))).toBe(false);
      // Labels carry nothing beyond the nodes shown.
      expect(Object.keys(chain.labels).map(Number).sort()).toEqual([...new Set(nodesOf(chain).map((n) => n.holderId))].sort());
      const byName = new Map(nodesOf(chain).map((n) => [chain.labels[n.holderId]!.name, n]));
      // The city's figures would sum what it gave 平定县; the province's hop into the city too.
      expect(byName.get('阳泉市财政局')!.figures).toBeNull();
      expect(byName.get('阳泉市财政局')!.hopFen).toBeNull();
      expect(byName.get('山西省财政厅')!.figures).toBeNull();
      // The shared contractor: only the hop from 盂县's project, and not its total received.
      const payee = byName.get('晋东生态工程有限公司（演示）')!;
      expect(payee.hopFen).toBe(700_000n);
      expect(payee.figures).toBeNull();
      const project = byName.get([...byName.keys()].find((n) => n.includes(yuProject.code))!)!;
      expect(project.hopFen).toBe(2_000_000n);
      expect(project.figures).toMatchObject({ receivedFen: 2_000_000n, passedOnFen: 700_000n, heldFen: 1_300_000n });
      if (who === 'unit') {
        // An implementing unit is not the county: it sees the hop into its project, not the county's figures.
        expect(byName.get('盂县')!.figures).toBeNull();
      } else {
        expect(byName.get('盂县')!.hopFen).toBe(3_000_000n);
        expect(byName.get('盂县')!.figures).toMatchObject({ receivedFen: 3_000_000n, passedOnFen: 2_000_000n, heldFen: 1_000_000n });
      }
    });

    it('project: another county’s project does not exist for them; their own does', async () => {
      expect(await refused(chainForProject(await ctxFor(t.db, who), pdProject.id))).toBe('not_found');
      const own = await chainForProject(await ctxFor(t.db, who), yuProject.id);
      expect(names(own)).not.toContain('平定县');
      expect(names(own)).toContain('晋东生态工程有限公司（演示）');
    });

    it('payee: one paid only by another county does not exist for them; a shared one shows only their path', async () => {
      expect(await refused(chainForPayee(await ctxFor(t.db, who), pdOnlyPayee))).toBe('not_found');
      const shared = await chainForPayee(await ctxFor(t.db, who), sharedPayee);
      const mine = shared.programmes.find((p) => p.programmeId === programmeId)!;
      const shown = flatten(mine.roots).map((n) => shared.labels[n.holderId]!.name);
      expect(shown).not.toContain('平定县');
      expect(shown.some((n) => n.includes(pdProject.code))).toBe(false);
      const leafs = flatten(mine.roots).filter((n) => n.children.length === 0);
      expect(leafs.map((n) => n.hopFen)).toEqual([700_000n]);
      expectNothingElsewhere(shared);
    });

    it('demo programmes and the picker: nothing of another county beyond who paid into a shared project', async () => {
      const ctx = await ctxFor(t.db, who);
      const choices = await chainChoices(ctx);
      expect(choices.projects.map((p) => p.value)).not.toContain(String(pdProject.id));
      expect(choices.payees.map((p) => p.value)).not.toContain(String(pdOnlyPayee));
      const demo = await t.db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(like(s.fundProgrammes.code, 'DEMO-2025-%'));
      for (const p of demo) {
        const chain = await chainForProgramme(ctx, p.id).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'not_found') return null;
          throw e;
        });
        if (!chain) continue;
        expectNothingElsewhere(chain);
      }
    });
  });
});
