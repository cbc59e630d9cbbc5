import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { buildOpenApi } from '@/lib/api/openapi';
import { OVERVIEW_TABLES } from '@/lib/api/overview-tables';
import { overviewTableSchema } from '@/lib/api/public-schemas';
import { getMoneyOverview } from '@/lib/dal/public/money-overview';
import { getChainSankey } from '@/lib/dal/public/sankey';
import { totalOf } from '@/lib/domain/level-sums';
import { nodeValues } from '@/lib/domain/sankey';
import { transferDocumentSchema } from '@/lib/domain/transfer-document';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/** A CSV of the overview as rows of cells (no cell here holds a comma, a quote or a line break but the quoted names). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)) {
    const cells: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      cells.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

/** Yuan with two decimals back to fen, exactly. */
const fenOfYuan = (yuan: string) => {
  expect(yuan).toMatch(/^-?\d+\.\d{2}$/);
  return BigInt(yuan.replace('.', ''));
};

describe.each(DRIVERS)('GET /api/public/overview on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  const get = async (query: string) => {
    const { GET } = await import('@/app/api/public/overview/route');
    return GET(new Request(`https://example.org/api/public/overview${query}`), { params: Promise.resolve({}) });
  };
  const csvOf = async (table: string) => {
    const res = await get(`?table=${table}&format=csv`);
    expect(res.status, table).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="overview-${table}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'a byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
  };

  it("gives every table as JSON with amounts in fen, as the OpenAPI document promises, and the page's own figures", async () => {
    const money = await getMoneyOverview();
    expect(buildOpenApi().paths).toHaveProperty(['/api/public/overview']);
    for (const table of OVERVIEW_TABLES) {
      const res = await get(`?table=${table}`);
      expect(res.status, table).toBe(200);
      const body = overviewTableSchema.parse(await res.json());
      expect(body.table).toBe(table);
      expect(body.rows.length, table).toBeGreaterThan(0);
      for (const row of body.rows) for (const c of body.columns.filter((x) => x.endsWith('Fen'))) expect(row[c], `${table}.${c}`).toMatch(/^-?\d+$/);
    }
    const byLevel = overviewTableSchema.parse(await (await get('?table=by-level&format=json')).json());
    const total = byLevel.rows.find((r) => r.level === 'total')!;
    expect(total.countyFen).toBe(totalOf(money.byStage.county).toString());
    expect(total.projectFen).toBe(totalOf(money.byStage.project).toString());
    expect(byLevel.dataAsOf).toBe(money.dataAsOf);
  });

  it('downloads CSV whose totals are the home page figures and the published lines', async () => {
    const money = await getMoneyOverview();
    const lines = rowsOf<{ content: unknown }>(
      await t.db.execute(sql`select distinct on (subject_id) content from public_publications where subject_type = 'transfer_document' order by subject_id, version desc`),
    ).flatMap((r) => transferDocumentSchema.parse(r.content).lines);
    const net = (keep: (l: (typeof lines)[number]) => boolean) => lines.filter(keep).reduce((s, l) => s + (l.kind === 'reversal' ? -BigInt(l.amountFen) : BigInt(l.amountFen)), 0n);

    const stages = await csvOf('stages');
    expect(stages.map((r) => r.stage)).toEqual(['city', 'county', 'project', 'payee']);
    const stageFen = Object.fromEntries(stages.map((r) => [r.stage!, fenOfYuan(r.amount_yuan!)]));
    expect(stageFen.county).toBe(totalOf(money.byStage.county));
    // Independently of the data layer: what reached projects is every published line into a project.
    expect(stageFen.project).toBe(net((l) => (l.kind === 'reversal' ? l.from.kind : l.to.kind) === 'project'));
    expect(stageFen.payee).toBe(net((l) => (l.kind === 'reversal' ? l.from.kind : l.to.kind) === 'payee'));

    const counties = await csvOf('by-county');
    expect(counties.map((r) => r.code)).toEqual(money.counties.map((c) => c.code));
    for (const c of money.counties) {
      const row = counties.find((r) => r.code === c.code)!;
      expect(fenOfYuan(row.received_from_above_yuan!), c.code).toBe(c.fen);
      expect(fenOfYuan(row.to_projects_yuan!), c.code).toBe(c.toProjectsFen);
    }
    // The counties' column adds up to the county stage of the strip.
    expect(counties.reduce((s, r) => s + fenOfYuan(r.received_from_above_yuan!), 0n)).toBe(stageFen.county);

    const groups = await csvOf('by-group');
    expect(groups.reduce((s, r) => s + fenOfYuan(r.to_projects_yuan!), 0n)).toBe(money.byGroup.reduce((s, g) => s + g.fen, 0n));

    // The Sankey's links: what reaches the groups is what reached projects, and its sources equal its sinks.
    const sankey = await getChainSankey();
    const links = await csvOf('sankey');
    expect(links).toHaveLength(sankey.graph.links.length);
    const intoGroups = links.filter((r) => r.to!.startsWith('group:')).reduce((s, r) => s + fenOfYuan(r.amount_yuan!), 0n);
    const back = links.filter((r) => r.from!.startsWith('group:')).reduce((s, r) => s + fenOfYuan(r.amount_yuan!), 0n);
    expect(intoGroups - back).toBe(stageFen.project);
    const v = nodeValues(sankey.graph);
    for (const n of sankey.graph.nodes.filter((x) => x.kind === 'through')) expect(v.get(n.key)!.in, n.key).toBe(v.get(n.key)!.out);
  });

  it('neutralises a text cell that a spreadsheet would run as a formula', async () => {
    await t.db.execute(sql`update engineering_groups set name = '=HYPERLINK("http://x","y")' where code = 'G7'`);
    try {
      const groups = await csvOf('by-group');
      expect(groups.find((r) => r.code === 'G7')!.name).toBe(`'=HYPERLINK("http://x","y")`);
    } finally {
      await t.db.execute(sql`update engineering_groups set name = '生态网络构建与生物多样性保护重点工程' where code = 'G7'`);
    }
  });

  it("answers bad input with 400 naming it, in the reader's language, never 500", async () => {
    for (const [query, field] of [
      ['', 'table'],
      ['?table=nope', 'table'],
      ['?table=sankey&format=xlsx', 'format'],
      ['?table=sankey&table=by-level', 'table'],
      ['?table=sankey&colour=red', 'colour'],
      ['?table=%27%3Bdrop', 'table'],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; fieldErrors: Record<string, string> } };
      expect(body.error.code, query).toBe('bad_request');
      expect(Object.keys(body.error.fieldErrors), query).toContain(field);
    }
    const { GET } = await import('@/app/api/public/overview/route');
    const english = await GET(new Request('https://example.org/api/public/overview?table=nope', { headers: { cookie: 'locale=en' } }), { params: Promise.resolve({}) });
    expect(((await english.json()) as { error: { message: string } }).error.message).toMatch(/^table must be one of/);
  });
});
