import fs from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { getPublicProject, searchProjects } from '@/lib/dal/public/projects';
import { listProjectPublications } from '@/lib/dal/public/project-disclosure';
import { chinaToday } from '@/lib/domain/china-date';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

// The routes open the database through getDb(): point it at the test's.
const current = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/db', () => ({ getDb: async () => current.db }));

const { GET: packageRoute } = await import('@/app/api/public/oc4ids/projects.json/route');
const { GET: projectRoute } = await import('@/app/api/public/oc4ids/projects/[code]/route');

/*
 * The standard's own schemas (OC4IDS 0.9.5, JSON Schema draft-04), copied into tests/standards from the shared standards
 * folder with its SOURCE; when that folder sits beside the repository (as in CI), the copies must
 * equal it.
 */
const STANDARD = path.resolve(__dirname, '../standards/oc4ids');
const SHARED = path.resolve(__dirname, '../../../shared/standards/oc4ids');
const FILES = ['project-package-schema.json', 'project-schema.json'];
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(STANDARD, file), 'utf8')) as Record<string, unknown>;

function packageValidator() {
  // strict stays on: only the standard's own annotation keywords are declared as such.
  const ajv = new Ajv04({ allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary(['codelist', 'openCodelist', 'versionId', 'deprecated']);
  addFormats(ajv);
  ajv.addSchema(load('project-schema.json'));
  return ajv.compile(load('project-package-schema.json'));
}

type Value = { amount: number; currency: string };
type Project = {
  id: string;
  status: string;
  budget?: { amount: Value; budgetBreakdowns: { budgetBreakdown: { id: string; amount: Value; sourceParty?: { id: string } }[] }[] };
  parties: { id: string; roles: string[] }[];
  documents?: { id: string; documentType: string; contentHash: string; description: string }[];
  completion?: { endDate: string };
};
type Package = { uri: string; publishedDate: string; projects: Project[] };

/** Yuan as JSON wrote it, back to integer fen from its text: no float arithmetic in the check either. */
function fenOf(amount: number): bigint {
  const [whole, fraction = ''] = String(amount).split('.');
  expect(fraction.length, `${amount} has at most two decimals`).toBeLessThanOrEqual(2);
  const sign = whole!.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole!.replace('-', '')) * 100n + BigInt(fraction.padEnd(2, '0')));
}

const entriesOf = (p: Project) => p.budget?.budgetBreakdowns.flatMap((b) => b.budgetBreakdown) ?? [];
const codeOf = (p: Project) => p.id.replace(/^oc4ids-yqstxf-/, '');
const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));

