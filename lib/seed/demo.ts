import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import * as s from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { createRandom } from '@/lib/domain/random';
import { holderFor, insertTransfer } from '@/lib/dal/internal/ledger';
import { publishProgrammeDocument } from '@/lib/dal/internal/programme-documents';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { formatYuan } from '@/lib/domain/money';
import { ORGANISATIONS } from './organisations';
import { COUNTIES } from './reference/plan-data';

export const DEMO_SEED = 20_210_101;
export const DEMO_PASSWORD = 'Demo-2026!';
export const DEMO_YEARS = [2024, 2025, 2026] as const;

/** At least one demo account per role; listed in the README. */
export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员（演示）', role: 'admin', org: '140300-CZJ' },
  { username: 'officer', displayName: '市财政局经办人（演示）', role: 'finance_officer', org: '140300-CZJ' },
  { username: 'reviewer', displayName: '市财政局审核人（演示）', role: 'reviewer', org: '140300-CZJ' },
  { username: 'unit', displayName: '盂县项目实施单位（演示）', role: 'implementing_unit', org: 'DEMO-UNIT-140322' },
  { username: 'evaluator', displayName: '绩效评价人（演示）', role: 'evaluator', org: '140300-CZJ' },
  { username: 'auditor', displayName: '市审计局审计人员（演示）', role: 'auditor', org: '140300-SJJ' },
  { username: 'moderator', displayName: '公众参与版主（演示）', role: 'moderator', org: '140300-GHZRZYJ' },
  // Officers at the other levels, so the chain can be walked from province to project.
  { username: 'officer-sx', displayName: '省财政厅经办人（演示）', role: 'finance_officer', org: '140000-CZT' },
  { username: 'officer-yx', displayName: '盂县财政经办人（演示）', role: 'finance_officer', org: '140322' },
  // A county reviewer for first reviews, and a second city reviewer so that review and approval are four eyes.
  { username: 'reviewer-yx', displayName: '盂县审核人（演示）', role: 'reviewer', org: '140322' },
  { username: 'approver', displayName: '市财政局分管负责人（演示）', role: 'reviewer', org: '140300-CZJ' },
] as const;

type Rand = ReturnType<typeof createRandom>;

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

