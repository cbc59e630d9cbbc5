import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import * as s from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { scopeOf } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/dal/auth/actor';
import { addProgrammeDocument } from '@/lib/dal/ledger/programme-documents';
import { createProgramme } from '@/lib/dal/ledger/programmes';
import { recordExpenditure, recordTransfer } from '@/lib/dal/ledger/transfers';
import { formatYuan } from '@/lib/domain/money';
import { createRandom } from '@/lib/domain/random';
import { expenditureSchema, programmeSchema, transferSchema } from '@/lib/schemas/ledger';
import { scheduleDemoAllocation } from './demo-allocation';
import { scheduleDemoApplications, type CountyDesk } from './demo-applications';
import { DISCLOSURE_LAPSES, scheduleDemoReversals, scheduleDemoWithholding } from './demo-corrections';
import { scheduleDemoEvaluations } from './demo-evaluation';
import { scheduleDemoFeedback } from './demo-feedback';
import { scheduleDemoFinding } from './demo-finding';
import { scheduleDemoIndicators } from './demo-indicators';
import { ORGANISATIONS } from './organisations';
import { COUNTIES } from './reference/plan-data';
import { Replay } from './replay';

export const DEMO_SEED = 20_210_101;
export const DEMO_PASSWORD = 'Demo-2026!';
export const DEMO_YEARS = [2023, 2024, 2025, 2026] as const;

/** At least one demo account per role; listed in the README. */
export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员（演示）', role: 'admin', org: '140300-CZJ' },
  { username: 'officer', displayName: '市财政局经办人（演示）', role: 'finance_officer', org: '140300-CZJ' },
  { username: 'reviewer', displayName: '市财政局审核人（演示）', role: 'reviewer', org: '140300-CZJ' },
  { username: 'unit', displayName: '盂县项目实施单位（演示）', role: 'implementing_unit', org: 'DEMO-UNIT-140322' },
  { username: 'unit-pd', displayName: '平定县项目实施单位（演示）', role: 'implementing_unit', org: 'DEMO-UNIT-140321' },
  { username: 'evaluator', displayName: '绩效评价人（演示）', role: 'evaluator', org: '140300-CZJ' },
  { username: 'auditor', displayName: '市审计局审计人员（演示）', role: 'auditor', org: '140300-SJJ' },
  { username: 'moderator', displayName: '公众参与版主（演示）', role: 'moderator', org: '140300-GHZRZYJ' },
  // Officers at the other levels, so the chain can be walked from province to project.
  { username: 'officer-sx', displayName: '省财政厅经办人（演示）', role: 'finance_officer', org: '140000-CZT' },
  { username: 'officer-yx', displayName: '盂县财政经办人（演示）', role: 'finance_officer', org: '140322' },
  // A county reviewer for first reviews, and a second city reviewer so that review and approval are four eyes.
  { username: 'reviewer-yx', displayName: '盂县审核人（演示）', role: 'reviewer', org: '140322' },
  { username: 'reviewer-pd', displayName: '平定县审核人（演示）', role: 'reviewer', org: '140321' },
  { username: 'approver', displayName: '市财政局分管负责人（演示）', role: 'reviewer', org: '140300-CZJ' },
  // Whoever sends money records it: the Ministry opens the central programme, each county pays its projects.
  { username: 'officer-mof', displayName: '财政部经办人（演示）', role: 'finance_officer', org: 'CN-MOF' },
  { username: 'officer-cq', displayName: '城区财政经办人（演示）', role: 'finance_officer', org: '140302' },
  { username: 'officer-kq', displayName: '矿区财政经办人（演示）', role: 'finance_officer', org: '140303' },
  { username: 'officer-jq', displayName: '郊区财政经办人（演示）', role: 'finance_officer', org: '140311' },
  { username: 'officer-pd', displayName: '平定县财政经办人（演示）', role: 'finance_officer', org: '140321' },
  { username: 'officer-kfq', displayName: '开发区财政经办人（演示）', role: 'finance_officer', org: '140371' },
  // The plan's indicators are reported by the planning and natural-resources bureau, four eyes.
  { username: 'officer-zr', displayName: '市规划和自然资源局经办人（演示）', role: 'finance_officer', org: '140300-GHZRZYJ' },
  { username: 'reviewer-zr', displayName: '市规划和自然资源局审核人（演示）', role: 'reviewer', org: '140300-GHZRZYJ' },
] as const;

