import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import * as s from '@/db/schema';
import { feedbackStatsSchema } from '@/lib/api/feedback-stats';
import { feedbackStats } from '@/lib/dal/public/feedback-stats';
import { GET } from '@/app/api/public/feedback/stats/route';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/*
 * Rows are inserted directly: the writer (submission, moderation, answers) is another module's.
 * Months are China time: 2026-01-31 16:30 UTC is already 1 February in Yangquan.
 */
describe.each(DRIVERS)('public feedback statistics on %s', (driver) => {
  let t: TestDatabase;
  let orgA: { id: number; code: string };
  let orgB: { id: number; code: string };
  let n = 0;

  const at = (iso: string) => new Date(iso);
  const later = new Date(Date.now() + 10 * 86_400_000);
  async function item(v: Partial<typeof s.feedback.$inferInsert> & { createdAt: Date }) {
    await t.db.insert(s.feedback).values({ trackingCode: `STATS-${++n}`, kind: 'question', subjectType: 'general', body: `问题 ${n}`, ...v });
  }

  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
    const orgs = await t.db.select({ id: s.organisations.id, code: s.organisations.code }).from(s.organisations).where(inArray(s.organisations.code, ['140322', '140321']));
    orgA = orgs.find((o) => o.code === '140321')!;
    orgB = orgs.find((o) => o.code === '140322')!;
    const assigned = (org: { id: number }, iso: string) => ({ assignedOrgId: org.id, assignedAt: at(iso), isPublic: true });
    // A, received 1 Feb China time, answered before its deadline.
    await item({ createdAt: at('2026-01-31T16:30:00Z'), status: 'answered', ...assigned(orgA, '2026-02-02T00:00:00Z'), dueAt: at('2026-02-15T00:00:00Z'), answeredAt: at('2026-02-10T00:00:00Z') });
    // A, received 31 Jan China time, answered after its deadline.
    await item({ createdAt: at('2026-01-31T15:30:00Z'), status: 'closed', ...assigned(orgA, '2026-02-01T00:00:00Z'), dueAt: at('2026-02-10T00:00:00Z'), answeredAt: at('2026-02-12T00:00:00Z'), closedAt: at('2026-02-13T00:00:00Z') });
    // A, February: overdue now; one still within its deadline; one merged after it was assigned (kept private).
    await item({ createdAt: at('2026-02-05T02:00:00Z'), status: 'assigned', ...assigned(orgA, '2026-02-06T00:00:00Z'), dueAt: at('2026-02-20T00:00:00Z') });
    await item({ createdAt: at('2026-02-06T02:00:00Z'), status: 'assigned', ...assigned(orgA, '2026-02-07T00:00:00Z'), dueAt: later });
    await item({ createdAt: at('2026-02-07T02:00:00Z'), status: 'merged', ...assigned(orgA, '2026-02-08T00:00:00Z'), isPublic: false, dueAt: at('2026-02-09T00:00:00Z') });
    // B, February: answered, no deadline set.
    await item({ createdAt: at('2026-02-03T02:00:00Z'), status: 'answered', ...assigned(orgB, '2026-02-03T03:00:00Z'), answeredAt: at('2026-02-04T00:00:00Z') });
    // Never any organisation's: rejected, merged and waiting for moderation.
    await item({ createdAt: at('2026-02-08T02:00:00Z'), status: 'rejected', rejectReason: '广告' });
    await item({ createdAt: at('2026-02-08T03:00:00Z'), status: 'merged' });
    await item({ createdAt: at('2026-02-08T04:00:00Z'), status: 'received' });
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    await t?.drop();
  });

  it('counts per organisation assigned and China-time month: received, answered on time or late, overdue now', async () => {
    // The demo's own items (May to July 2026) are left out: these rows are this test's.
    const rows = (await feedbackStats({}, t.db)).filter((r) => r.month <= '2026-02');
    expect(rows.map((r) => [r.month, r.organisation.code, r.received, r.answeredOnTime, r.answeredLate, r.overdue])).toEqual([
      ['2026-02', '140321', 4, 1, 0, 1],
      ['2026-02', '140322', 1, 1, 0, 0],
      ['2026-01', '140321', 1, 0, 1, 0],
    ]);
    expect(rows[0]!.organisation.name).toBeTruthy();
    expect(await feedbackStats({ year: 2025 }, t.db)).toEqual([]);
    expect((await feedbackStats({ year: 2026 }, t.db)).filter((r) => r.month <= '2026-02')).toHaveLength(3);
  });

  it('answers GET /api/public/feedback/stats with its documented schema, a CSV, and a 400 naming an unknown parameter', async () => {
    const res = await GET(new Request('https://example.org/api/public/feedback/stats?year=2026'), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const body = feedbackStatsSchema.parse(await res.json());
    expect(body.rows.filter((r) => r.month <= '2026-02').map((r) => [r.month, r.organisation.code, r.received])).toEqual([
      ['2026-02', '140321', 4],
      ['2026-02', '140322', 1],
      ['2026-01', '140321', 1],
    ]);
    // Nothing of an item's text or contact is in the answer.
    expect(JSON.stringify(body)).not.toContain('问题');

    const csv = await GET(new Request('https://example.org/api/public/feedback/stats?format=csv'), { params: Promise.resolve({}) });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('2026-01,140321,');

    const bad = await GET(new Request('https://example.org/api/public/feedback/stats?org=140321'), { params: Promise.resolve({}) });
    expect(bad.status).toBe(400);
    const refusal = (await bad.json()) as { error: { fieldErrors: Record<string, string> } };
    expect(refusal.error.fieldErrors.org).toMatch(/year、format/);
  });
});
