import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { buildOpenApi } from '@/lib/api/openapi';
import { transferListSchema } from '@/lib/api/public-schemas';
import { transferDocumentSchema } from '@/lib/domain/transfer-document';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

describe.each(DRIVERS)('GET /api/public/transfers on %s', (driver) => {
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
    const { GET } = await import('@/app/api/public/transfers/route');
    return GET(new Request(`https://example.org/api/public/transfers${query}`), { params: Promise.resolve({}) });
  };
  const publishedLines = async () =>
    rowsOf<{ content: unknown }>(
      await t.db.execute(sql`select distinct on (subject_id) content from public_publications where subject_type = 'transfer_document' order by subject_id, version desc`),
    ).flatMap((r) => transferDocumentSchema.parse(r.content).lines);

  it("lists a party's published lines, as the OpenAPI document promises, and none that is withheld", async () => {
    const expected = (await publishedLines()).filter((l) => l.from.code === '140311' || l.to.code === '140311');
    const res = await get('?party=140311&pageSize=1000');
    expect(res.status).toBe(200);
    const body = transferListSchema.parse(await res.json());
    expect(body.total).toBe(expected.length);
    expect(new Set(body.transfers.map((x) => x.transferId))).toEqual(new Set(expected.map((l) => l.transferId)));
    const [withheld] = rowsOf<{ item_id: number }>(await t.db.execute(sql`select item_id from active_withholdings where item_type = 'transfer'`));
    expect(withheld, 'the demo withholds one allocation to 郊区').toBeDefined();
    expect(body.transfers.map((x) => x.transferId)).not.toContain(withheld!.item_id);
    expect(buildOpenApi().paths).toHaveProperty(['/api/public/transfers']);
    // Pages partition the list.
    const first = transferListSchema.parse(await (await get('?party=140311&pageSize=5')).json());
    const second = transferListSchema.parse(await (await get('?party=140311&pageSize=5&page=2')).json());
    expect([...first.transfers, ...second.transfers].map((x) => x.transferId)).toEqual(body.transfers.slice(0, 10).map((x) => x.transferId));
    const past = transferListSchema.parse(await (await get('?party=140311&pageSize=5&page=999')).json());
    expect(past).toMatchObject({ total: expected.length, transfers: [] });
  });

  it('downloads the same lines as CSV, with a byte-order mark and amounts as bare integer fen', async () => {
    const json = transferListSchema.parse(await (await get('?programme=DEMO-2025-CN&pageSize=1000')).json());
    const res = await get('?programme=DEMO-2025-CN&pageSize=1000&format=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="transfers-DEMO-2025-CN-p1.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('transfer_id,kind,date,doc_number,')).toBe(true);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(json.transfers.length + 1);
    expect(lines[1]).toContain(`,${json.transfers[0]!.amountFen},`);
  });

  it('answers a bad filter with 400 naming it, in the reader\'s language, never 500', async () => {
    for (const [query, field] of [
      ['?party=140322%27%20or%201=1', 'party'],
      ['?pageSize=1001', 'pageSize'],
      ['?page=0', 'page'],
      ['?format=xlsx', 'format'],
      ['?programme=a&programme=b', 'programme'],
      ['?colour=red', 'colour'],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; fieldErrors: Record<string, string> } };
      expect(body.error.code, query).toBe('bad_request');
      expect(Object.keys(body.error.fieldErrors), query).toContain(field);
    }
    expect((await get('?party=NO-SUCH')).status).toBe(200);
  });
});