/** The finance officer who records what an organisation opens or sends. */
const OFFICER_OF: Record<string, string> = {
  'CN-MOF': 'officer-mof',
  '140000-CZT': 'officer-sx',
  '140300-CZJ': 'officer',
  '140302': 'officer-cq',
  '140303': 'officer-kq',
  '140311': 'officer-jq',
  '140321': 'officer-pd',
  '140322': 'officer-yx',
  '140371': 'officer-kfq',
};

const PURPOSE = '用于阳泉市国土空间生态修复重点工程（演示数据）';

type Rand = ReturnType<typeof createRandom>;

interface DemoProgramme {
  code: string;
  name: string;
  level: 'central' | 'provincial' | 'municipal' | 'county';
  manager: string;
  total: bigint;
  doc: string;
  path: string[];
}

/** The 文号 prefix of each county's finance bureau (demo). */
const COUNTY_DOC_PREFIX: Record<string, string> = { '140302': '城财建', '140303': '矿财建', '140311': '郊财建', '140321': '平财建', '140322': '盂财建', '140371': '开财建' };

/**
 * A minimal, valid one-page PDF standing in for a demo programme's document. The standard font
 * has no Chinese glyphs, so the page says in ASCII which document of which programme it is:
 * every demo document differs, and so does its checksum.
 */
export function demoPdf(title: string): Uint8Array {
  const text = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, ' ');
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** Splits `total` into parts proportional to random integer weights; parts sum exactly to total. */
function split(rand: Rand, total: bigint, parts: number): bigint[] {
  const weights = Array.from({ length: parts }, () => BigInt(rand.intBetween(1, 100)));
  const sum = weights.reduce((a, b) => a + b, 0n);
  const out = weights.map((w) => (total * w) / sum);
  out[0]! += total - out.reduce((a, b) => a + b, 0n);
  return out;
}

/** Share of `amount` between lo% and hi%, in whole fen. */
function portion(rand: Rand, amount: bigint, lo: number, hi: number): bigint {
  return (amount * BigInt(rand.intBetween(lo * 100, hi * 100))) / 10_000n;
}

/** The demo's organisations and accounts, loaded as set-up data; returns each account as the data layer sees it. */
async function seedDemoAccounts(tx: Tx, orgIds: Map<string, number>): Promise<{ actors: Map<string, Actor>; contractorIds: number[] }> {
  // Implementing units and contractors are invented, and say so in their names.
  for (const c of COUNTIES) {
    const [row] = await tx
      .insert(s.organisations)
      .values({ code: `DEMO-UNIT-${c.code}`, name: `${c.name}生态修复项目中心（演示）`, nameEn: `${c.nameEn} restoration project centre (demo)`, level: 'unit', kind: 'implementing_unit', parentId: orgIds.get(c.code)!, isDemo: true })
      .returning({ id: s.organisations.id });
    orgIds.set(`DEMO-UNIT-${c.code}`, row!.id);
  }
  const contractorIds: number[] = [];
  for (const [i, name] of ['晋东生态工程有限公司（演示）', '太行山水环境治理有限公司（演示）', '桃河园林绿化工程有限公司（演示）'].entries()) {
    const [row] = await tx
      .insert(s.organisations)
      .values({ code: `DEMO-CONTRACTOR-${i + 1}`, name, nameEn: `Demo contractor ${i + 1}`, level: 'unit', kind: 'contractor', parentId: orgIds.get('140300')!, isDemo: true })
      .returning({ id: s.organisations.id });
    contractorIds.push(row!.id);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await tx.insert(s.users).values(DEMO_USERS.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, organisationId: orgIds.get(u.org)!, passwordHash, isDemo: true })));
  const rows = await tx
    .select({ id: s.users.id, username: s.users.username, displayName: s.users.displayName, role: s.users.role, organisationId: s.users.organisationId, organisationName: s.organisations.name })
    .from(s.users)
    .innerJoin(s.organisations, eq(s.organisations.id, s.users.organisationId));
  const actors = new Map<string, Actor>(rows.map((u) => [u.username, { ...u, scope: scopeOf(u.role) }]));
  return { actors, contractorIds };
}