export async function seedDemo(tx: Tx, orgIds: Map<string, number>): Promise<{ transfers: number }> {
  const rand = createRandom(DEMO_SEED);

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

  const projects = await tx
    .select({ id: s.projects.id, code: s.projects.code, countyId: s.projectCounties.countyId })
    .from(s.projects)
    .innerJoin(s.projectCounties, eq(s.projectCounties.projectId, s.projects.id))
    .orderBy(s.projects.code, s.projectCounties.countyId);
  for (const c of COUNTIES) {
    const unitId = orgIds.get(`DEMO-UNIT-${c.code}`)!;
    for (const p of projects.filter((p) => p.countyId === orgIds.get(c.code))) {
      await tx.update(s.projects).set({ implementingOrgId: unitId }).where(eq(s.projects.id, p.id));
    }
  }

  const h = async (code: string) => holderFor(tx, { kind: 'organisation', organisationId: orgIds.get(code)! }, true);
  let count = 0;
  const record = async (t: Omit<Parameters<typeof insertTransfer>[1], 'recordedBy' | 'isDemo'>) => {
    count++;
    return insertTransfer(tx, { ...t, recordedBy: null, isDemo: true });
  };

  for (const year of DEMO_YEARS) {
    const programmes = [
      { code: `DEMO-${year}-CN`, name: `${year}年重点生态保护修复治理资金（演示）`, level: 'central' as const, manager: 'CN-MOF', total: rand.bigintBetween(50_000_000_000n, 90_000_000_000n), doc: '财资环', path: ['CN-MOF', '140000-CZT', '140300-CZJ'] },
      { code: `DEMO-${year}-SX`, name: `${year}年省级生态修复补助资金（演示）`, level: 'provincial' as const, manager: '140000-CZT', total: rand.bigintBetween(3_000_000_000n, 8_000_000_000n), doc: '晋财资环', path: ['140000-CZT', '140300-CZJ'] },
      { code: `DEMO-${year}-YQ`, name: `${year}年市级生态修复配套资金（演示）`, level: 'municipal' as const, manager: '140300-CZJ', total: rand.bigintBetween(500_000_000n, 1_500_000_000n), doc: '阳财建', path: ['140300-CZJ'] },
    ];
    const ids: number[] = [];
    for (const p of programmes) {
      const [prog] = await tx
        .insert(s.fundProgrammes)
        .values({ code: p.code, name: p.name, level: p.level, fiscalYear: year, managingOrgId: orgIds.get(p.manager)!, totalFen: p.total, purpose: '用于阳泉市国土空间生态修复重点工程（演示数据）', isDemo: true })
        .returning({ id: s.fundProgrammes.id });
      ids.push(prog!.id);
      const manager = ORGANISATIONS.find((o) => o.code === p.manager)!;
      // Drawn here, before the catalogue entry that cites the appropriation's 文号 (same draws as before).
      let docSeq = rand.intBetween(3, 40);
      const doc = () => `${p.doc}〔${year}〕${docSeq++}号`;
      const appropriationDoc = doc();
      // Opening a programme publishes its catalogue entry in the same transaction.
      await publishSnapshot(tx, {
        kind: 'fund_catalogue',
        subjectType: 'programme',
        subjectId: prog!.id,
        title: `专项资金目录：${p.name}`,
        content: { code: p.code, name: p.name, level: p.level, fiscalYear: year, managingOrg: manager.name, managingOrgCode: p.manager, totalFen: p.total, purpose: '用于阳泉市国土空间生态修复重点工程（演示数据）', demo: true },
        notice: `${manager.name}设立${year}年度“${p.name}”，资金总额 ${formatYuan(p.total)} 元，文号 ${appropriationDoc}。本条为演示数据。`,
        issuerOrgId: orgIds.get(p.manager)!,
        docNumber: appropriationDoc,
        dataAsOf: `${year}-01-15`,
        eventAt: new Date(`${year}-01-15T00:00:00Z`),
        publishedAt: new Date(`${year}-01-15T00:00:00Z`),
        isDemo: true,
      });
      // Its rules and guideline, as small stand-in files, published the same day.
      const event = { programmeId: prog!.id, code: p.code, name: p.name, issuerOrgId: orgIds.get(p.manager)!, issuerName: manager.name, docNumber: appropriationDoc, dataAsOf: `${year}-01-15`, eventAt: new Date(`${year}-01-15T00:00:00Z`), publishedAt: new Date(`${year}-01-15T00:00:00Z`), isDemo: true };
      for (const [kind, title, english] of [['management_rules', '资金管理办法', 'Management rules'], ['application_guideline', '项目申报指南', 'Application guideline']] as const) {
        await publishProgrammeDocument(tx, event, kind, { filename: `${p.code}-${title}（演示）.pdf`, bytes: demoPdf(`${p.code} ${english} (${kind}), demo document`) }, null);
      }
      const day = (month: number) => `${year}-${String(month).padStart(2, '0')}-${String(rand.intBetween(1, 28)).padStart(2, '0')}`;

      await record({ programmeId: prog!.id, fromHolderId: null, toHolderId: await h(p.manager), amountFen: p.total, kind: 'appropriation', transferDate: `${year}-01-15`, docNumber: appropriationDoc });
      // Down the path to the city: only part of a central or provincial programme reaches Yangquan.
      let amount = p.total;
      for (let i = 1; i < p.path.length; i++) {
        amount = portion(rand, amount, i === 1 && p.level === 'central' ? 3 : 25, i === 1 && p.level === 'central' ? 6 : 45);
        await record({ programmeId: prog!.id, fromHolderId: await h(p.path[i - 1]!), toHolderId: await h(p.path[i]!), amountFen: amount, kind: 'allocation', transferDate: day(2 + i), docNumber: doc() });
      }
      const cityHolder = await h('140300-CZJ');
      const toCounties = split(rand, portion(rand, amount, 70, 90), COUNTIES.length);
      for (const [ci, c] of COUNTIES.entries()) {
        const countyHolder = await h(c.code);
        await record({ programmeId: prog!.id, fromHolderId: cityHolder, toHolderId: countyHolder, amountFen: toCounties[ci]!, kind: 'allocation', transferDate: day(5), docNumber: doc() });
        const local = projects.filter((x) => x.countyId === orgIds.get(c.code));
        if (local.length === 0) continue;
        const chosen = Array.from(new Set(Array.from({ length: Math.min(3, local.length) }, () => rand.pick(local).id)));
        const toProjects = split(rand, portion(rand, toCounties[ci]!, 50, 80), chosen.length);
        for (const [pi, projectId] of chosen.entries()) {
          const projectHolder = await holderFor(tx, { kind: 'project', projectId }, true);
          await record({ programmeId: prog!.id, fromHolderId: countyHolder, toHolderId: projectHolder, amountFen: toProjects[pi]!, kind: 'payment', transferDate: day(7), docNumber: `${c.name}财〔${year}〕${docSeq++}号` });
          const contractor = rand.pick(contractorIds);
          const paid = portion(rand, toProjects[pi]!, 40, 90);
          const payee = await holderFor(tx, { kind: 'payee', organisationId: contractor }, true);
          await record({ programmeId: prog!.id, fromHolderId: projectHolder, toHolderId: payee, amountFen: paid, kind: 'disbursement', transferDate: day(9), docNumber: null, note: '工程进度款（演示）' });
          await tx.insert(s.expenditures).values({ programmeId: prog!.id, payeeHolderId: payee, amountFen: portion(rand, paid, 60, 100), spentOn: day(10), voucherNo: `PZ-${year}-${String(count).padStart(5, '0')}`, description: '材料与人工费用（演示）', isDemo: true });
        }
      }
    }
    // The municipal programme co-funds the central one (配套比例 10%, demo).
    await tx.insert(s.matchingRequirements).values({ upperProgrammeId: ids[0]!, lowerLevel: 'municipal', shareBp: 1000, note: '演示：市级按中央资金的 10% 配套' });
  }
  return { transfers: count };
}
