import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import * as s from '@/db/schema';
import { publicationExport, transferExport } from '@/lib/api/bulk-exports';
import { bulkStream, type BulkExport } from '@/lib/api/bulk-stream';
import { publicationSchema, publicTransferSchema, transferListSchema } from '@/lib/api/public-schemas';
import { getCountyMoney, listCounties } from '@/lib/dal/public/counties';
import { listPublications } from '@/lib/dal/public/publications';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

type Transfer = z.infer<typeof publicTransferSchema>;

const describeError = (e: unknown) => ({ code: 'internal', message: e instanceof Error ? e.message : String(e) });

/** The database with every query's row count recorded: what the exporter asks for at a time. */
function counted(db: Db): { db: Db; rowsPerQuery: number[] } {
  const rowsPerQuery: number[] = [];
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'execute') {
        return async (...args: unknown[]) => {
          const result = await (target.execute as (...a: unknown[]) => Promise<unknown>)(...args);
          rowsPerQuery.push(rowsOf(result).length);
          return result;
        };
      }
      if (prop === 'select') {
        return (...args: unknown[]) => {
          const builder = (target.select as (...a: unknown[]) => unknown)(...args);
          rowsPerQuery.push(0);
          return builder;
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: wrapped, rowsPerQuery };
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe.each(DRIVERS)('bulk exports on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  const get = async (path: 'transfers' | 'publications', query = '') => {
    const { GET } = path === 'transfers' ? await import('@/app/api/public/bulk/transfers/route') : await import('@/app/api/public/bulk/publications/route');
    return GET(new Request(`https://example.org/api/public/bulk/${path}${query}`), { params: Promise.resolve({}) });
  };
  /** Every page of /api/public/transfers. */
  const pagedTransfers = async (): Promise<Transfer[]> => {
    const { GET } = await import('@/app/api/public/transfers/route');
    const out: Transfer[] = [];
    for (let page = 1; ; page++) {
      const body = transferListSchema.parse(await (await GET(new Request(`https://example.org/api/public/transfers?pageSize=1000&page=${page}`), { params: Promise.resolve({}) })).json());
      out.push(...body.transfers);
      if (page >= body.pages) return out;
    }
  };
  const net = (x: Transfer) => (x.kind === 'reversal' ? -BigInt(x.amountFen) : BigInt(x.amountFen));
  const byId = (a: { transferId: number }, b: { transferId: number }) => a.transferId - b.transferId;

  it('streams exactly the rows of the paged transfers API, summing to it and to every county page', async () => {
    const res = await get('transfers');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const exported = z.array(publicTransferSchema).parse(JSON.parse(await res.text()));
    const paged = await pagedTransfers();
    expect(exported.length).toBeGreaterThan(50);
    expect([...exported].sort(byId)).toEqual([...paged].sort(byId));
    const sum = (xs: Transfer[]) => xs.reduce((a, x) => a + BigInt(x.amountFen), 0n);
    expect(sum(exported)).toBe(sum(paged));
    // Each county's published totals, as its page shows them, from the export's lines alone.
    for (const county of await listCounties(t.db)) {
      const money = (await getCountyMoney(county.code, t.db))!;
      const recipientOf = (x: Transfer) => (x.kind === 'reversal' ? x.from : x.to);
      const sourceOf = (x: Transfer) => (x.kind === 'reversal' ? x.to : x.from);
      const received = exported.filter((x) => recipientOf(x).code === county.code).reduce((a, x) => a + net(x), 0n);
      const passedOn = exported.filter((x) => sourceOf(x).code === county.code && recipientOf(x).kind === 'project').reduce((a, x) => a + net(x), 0n);
      expect(received, county.code).toBe(Object.values(money.received).reduce((a, v) => a + v, 0n));
      expect(passedOn, county.code).toBe(money.passedOnFen);
    }
  });

  it('round-trips the CSV through a CSV parser, byte-order mark once, formula cells neutralised', async () => {
    const res = await get('transfers', '?format=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="transfers-all.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(body.indexOf('\uFEFF', 1)).toBe(-1);
    const records = parseCsv(body, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    const paged = (await pagedTransfers()).sort(byId);
    expect(records.map((r) => Number(r.transfer_id)).sort((a, b) => a - b)).toEqual(paged.map((x) => x.transferId));
    const first = records.find((r) => Number(r.transfer_id) === paged[0]!.transferId)!;
    expect(first).toMatchObject({ kind: paged[0]!.kind, date: paged[0]!.date, doc_number: paged[0]!.docNumber, from_name: paged[0]!.from.name, to_code: paged[0]!.to.code, amount_fen: paged[0]!.amountFen });
    expect(records.reduce((a, r) => a + BigInt(r.amount_fen!), 0n)).toBe(paged.reduce((a, x) => a + BigInt(x.amountFen), 0n));
    expect(records.some((r) => Object.values(r).some((v) => /^[=+\-@]/.test(v) && !/^-?\d+$/.test(v)))).toBe(false);
  });

  it('leaves out a withheld line, as the page-level API does', async () => {
    const [demoWithheld] = rowsOf<{ item_id: number }>(await t.db.execute(sql`select item_id from active_withholdings where item_type = 'transfer'`));
    expect(demoWithheld, 'the demo withholds one transfer').toBeDefined();
    const before = z.array(publicTransferSchema).parse(JSON.parse(await (await get('transfers')).text()));
    expect(before.map((x) => x.transferId)).not.toContain(demoWithheld!.item_id);
    // Withhold one more, a line in the middle of the export.
    const victim = before[Math.floor(before.length / 2)]!;
    expect(victim.kind).not.toBe('reversal');
    const [basis] = await t.db.select().from(s.legalBases).limit(1);
    const users = (await t.db.select({ id: s.users.id }).from(s.users).limit(3)).map((u) => u.id);
    const [w] = await t.db
      .insert(s.withholdings)
      .values({ itemType: 'transfer', itemId: victim.transferId, reason: '测试', legalBasisId: basis!.id, reviewDate: '2099-01-01', requestedBy: users[0]!, approvedBy1: users[1]!, approvedBy2: users[2]!, status: 'active', activatedAt: new Date() })
      .returning({ id: s.withholdings.id });
    try {
      const after = z.array(publicTransferSchema).parse(JSON.parse(await (await get('transfers')).text()));
      const csv = await (await get('transfers', '?format=csv')).text();
      expect(after.map((x) => x.transferId)).not.toContain(victim.transferId);
      expect(csv.split('\r\n').some((line) => line.startsWith(`${victim.transferId},`))).toBe(false);
      const reversals = before.filter((x) => x.reversesTransferId === victim.transferId).length;
      expect(after).toHaveLength(before.length - 1 - reversals);
      expect([...after].sort(byId)).toEqual((await pagedTransfers()).sort(byId));
    } finally {
      await t.db.update(s.withholdings).set({ status: 'revoked' }).where(eq(s.withholdings.id, w!.id));
    }
  });

  it('asks the database for one batch at a time, never more rows than a batch', async () => {
    const all = z.array(publicTransferSchema).parse(JSON.parse(await (await get('transfers')).text()));
    const { db, rowsPerQuery } = counted(t.db);
    const spec: BulkExport<unknown, unknown> = { ...(transferExport('json', describeError, db) as BulkExport<unknown, unknown>), batchSize: 7 };
    const first = await spec.fetch(null, spec.batchSize);
    const streamed = z.array(publicTransferSchema).parse(JSON.parse(await text(bulkStream(spec, first))));
    expect(streamed).toEqual(all);
    expect(Math.max(...rowsPerQuery)).toBeLessThanOrEqual(7);
    const lineQueries = rowsPerQuery.filter((n) => n > 1).length;
    expect(lineQueries).toBeGreaterThanOrEqual(Math.floor(all.length / 7));

    const pubs = counted(t.db);
    const pubSpec: BulkExport<unknown, unknown> = { ...(publicationExport('csv', describeError, pubs.db) as BulkExport<unknown, unknown>), batchSize: 5 };
    const csv = await text(bulkStream(pubSpec, await pubSpec.fetch(null, 5)));
    expect(Math.max(...pubs.rowsPerQuery)).toBeLessThanOrEqual(5);
    expect(parseCsv(csv, { bom: true, columns: true }).length).toBeGreaterThan(5);
  });

  it('reads the stream only as fast as it is taken: one batch ahead at most', async () => {
    let fetched = 0;
    const spec: BulkExport<number, number> = {
      format: 'csv',
      batchSize: 10,
      fetch: async (after) => {
        fetched++;
        const from = (after ?? 0) + 1;
        return { rows: Array.from({ length: 10 }, (_, i) => from + i), next: from + 9 };
      },
      csvHeader: ['n'],
      csvRow: (n) => [String(n)],
      jsonSchema: z.number(),
      jsonRow: (n) => n,
      describe: describeError,
    };
    const reader = bulkStream(spec, await spec.fetch(null, 10)).getReader();
    await reader.read();
    await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(fetched).toBeLessThanOrEqual(3);
    await reader.cancel();
  });

  it('ends a stream that fails midway with an error marker, never a silent truncation', async () => {
    const failing = <F extends 'csv' | 'json'>(format: F): BulkExport<Transfer, number> => ({
      format,
      batchSize: 2,
      fetch: async (after) => {
        if (after) throw new Error('connection lost');
        const rows = transferListSchema.shape.transfers.parse((await (await (await import('@/app/api/public/transfers/route')).GET(new Request('https://example.org/api/public/transfers?pageSize=2'), { params: Promise.resolve({}) })).json()).transfers);
        return { rows, next: 1 };
      },
      csvHeader: ['transfer_id'],
      csvRow: (x) => [String(x.transferId)],
      jsonSchema: publicTransferSchema,
      jsonRow: (x) => x,
      describe: describeError,
    });
    const csvSpec = failing('csv');
    const csv = await text(bulkStream(csvSpec, await csvSpec.fetch(null, 2)));
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('#error,internal,connection lost');
    const jsonSpec = failing('json');
    const json = await text(bulkStream(jsonSpec, await jsonSpec.fetch(null, 2)));
    expect(() => JSON.parse(json)).toThrow();
    expect(JSON.parse(json.trim().split('\n').at(-1)!)).toEqual({ error: { code: 'internal', message: 'connection lost' } });
  });

  it('exports every public version of every publication, as the publication list gives them', async () => {
    const res = await get('publications');
    expect(res.status).toBe(200);
    const exported = z.array(publicationSchema).parse(JSON.parse(await res.text()));
    const listed: z.infer<typeof publicationSchema>[] = [];
    for (let page = 1; ; page++) {
      const found = await listPublications({ versions: 'all', page, pageSize: 200 }, t.db);
      listed.push(...found.publications.map(({ issuerCode, issuerName, issuerNameEn, ...p }) => ({ ...p, url: `/disclosure/publications/${p.id}`, issuer: { code: issuerCode, name: issuerName, nameEn: issuerNameEn } })));
      if (page * 200 >= found.total) break;
    }
    expect(exported.map((p) => p.id)).toEqual(listed.map((p) => p.id).sort((a, b) => a - b));
    expect([...exported].sort((a, b) => a.id - b.id)).toEqual(publicationSchema.array().parse(listed).sort((a, b) => a.id - b.id));
    const csv = parseCsv(await (await get('publications', '?format=csv')).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => Number(r.id))).toEqual(exported.map((p) => p.id));
    expect(JSON.parse(csv[0]!.content_json!)).toEqual(exported[0]!.content);
  });

  it('answers a bad query with 400 naming the parameter, in the reader’s language', async () => {
    const bad = await get('transfers', '?format=xml');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request', fieldErrors: { format: expect.any(String) } } });
    const unknown = await get('publications', '?page=2');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { fieldErrors: { page: expect.any(String) } } });
  });
});
