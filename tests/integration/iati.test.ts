import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import * as s from '@/db/schema';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { getCountyMoney, listCounties } from '@/lib/dal/public/counties';
import { totalOf } from '@/lib/dal/public/flows';
import { chinaToday } from '@/lib/domain/china-date';
import { toScaled } from '@/lib/domain/decimal';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const root = path.resolve(import.meta.dirname, '../..');
/** The official schemas, copied unchanged into tests/standards (see its README and SOURCE files). */
const schemaPath = [path.resolve(root, 'tests/standards/iati-2.03/iati-activities-schema.xsd')].find((p) => fs.existsSync(p));
const inDays = (n: number) => chinaToday(new Date(Date.now() + n * 86_400_000));

/*
 * A reader for the export's own shape, enough to follow its links. Well-formedness and structure are
 * xmllint's job (the first test); this only lifts out identifiers, transactions and budgets.
 */
const unescape = (v: string) => v.replace(/&(lt|gt|quot|apos|amp|#\d+);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? String.fromCharCode(Number(e.slice(1))));
const attrsOf = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
const first = (xml: string, name: string) => attrsOf(new RegExp(`<${name}\\b[^>]*>`).exec(xml)?.[0] ?? '');

interface Tx {
  activity: string;
  ref: string;
  type: string;
  date: string;
  fen: bigint;
  provider: Record<string, string>;
  receiver: Record<string, string>;
}

function parseExport(xml: string) {
  const activities = new Map<string, { hierarchy: string; body: string; transactions: Tx[]; budgets: { year: string; fen: bigint }[] }>();
  for (const [, open, body] of xml.matchAll(/<iati-activity\b([^>]*)>([\s\S]*?)<\/iati-activity>/g)) {
    const id = unescape(/<iati-identifier>([^<]*)<\/iati-identifier>/.exec(body!)![1]!);
    const transactions = [...body!.matchAll(/<transaction ref="([^"]*)">([\s\S]*?)<\/transaction>/g)].map(
      ([, ref, t]): Tx => ({
        activity: id,
        ref: unescape(ref!),
        type: first(t!, 'transaction-type').code!,
        date: first(t!, 'transaction-date')['iso-date']!,
        fen: toScaled(/<value\b[^>]*>([^<]*)<\/value>/.exec(t!)![1]!, 2),
        provider: first(t!, 'provider-org'),
        receiver: first(t!, 'receiver-org'),
      }),
    );
    const budgets = [...body!.matchAll(/<budget\b[^>]*>([\s\S]*?)<\/budget>/g)].map(([, b]) => ({
      year: first(b!, 'period-start')['iso-date']!.slice(0, 4),
      fen: toScaled(/<value\b[^>]*>([^<]*)<\/value>/.exec(b!)![1]!, 2),
    }));
    expect(activities.has(id), `${id} is one activity`).toBe(false);
    activities.set(id, { hierarchy: attrsOf(open!).hierarchy!, body: body!, transactions, budgets });
  }
  return activities;
}

const sum = (txs: Tx[]) => txs.reduce((n, t) => n + t.fen, 0n);
const same = (a: Tx, b: Tx) => a.ref === b.ref && a.fen === b.fen && a.date === b.date;

beforeAll(() => {
  // xmllint is a Debian package a fresh machine lacks: the project installs it (apt, as root) or says how.
  execFileSync(process.execPath, [path.join(root, 'tests/support/ensure-xmllint.mjs')], { stdio: 'inherit' });
});

describe.each(DRIVERS)('IATI 2.03 activities export (%s)', (driver) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createDatabase(driver);
    globalThis.__yqDatabase = Promise.resolve(t);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iati-'));
  });
  afterAll(async () => {
    globalThis.__yqDatabase = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.drop();
  });

  const get = async () => {
    const { GET } = await import('@/app/api/public/iati/activities.xml/route');
    return GET(new Request('https://example.org/api/public/iati/activities.xml'), { params: Promise.resolve({}) });
  };
  const exportXml = async () => {
    const res = await get();
    expect(res.status).toBe(200);
    return res.text();
  };
  const xmllint = (xml: string) => {
    if (!schemaPath) throw new Error('no IATI 2.03 schema at tests/standards/iati-2.03 (the copies the repository is checked against)');
    const file = path.join(dir, 'activities.xml');
    fs.writeFileSync(file, xml);
    return spawnSync('xmllint', ['--noout', '--nonet', '--schema', schemaPath, file], { encoding: 'utf8' });
  };

  it('answers XML that validates against the IATI 2.03 activities schema with zero errors', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(PUBLIC_BRIEF);
    const xml = await res.text();
    const lint = xmllint(xml);
    expect(lint.stderr.trim(), lint.stderr.slice(0, 2000)).toMatch(/ validates$/);
    expect(lint.status).toBe(0);
    // And the check can fail: an element out of the schema's order is refused.
    const broken = xmllint(xml.replace(/(<reporting-org\b[\s\S]*?<\/reporting-org>)(<title>[\s\S]*?<\/title>)/, '$2$1'));
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toMatch(/fails to validate/);

    const activities = parseExport(xml);
    const programmes = rowsOf<{ code: string }>(await t.db.execute(sql`select distinct content->>'code' as code from public_publications where kind = 'fund_catalogue'`));
    const projects = rowsOf<{ code: string }>(await t.db.execute(sql`select code from public_projects`));
    expect(programmes.length).toBeGreaterThan(0);
    expect([...activities.keys()].filter((id) => activities.get(id)!.hierarchy === '1').sort()).toEqual(programmes.map((p) => `CN-YQ-140300-CZJ-PROG-${p.code}`).sort());
    expect([...activities.keys()].filter((id) => activities.get(id)!.hierarchy === '2').sort()).toEqual(projects.map((p) => `CN-YQ-140300-CZJ-PROJ-${p.code}`).sort());
    expect(first(xml, 'reporting-org').ref).toBe('CN-YQ-140300-CZJ');
    expect(xml).toContain('<narrative xml:lang="zh">阳泉市财政局</narrative><narrative xml:lang="en">Yangquan Municipal Finance Bureau</narrative>');
    // Every amount has exactly two decimals, in CNY, dated.
    const values = [...xml.matchAll(/<value ([^>]*)>([^<]*)<\/value>/g)];
    expect(values.length).toBeGreaterThan(1000);
    for (const [, attrs, v] of values) {
      expect(v).toMatch(/^-?\d+\.\d{2}$/);
      expect(attrsOf(attrs!)).toMatchObject({ currency: 'CNY', 'value-date': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    }
  });

  it('links every hop both ways, so the chain 财政部 → province → city → county → project → payee can be followed', async () => {
    const activities = parseExport(await exportXml());
    const all = [...activities.values()].flatMap((a) => a.transactions);
    expect(new Set(all.map((x) => x.type))).toEqual(new Set(['1', '2', '3', '4']));
    for (const tx of all) {
      const providerActivity = tx.provider['provider-activity-id'];
      const receiverActivity = tx.receiver['receiver-activity-id'];
      expect(providerActivity, `${tx.activity} ${tx.ref}`).toBeDefined();
      // The provider's activity exists and reports the hop as outgoing (itself, for a hop inside one activity).
      const provider = activities.get(providerActivity!);
      expect(provider, `${tx.ref}: provider-activity-id ${providerActivity}`).toBeDefined();
      const outgoing = provider!.transactions.filter((o) => ['2', '3', '4'].includes(o.type) && same(o, tx) && o.provider['provider-activity-id'] === providerActivity);
      expect(outgoing.length, `${tx.activity} ${tx.ref} type ${tx.type}`).toBeGreaterThan(0);
      if (tx.type === '1') {
        expect(providerActivity).not.toBe(tx.activity);
        expect(outgoing.some((o) => o.type === '3' && o.receiver['receiver-activity-id'] === tx.activity)).toBe(true);
      }
      // The receiver's activity exists; another activity records the money as incoming from the provider's.
      if (receiverActivity !== undefined) {
        const receiver = activities.get(receiverActivity);
        expect(receiver, `${tx.ref}: receiver-activity-id ${receiverActivity}`).toBeDefined();
        if (receiverActivity !== tx.activity) {
          expect(receiver!.transactions.some((i) => i.type === '1' && same(i, tx) && i.provider['provider-activity-id'] === tx.activity), `${tx.ref} into ${receiverActivity}`).toBe(true);
        }
      } else {
        expect(tx.type, `${tx.ref}: only a payee has no activity`).toBe('4');
      }
    }
    // One path from the ministry down to a contractor, hop by hop.
    const org = (code: string) => `CN-YQ-${code}`;
    const central = [...activities.entries()].filter(([id]) => /-PROG-DEMO-\d{4}-CN$/.test(id));
    let followed: string[] | null = null;
    for (const [programmeId, programme] of central) {
      const out = (from: string) => programme.transactions.filter((x) => x.type === '3' && x.provider.ref === from && x.fen > 0n);
      for (const toProvince of out(org('CN-MOF'))) {
        for (const toCity of out(toProvince.receiver.ref!)) {
          for (const toCounty of out(toCity.receiver.ref!)) {
            for (const toProject of out(toCounty.receiver.ref!).filter((x) => x.receiver['receiver-activity-id'])) {
              const project = activities.get(toProject.receiver['receiver-activity-id']!)!;
              expect(project.transactions.some((x) => x.type === '1' && same(x, toProject) && x.provider['provider-activity-id'] === programmeId)).toBe(true);
              const paid = project.transactions.find((x) => x.type === '4');
              if (paid && !followed) followed = [toProvince.receiver.ref!, toCity.receiver.ref!, toCounty.receiver.ref!, toProject.receiver['receiver-activity-id']!, paid.receiver.ref!];
            }
          }
        }
      }
    }
    expect(followed).not.toBeNull();
    expect(followed!.slice(0, 2)).toEqual([org('140000-CZT'), org('140300-CZJ')]);
    expect(followed![4]).toMatch(/^CN-YQ-DEMO-CONTRACTOR-/);
  });

  it("sums each county's disbursements to what the county page reports it received", async () => {
    const activities = parseExport(await exportXml());
    const disbursements = [...activities.values()].flatMap((a) => a.transactions).filter((x) => x.type === '3');
    const counties = await listCounties(t.db);
    expect(counties.length).toBeGreaterThan(0);
    for (const c of counties) {
      const money = (await getCountyMoney(c.code, t.db))!;
      const into = disbursements.filter((x) => x.receiver.ref === `CN-YQ-${c.code}`);
      expect(into.length, c.code).toBeGreaterThan(0);
      expect(sum(into), c.code).toBe(totalOf(money.received));
    }
  });

  it('leaves a withheld transfer out, with every budget and total it was part of', async () => {
    const [demoWithheld] = rowsOf<{ id: number }>(await t.db.execute(sql`select item_id as id from active_withholdings where item_type = 'transfer'`));
    expect(demoWithheld, 'the demo withholds one allocation').toBeDefined();
    const before = await exportXml();
    expect(before).not.toContain(`"transfer-${demoWithheld!.id}"`);

    // Withhold one more: a payment of 盂县 to a project, through the workflow's own commands.
    const [payment] = rowsOf<{ transfer_id: number; amount_fen: string; to_code: string; programme_code: string; transfer_date: string }>(
      await t.db.execute(sql`select transfer_id, amount_fen, to_code, programme_code, transfer_date from public_transfer_lines l
        where kind = 'payment' and from_code = '140322'
          and not exists (select 1 from public_transfer_lines r where r.reverses_transfer_id = l.transfer_id)
        order by transfer_id limit 1`),
    );
    expect(payment).toBeDefined();
    const ref = `transfer-${payment!.transfer_id}`;
    const fen = BigInt(payment!.amount_fen);
    const project = `CN-YQ-140300-CZJ-PROJ-${payment!.to_code}`;
    const programme = `CN-YQ-140300-CZJ-PROG-${payment!.programme_code}`;
    const year = payment!.transfer_date.slice(0, 4);
    const was = parseExport(before);
    expect(was.get(project)!.transactions.filter((x) => x.ref === ref).map((x) => x.type)).toEqual(['1']);
    expect(was.get(programme)!.transactions.filter((x) => x.ref === ref).map((x) => x.type)).toEqual(['3']);

    const [basis] = await t.db.select({ id: s.legalBases.id }).from(s.legalBases).where(and(eq(s.legalBases.code, 'OGI-14')));
    const { id } = await requestWithholding(await ctxFor(t.db, 'officer-yx'), { itemType: 'transfer', itemId: payment!.transfer_id, reason: '涉及第三方商业秘密，经审查不予公开', legalBasisId: basis!.id, reviewDate: inDays(90) });
    await approveWithholding(await ctxFor(t.db, 'reviewer-yx'), id);
    expect(await approveWithholding(await ctxFor(t.db, 'admin'), id)).toEqual({ status: 'active' });

    const after = await exportXml();
    expect(xmllint(after).status).toBe(0);
    expect(after).not.toContain(`"${ref}"`);
    const now = parseExport(after);
    // The project's budget of that year is what was published, less exactly the withheld line; nothing else changed.
    const budgetOf = (a: ReturnType<typeof parseExport>) => a.get(project)!.budgets.find((b) => b.year === year)?.fen ?? 0n;
    expect(budgetOf(was) - budgetOf(now)).toBe(fen);
    const incoming = (a: ReturnType<typeof parseExport>) => sum(a.get(project)!.transactions.filter((x) => x.type === '1'));
    expect(incoming(was) - incoming(now)).toBe(fen);
    const paidOut = (a: ReturnType<typeof parseExport>) => sum(a.get(programme)!.transactions.filter((x) => x.type === '3'));
    expect(paidOut(was) - paidOut(now)).toBe(fen);
    expect([...now.keys()]).toEqual([...was.keys()]);
  });
});