export { DISCLOSURE_LAPSES } from './demo-corrections';

/** The two counties whose units apply through the workflow in the demo, and who acts for each. */
const APPLICATION_DESKS: readonly [CountyDesk, CountyDesk] = [
  { county: '140322', unit: 'unit', reviewer: 'reviewer-yx', officer: 'officer-yx' },
  { county: '140321', unit: 'unit-pd', reviewer: 'reviewer-pd', officer: 'officer-pd' },
];

/**
 * The demo's history, replayed through the data layer as the people who made it (see Replay):
 * each level's officer opens its programme (catalogue, rules and guideline published with it)
 * and passes money down; each county pays its projects; the implementing unit, or the county
 * for projects without a demo unit account, pays the contractors and records what they spent;
 * and the city allocates a batch by the factor method (demo-allocation.ts). The figures come
 * from a fixed seed and are the same on every run.
 */
export async function seedDemo(tx: Tx, orgIds: Map<string, number>): Promise<{ transfers: number }> {
  const rand = createRandom(DEMO_SEED);
  const { actors, contractorIds } = await seedDemoAccounts(tx, orgIds);

  const projects = await tx
    .select({ id: s.projects.id, code: s.projects.code, countyId: s.projectCounties.countyId })
    .from(s.projects)
    .innerJoin(s.projectCounties, eq(s.projectCounties.projectId, s.projects.id))
    .orderBy(s.projects.code, s.projectCounties.countyId);
  const implementedBy = new Map<number, number>();
  for (const c of COUNTIES) {
    const unitId = orgIds.get(`DEMO-UNIT-${c.code}`)!;
    const local = projects.filter((p) => p.countyId === orgIds.get(c.code)).map((p) => p.id);
    // A project in several counties ends with the unit of the last of them.
    if (local.length) await tx.update(s.projects).set({ implementingOrgId: unitId }).where(inArray(s.projects.id, local));
    for (const id of local) implementedBy.set(id, unitId);
  }
  // A project's payments to contractors: by its implementing unit where that unit has a demo account, else by its county.
  const unitAccounts = new Map(DEMO_USERS.filter((u) => u.role === 'implementing_unit').map((u) => [orgIds.get(u.org)!, u.username as string]));
  const payerOf = (projectId: number, countyCode: string) => unitAccounts.get(implementedBy.get(projectId)!) ?? OFFICER_OF[countyCode]!;

  const replay = new Replay(tx, actors);
  const programmeIds = new Map<string, number>();
  const programme = (code: string) => programmeIds.get(code)!;
  let count = 0;
  const transfer = (who: string, date: string, t: { programme: string; from: string; to: string; amountFen: bigint; kind: 'allocation' | 'payment' | 'disbursement'; docNumber: string; note?: string }) => {
    count++;
    replay.on(date, () =>
      recordTransfer(
        replay.as(who),
        transferSchema.parse({ clientKey: replay.clientKey(), programmeId: programme(t.programme), fromRef: t.from, toRef: t.to, transferDate: date, docNumber: t.docNumber, kind: t.kind, note: t.note ?? '', amount: formatYuan(t.amountFen), unit: 'yuan' }),
      ),
    );
  };
  // Payment vouchers of the contractors' payments, numbered per county and year.
  const voucherSeq = new Map<string, number>();
  const paymentVoucher = (county: { code: string; name: string }, year: number) => {
    const n = (voucherSeq.get(`${county.code}:${year}`) ?? 0) + 1;
    voucherSeq.set(`${county.code}:${year}`, n);
    return `${county.name}财支〔${year}〕${n}号`;
  };

  // Each county's projects in turn, so that over the years most of the plan's projects are funded;
  // the last project a programme pays is the first the next one pays, so many have several sources.
  const rotation = new Map<string, number>();
  const nextProjects = (countyCode: string, take: number) => {
    const local = projects.filter((x) => x.countyId === orgIds.get(countyCode)).map((x) => x.id);
    if (local.length === 0) return [];
    const at = rotation.get(countyCode) ?? 0;
    const chosen = Array.from(new Set(Array.from({ length: Math.min(take, local.length) }, (_, i) => local[(at + i) % local.length]!)));
    rotation.set(countyCode, at + Math.max(1, chosen.length - 1));
    return chosen;
  };

  for (const year of DEMO_YEARS) {
    const programmes: DemoProgramme[] = [
      { code: `DEMO-${year}-CN`, name: `${year}年重点生态保护修复治理资金（演示）`, level: 'central', manager: 'CN-MOF', total: rand.bigintBetween(50_000_000_000n, 90_000_000_000n), doc: '财资环', path: ['CN-MOF', '140000-CZT', '140300-CZJ'] },
      { code: `DEMO-${year}-SX`, name: `${year}年省级生态修复补助资金（演示）`, level: 'provincial', manager: '140000-CZT', total: rand.bigintBetween(3_000_000_000n, 8_000_000_000n), doc: '晋财资环', path: ['140000-CZT', '140300-CZJ'] },
      { code: `DEMO-${year}-YQ`, name: `${year}年市级生态修复配套资金（演示）`, level: 'municipal', manager: '140300-CZJ', total: rand.bigintBetween(500_000_000n, 1_500_000_000n), doc: '阳财建', path: ['140300-CZJ'] },
      // Each county's own funds (县级自有资金), spent on its own projects.
      ...COUNTIES.map((c) => ({ code: `DEMO-${year}-${c.code}`, name: `${year}年${c.name}生态修复本级资金（演示）`, level: 'county' as const, manager: c.code, total: rand.bigintBetween(20_000_000n, 120_000_000n), doc: COUNTY_DOC_PREFIX[c.code]!, path: [c.code] })),
    ];
    for (const p of programmes) {
      const manager = ORGANISATIONS.find((o) => o.code === p.manager)!;
      const file = (title: string, english: string, kind: string) => ({ filename: `${p.code}-${title}（演示）.pdf`, bytes: demoPdf(`${p.code} ${english} (${kind}), demo document`) });
      // Drawn here, before the catalogue entry that cites the appropriation's 文号.
      let docSeq = rand.intBetween(3, 40);
      const doc = () => `${p.doc}〔${year}〕${docSeq++}号`;
      const appropriationDoc = doc();
      const lateGuideline = DISCLOSURE_LAPSES.guidelinesLate.find((g) => g.programme === p.code);
      // Opening a programme appropriates its total and publishes its catalogue entry, rules and guideline.
      const openedOn = `${year}-01-15`;
      count++;
      replay.on(openedOn, async () => {
        const cmd = programmeSchema.parse({
          clientKey: replay.clientKey(),
          code: p.code,
          name: p.name,
          fiscalYear: year,
          purpose: PURPOSE,
          openedOn,
          docNumber: appropriationDoc,
          amount: formatYuan(p.total),
          unit: 'yuan',
          // The municipal programme co-funds the central one (配套比例 10%, demo).
          ...(p.level === 'central' ? { matchingLevel: 'municipal', matchingPercent: '10' } : {}),
        });
        const { id } = await createProgramme(replay.as(OFFICER_OF[manager.code]!), cmd, {
          // The demo is not perfect on purpose (see DISCLOSURE_LAPSES): some guidelines come late, one set of rules never.
          rules: p.code === DISCLOSURE_LAPSES.rulesNeverPublished ? undefined : file('资金管理办法', 'Management rules', 'management_rules'),
          guideline: lateGuideline ? undefined : file('项目申报指南', 'Application guideline', 'application_guideline'),
        });
        programmeIds.set(p.code, id);
      });
      if (lateGuideline) {
        replay.on(lateGuideline.on, () =>
          addProgrammeDocument(
            replay.as(OFFICER_OF[manager.code]!),
            { clientKey: replay.clientKey(), programmeId: programme(p.code), kind: 'application_guideline', docNumber: appropriationDoc, changeReason: '' },
            file('项目申报指南', 'Application guideline', 'application_guideline'),
          ),
        );
      }
      const day = (month: number) => `${year}-${String(month).padStart(2, '0')}-${String(rand.intBetween(1, 28)).padStart(2, '0')}`;

      const payProjects = (c: (typeof COUNTIES)[number], available: bigint, take: number) => {
        const county = `org:${orgIds.get(c.code)}`;
        const chosen = nextProjects(c.code, take);
        if (chosen.length === 0) return;
        const toProjects = split(rand, portion(rand, available, 50, 80), chosen.length);
        for (const [pi, projectId] of chosen.entries()) {
          transfer(OFFICER_OF[c.code]!, day(7), { programme: p.code, from: county, to: `project:${projectId}`, amountFen: toProjects[pi]!, kind: 'payment', docNumber: `${c.name}财〔${year}〕${docSeq++}号` });
          const contractor = rand.pick(contractorIds);
          const paid = portion(rand, toProjects[pi]!, 40, 90);
          const payer = payerOf(projectId, c.code);
          transfer(payer, day(9), { programme: p.code, from: `project:${projectId}`, to: `payee:${contractor}`, amountFen: paid, kind: 'disbursement', docNumber: paymentVoucher(c, year), note: '工程进度款（演示）' });
          const spentFen = portion(rand, paid, 60, 100);
          const spentOn = day(10);
          const voucherNo = `PZ-${year}-${String(count).padStart(5, '0')}`;
          replay.on(spentOn, () =>
            recordExpenditure(
              replay.as(payer),
              expenditureSchema.parse({ clientKey: replay.clientKey(), programmeId: programme(p.code), payeeRef: `payee:${contractor}`, spentOn, voucherNo, description: '材料与人工费用（演示）', amount: formatYuan(spentFen), unit: 'yuan' }),
            ),
          );
        }
      };

      if (p.level === 'county') {
        payProjects(COUNTIES.find((c) => c.code === p.manager)!, p.total, 2);
        continue;
      }
      // Down the path to the city: only part of a central or provincial programme reaches Yangquan.
      let amount = p.total;
      for (let i = 1; i < p.path.length; i++) {
        amount = portion(rand, amount, i === 1 && p.level === 'central' ? 3 : 25, i === 1 && p.level === 'central' ? 6 : 45);
        transfer(OFFICER_OF[p.path[i - 1]!]!, day(2 + i), { programme: p.code, from: `org:${orgIds.get(p.path[i - 1]!)}`, to: `org:${orgIds.get(p.path[i]!)}`, amountFen: amount, kind: 'allocation', docNumber: doc() });
      }
      const toCounties = split(rand, portion(rand, amount, 70, 90), COUNTIES.length);
      for (const [ci, c] of COUNTIES.entries()) {
        transfer('officer', day(5), { programme: p.code, from: `org:${orgIds.get('140300-CZJ')}`, to: `org:${orgIds.get(c.code)}`, amountFen: toCounties[ci]!, kind: 'allocation', docNumber: doc() });
        payProjects(c, toCounties[ci]!, 3);
      }
    }
  }
  scheduleDemoAllocation(replay, orgIds);
  scheduleDemoApplications(
    replay,
    APPLICATION_DESKS,
    (desk) => projects.filter((x) => x.countyId === orgIds.get(desk.county) && implementedBy.get(x.id) === orgIds.get(`DEMO-UNIT-${desk.county}`)).map((x) => x.id),
    (code) => orgIds.get(code)!,
  );
  scheduleDemoEvaluations(replay);
  scheduleDemoReversals(tx, replay, orgIds);
  scheduleDemoWithholding(tx, replay, orgIds);
  scheduleDemoIndicators(replay);
  scheduleDemoFinding(tx, replay, orgIds);
  scheduleDemoFeedback(tx, replay, orgIds);
  await replay.run();
  return { transfers: count };
}