describe.each(DRIVERS)('OC4IDS project packages (%s)', (driver) => {
  let t: TestDatabase;
  const validate = packageValidator();
  beforeAll(async () => {
    t = await createDatabase(driver);
    current.db = t.db;
  });
  afterAll(async () => t?.drop());

  const fetchPackage = async (code?: string) => {
    const url = code === undefined ? 'https://portal.example/api/public/oc4ids/projects.json' : `https://portal.example/api/public/oc4ids/projects/${code}`;
    const res = code === undefined ? await packageRoute(new Request(url)) : await projectRoute(new Request(url), { params: Promise.resolve({ code }) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const packageOf = async (code?: string) => {
    const res = await fetchPackage(code);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    return { pkg: JSON.parse(res.text) as Package, text: res.text, headers: res.headers };
  };
  const expectValid = (pkg: unknown) => {
    const ok = validate(pkg);
    expect(validate.errors ?? [], 'OC4IDS schema errors').toEqual([]);
    expect(ok).toBe(true);
  };

  it('keeps the standard copies equal to the shared standards folder, where there is one', () => {
    expect(load('project-package-schema.json').$schema).toBe('http://json-schema.org/draft-04/schema#');
    if (!fs.existsSync(SHARED)) return;
    for (const f of [...FILES, 'SOURCE']) expect(fs.readFileSync(path.join(STANDARD, f), 'utf8'), f).toBe(fs.readFileSync(path.join(SHARED, f), 'utf8'));
  });

  it('refuses what the standard refuses, so a pass means something', () => {
    expect(validate({ uri: 'https://portal.example/x', publishedDate: '2026-01-01T00:00:00Z', version: '0.9', publisher: { name: 'x' }, projects: [{ id: 'p', status: 'closed' }] })).toBe(false);
    expect(validate({ uri: 'https://portal.example/x', publishedDate: '2026-01-01', version: '0.9', publisher: { name: 'x' }, projects: [{ id: 'p' }] })).toBe(false);
    expect(validate({ uri: 'https://portal.example/x', publishedDate: '2026-01-01T00:00:00Z', version: '0.9', publisher: { name: 'x' }, projects: [{ id: 'p', budget: { amount: { amount: '12.50', currency: 'CNY' } } }] })).toBe(false);
    expect(validate({ uri: 'https://portal.example/x', publishedDate: '2026-01-01T00:00:00Z', version: '0.9', publisher: { name: 'x' }, projects: [{ id: 'p' }] })).toBe(true);
  });

  it("publishes every public project in one package that validates, each budget broken down by source exactly as the project's page sums it", async () => {
    const started = performance.now();
    const { pkg, headers } = await packageOf();
    console.log(`[oc4ids] full package on ${driver}: ${Math.round(performance.now() - started)} ms`);
    expectValid(pkg);
    expect(headers.get('cache-control')).toBe('public, max-age=0, s-maxage=1, stale-while-revalidate=1');
    expect(pkg.uri).toBe('https://portal.example/api/public/oc4ids/projects.json');
    const [{ n }] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from public_projects`)) as [{ n: number }];
    expect(pkg.projects).toHaveLength(n);
    expect(new Set(pkg.projects.map((p) => p.id)).size).toBe(n);

    // Every project's total and its breakdown's sum are what the project list says it received.
    const { rows: listed } = await searchProjects({ sort: 'code', dir: 'asc', page: 1, pageSize: 1000 }, t.db);
    const byId = new Map(pkg.projects.map((p) => [p.id, p]));
    for (const row of listed) {
      const project = byId.get(`oc4ids-yqstxf-${row.code}`)!;
      expect(project, row.code).toBeDefined();
      if (row.levels.length === 0) {
        expect(project.budget, row.code).toBeUndefined();
        continue;
      }
      expect(fenOf(project.budget!.amount.amount), row.code).toBe(row.receivedFen);
      expect(entriesOf(project).reduce((sum, e) => sum + fenOf(e.amount.amount), 0n), row.code).toBe(row.receivedFen);
    }
    expect(listed.filter((r) => r.levels.length > 0).length, 'most demo projects received money').toBeGreaterThan(50);
    // The four levels each fund some project, from 财政部, the province, the city and a county.
    const sources = new Set(pkg.projects.flatMap((p) => entriesOf(p).map((e) => e.id)));
    for (const id of ['central-CN-MOF', 'provincial-140000-CZT', 'municipal-140300-CZJ', 'county-140322']) expect(sources).toContain(id);

    // Level by level, parties and documents, against the project page's own reads: the projects with
    // the most sources, and any that gave money back (a reversal counts against its level).
    const reversed = rowsOf<{ code: string }>(await t.db.execute(sql`select distinct from_code as code from public_transfer_lines where kind = 'reversal' and from_kind = 'project'`)).map((r) => r.code);
    const sample = [...pkg.projects].sort((a, b) => entriesOf(b).length - entriesOf(a).length || a.id.localeCompare(b.id)).slice(0, 8).map(codeOf);
    expect(reversed.length, 'the demo has a project that returned money').toBeGreaterThan(0);
    for (const code of new Set([...sample, ...reversed, 'G1-01'])) {
      const project = byId.get(`oc4ids-yqstxf-${code}`)!;
      const page = (await getPublicProject(code, t.db))!;
      for (const level of page.funding) {
        const ofLevel = entriesOf(project).filter((e) => e.id.startsWith(`${level.level}-`));
        expect(ofLevel.reduce((sum, e) => sum + fenOf(e.amount.amount), 0n), `${code} ${level.level}`).toBe(level.receivedFen);
      }
      expect(entriesOf(project).map((e) => e.id.split('-')[0])).toEqual(expect.arrayContaining(page.funding.map((f) => f.level)));
      for (const e of entriesOf(project)) expect(project.parties.find((p) => p.id === e.sourceParty?.id)?.roles, `${code} ${e.id}`).toEqual(['funder', 'sourceParty']);
      for (const payee of page.payees) expect(project.parties.find((p) => p.id === payee.code)?.roles, `${code} ${payee.code}`).toEqual(['supplier', 'payee']);
      if (page.project.implementingUnit) expect(project.parties.find((p) => p.id === page.project.implementingUnit!.code)?.roles).toEqual(['publicAuthority']);
      const series = await listProjectPublications(code, t.db);
      expect((project.documents ?? []).map((d) => d.id), code).toEqual(series.map((s) => `publication-${s.versions[0]!.id}`));
    }
  });

  it('answers one project as a package that validates, with its publications, their hashes, completion and evaluation result', async () => {
    const { pkg } = await packageOf('G1-01');
    expectValid(pkg);
    expect(pkg.projects.map((p) => p.id)).toEqual(['oc4ids-yqstxf-G1-01']);
    const [project] = pkg.projects as [Project];
    expect(project.status).toBe('completion');
    expect(project.completion?.endDate).toMatch(/^2025-09-2\dT/);
    const series = await listProjectPublications('G1-01', t.db);
    expect(project.documents!.map((d) => d.id).sort()).toEqual(series.map((s) => `publication-${s.versions[0]!.id}`).sort());
    const hashes = rowsOf<{ id: number; content_hash: string }>(await t.db.execute(sql`select id, content_hash from public_publications where id in ${series.map((s) => s.versions[0]!.id)}`));
    for (const h of hashes) expect(project.documents!.find((d) => d.id === `publication-${h.id}`)?.contentHash).toBe(h.content_hash);
    const evaluation = project.documents!.filter((d) => d.documentType === 'projectEvaluation');
    expect(evaluation).toHaveLength(1);
    expect(evaluation[0]!.description).toContain('总分 95.83');
    // Documents that brought money approve the budget; those that only paid the contractor report progress.
    expect(project.documents!.some((d) => d.documentType === 'budgetApproval')).toBe(true);
    expect(project.documents!.some((d) => d.documentType === 'financialProgressReport')).toBe(true);
  });

  it('answers 404 with the error body for an unknown code and for one that cannot be a code', async () => {
    for (const code of ['NOPE-1', 'a b']) {
      const res = await fetchPackage(code);
      expect(res.status, code).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(JSON.parse(res.text)).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('leaves a withheld transfer line out of every figure, and changes nothing else a reader could learn from', async () => {
    const before = (await packageOf()).pkg;
    // A payment into a county's project, from a project with other money too.
    const [line] = rowsOf<{ id: number; project: string; amount_fen: string; level: string; publication_id: number; doc_lines: number }>(
      await t.db.execute(sql`select l.transfer_id as id, l.to_code as project, l.amount_fen, l.programme_level as level, l.publication_id,
          (select count(*)::int from public_transfer_lines o where o.publication_id = l.publication_id) as doc_lines
        from public_transfer_lines l
        where l.kind = 'payment' and l.to_kind = 'project' and l.from_code = '140322'
          and not exists (select 1 from public_transfer_lines r where r.reverses_transfer_id = l.transfer_id)
          and (select count(*) from public_transfer_lines o where o.to_code = l.to_code and o.kind = 'payment') > 1
        order by l.transfer_id limit 1`),
    );
    expect(line, 'a county payment into a project').toBeDefined();
    const pageBefore = (await getPublicProject(line!.project, t.db))!;

    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14'));
    const { id } = await requestWithholding(await ctxFor(t.db, 'officer-yx'), { itemType: 'transfer', itemId: line!.id, reason: '涉及商业秘密，经审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    await approveWithholding(await ctxFor(t.db, 'reviewer-yx'), id);
    expect(await approveWithholding(await ctxFor(t.db, 'admin'), id)).toEqual({ status: 'active' });

    const { pkg: after, text } = await packageOf();
    expectValid(after);
    const single = (await packageOf(line!.project)).pkg;
    expectValid(single);
    const pageAfter = (await getPublicProject(line!.project, t.db))!;
    expect(pageBefore.project.receivedFen - pageAfter.project.receivedFen).toBe(BigInt(line!.amount_fen));

    const projectOf = (p: Package, code: string) => p.projects.find((x) => codeOf(x) === code)!;
    const was = projectOf(before, line!.project);
    const now = projectOf(after, line!.project);
    expect(single.projects[0]).toEqual(now);
    expect(fenOf(was.budget!.amount.amount) - fenOf(now.budget!.amount.amount)).toBe(BigInt(line!.amount_fen));
    expect(fenOf(now.budget!.amount.amount)).toBe(pageAfter.project.receivedFen);
    // Only the withheld line's source loses money; the other sources of the project are as they were.
    const entries = (p: Project) => new Map(p.budget!.budgetBreakdowns[0]!.budgetBreakdown.map((e) => [e.id, fenOf(e.amount.amount)]));
    const changed = [...entries(was)].filter(([k, v]) => entries(now).get(k) !== v);
    expect(changed).toHaveLength(1);
    expect(changed[0]![0]).toMatch(new RegExp(`^${line!.level}-`));
    expect(changed[0]![1] - (entries(now).get(changed[0]![0]) ?? 0n)).toBe(BigInt(line!.amount_fen));

    // Projects the line did not touch read the same, but for the hash and date of a document it shared with them.
    const withoutDocument = (p: Project) => ({ ...p, updated: undefined, documents: p.documents?.filter((d) => d.id !== `publication-${line!.publication_id}`) });
    for (const p of before.projects) {
      if (p.id === was.id) continue;
      expect(withoutDocument(projectOf(after, codeOf(p))), p.id).toEqual(withoutDocument(p));
    }
    // The line's own figures appear nowhere as a line: no document names its transfer, no entry its amount alone.
    expect(text).not.toContain(`"transferId":${line!.id}`);
    const withheldYuan = Number(`${BigInt(line!.amount_fen) / 100n}.${(BigInt(line!.amount_fen) % 100n).toString().padStart(2, '0')}`);
    expect(now.budget!.budgetBreakdowns[0]!.budgetBreakdown.some((e) => e.amount.amount === withheldYuan && !entries(was).has(e.id))).toBe(false);
  });

  it('leaves a withheld project out of the package and answers 404 for it', async () => {
    const [project] = await t.db.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.code, 'G1-02'));
    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, 'OGI-14'));
    const { id } = await requestWithholding(await ctxFor(t.db, 'officer-yx'), { itemType: 'project', itemId: project!.id, reason: '涉及国家秘密，经保密审查', legalBasisId: basis!.id, reviewDate: inDays(90) });
    await approveWithholding(await ctxFor(t.db, 'reviewer-yx'), id);
    await approveWithholding(await ctxFor(t.db, 'admin'), id);
    expect((await fetchPackage('G1-02')).status).toBe(404);
    const { pkg, text } = await packageOf();
    expectValid(pkg);
    expect(text).not.toContain('G1-02');
  });
});

