import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceZip, type Evidence } from '@/lib/audit/evidence/bundle';
import { auditHash, auditHashV2, canonicalJson, GENESIS_HASH } from '@/lib/audit/chain';
import { traceChain, traceSankey, type TraceTransfer } from '@/lib/domain/audit/trace';
import { nodeValues } from '@/lib/domain/sankey';
import { sha256Hex } from '@/lib/domain/sha256';
import { unzip } from '../support/unzip';

// Holders: 1 财政部, 2 province, 3 city, 4 county A, 5 county B, 6 project, 7 contractor.
const tr = (id: number, from: number | null, to: number, yuan: number, date: string, extra: Partial<TraceTransfer> = {}): TraceTransfer => ({
  id,
  programmeId: 10,
  from,
  to,
  amountFen: BigInt(yuan) * 100n,
  kind: from === null ? 'appropriation' : 'allocation',
  date,
  docNumber: `财资〔2025〕${id}号`,
  reversesId: null,
  ...extra,
});

const LEDGER: TraceTransfer[] = [
  tr(1, null, 1, 1000, '2025-01-01'),
  tr(2, 1, 2, 1000, '2025-01-11'),
  tr(3, 2, 3, 600, '2025-01-21'),
  tr(4, 2, 3, 400, '2025-03-01'),
  tr(5, 3, 4, 700, '2025-03-11'),
  tr(6, 3, 5, 300, '2025-03-11'),
  tr(7, 4, 6, 500, '2025-04-10', { kind: 'payment' }),
  tr(8, 6, 7, 200, '2025-05-10', { kind: 'disbursement' }),
  // County B gives 100 back: the city holds it again.
  tr(9, 5, 3, 100, '2025-06-01', { kind: 'reversal', reversesId: 6 }),
];
const options = { asOf: '2025-12-31', idleDays: 180, payees: new Set([7]) };

describe('an auditor’s trace of the chain of funds', () => {
  it('goes up from a payee to the source through exactly the holders that paid it', () => {
    const trace = traceChain(LEDGER, { kind: 'up', holderId: 7 }, options);
    expect(trace.transfers.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 7, 8]);
    expect(trace.transfers.find((t) => t.id === 1)!.depth).toBe(0);
    expect(trace.transfers.find((t) => t.id === 8)!.depth).toBe(5);
    // County B neither paid the contractor nor received from anyone who did.
    expect(trace.positions.map((p) => p.holderId).sort()).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('goes down from a programme to every payee, with each reversal beside what it reverses', () => {
    const trace = traceChain(LEDGER, { kind: 'programme' }, options);
    expect(trace.transfers).toHaveLength(LEDGER.length);
    const reversal = trace.transfers.find((t) => t.id === 9)!;
    expect(reversal.depth).toBe(trace.transfers.find((t) => t.id === 6)!.depth);
    expect(trace.transfers.find((t) => t.id === 6)!.reversedBy).toEqual([9]);
    expect(reversal.lagDays).toBeNull();
  });

  it('goes both ways from a project and leaves out a programme it took no part in', () => {
    const other = { ...tr(20, null, 1, 50, '2025-01-01'), programmeId: 11 };
    const trace = traceChain([...LEDGER, other], { kind: 'through', holderId: 6 }, options);
    expect(trace.programmeIds).toEqual([10]);
    expect(trace.transfers.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 7, 8]);
  });

  it('measures the days each sender held the money first in, first out, weighted by amount', () => {
    const lag = (id: number) => traceChain(LEDGER, { kind: 'programme' }, options).transfers.find((t) => t.id === id)!;
    expect(lag(2)).toMatchObject({ lagDays: 10, drawsFromDate: '2025-01-01', uncoveredFen: 0n });
    // 700 from the city: 600 arrived on 21 Jan (49 days), 100 of the 400 of 1 Mar (10 days): (600·49 + 100·10) / 700 = 43.4.
    expect(lag(5)).toMatchObject({ lagDays: 43, drawsFromDate: '2025-01-21' });
    // 300 more: the rest of 1 Mar's 400 (10 days).
    expect(lag(6)).toMatchObject({ lagDays: 10, drawsFromDate: '2025-03-01' });
    expect(lag(8)).toMatchObject({ lagDays: 30, drawsFromDate: '2025-04-10' });
  });

  it('says how much of a payment no earlier receipt covers', () => {
    const early = [tr(1, null, 1, 100, '2025-02-01'), tr(2, 1, 2, 150, '2025-01-15')];
    const t = traceChain(early, { kind: 'programme' }, options).transfers.find((x) => x.id === 2)!;
    expect(t.uncoveredFen).toBe(15000n);
    expect(t.lagDays).toBeNull();
  });

  it('holds each position to the ledger and flags money idle beyond the setting', () => {
    const trace = traceChain(LEDGER, { kind: 'programme' }, options);
    const at = (h: number) => trace.positions.find((p) => p.holderId === h)!;
    expect(at(3)).toMatchObject({ receivedFen: 110000n, passedOnFen: 100000n, heldFen: 10000n, lastReceivedOn: '2025-06-01', idle: true });
    expect(at(5)).toMatchObject({ receivedFen: 30000n, passedOnFen: 10000n, heldFen: 20000n, idle: true });
    expect(at(7)).toMatchObject({ heldFen: 20000n, idle: false });
    expect(traceChain(LEDGER, { kind: 'programme' }, { ...options, asOf: '2025-08-01' }).positions.find((p) => p.holderId === 3)!.idle).toBe(false);
    for (const p of trace.positions) expect(p.heldFen).toBe(p.receivedFen - p.passedOnFen);
  });

  it('draws a Sankey netted of reversals, every holder in the column of its depth', () => {
    const graph = traceSankey(traceChain(LEDGER, { kind: 'programme' }, options));
    const link = (from: string, to: string) => graph.links.find((l) => l.from === from && l.to === to)?.fen;
    expect(link('h:3', 'h:5')).toBe(20000n);
    expect(link('p:10', 'h:1')).toBe(100000n);
    expect(graph.nodes.find((n) => n.key === 'h:7')).toMatchObject({ column: 6, kind: 'sink' });
    expect(graph.nodes.find((n) => n.key === 'p:10')).toMatchObject({ column: 0, kind: 'source' });
    expect(nodeValues(graph).get('h:2')).toMatchObject({ in: 100000n, out: 100000n });
  });
});

function evidence(): Evidence {
  const trace = traceChain(LEDGER, { kind: 'up', holderId: 7 }, options);
  const fields = { at: '2025-01-11T02:00:00.000Z', actorId: 3, actorRole: 'finance_officer', action: 'transfer.recorded', entityType: 'transfer', entityId: '2', before: null, after: { amountFen: '100000' } };
  const later = { ...fields, at: '2025-01-12T02:00:00.000Z', action: 'transfer.recorded', entityId: '3', after: { amountFen: '60000' } };
  const content = { lines: [{ transferId: 2, amountFen: '100000' }] };
  const doc = Buffer.from('%PDF-1.4 demo');
  return {
    subject: { type: 'payee', id: 7, title: '施工单位' },
    generatedAt: new Date('2025-12-31T08:00:00Z'),
    generatedBy: { id: 9, role: 'auditor' },
    ...options,
    auditHead: { lastSeq: 2, lastHash: auditHashV2(auditHash(GENESIS_HASH, fields), 2, later) },
    transfers: trace.transfers.map((t) => ({ ...t, programmeCode: 'P-10', fromName: t.from === null ? null : `h${t.from}`, toName: `h${t.to}` })),
    positions: trace.positions.map((p) => ({ ...p, programmeCode: 'P-10', holderName: `h${p.holderId}` })),
    publications: [{ id: 5, kind: 'allocation_result', subjectType: 'transfer_document', subjectId: 1, version: 1, title: '下达', docNumber: null, notice: '公开', content, contentHash: sha256Hex(canonicalJson({ content, notice: '公开' })), publishedAt: '2025-01-11T02:00:00.000Z', withheld: false }],
    documents: [{ id: 4, filename: 'rules.pdf', mimeType: 'application/pdf', byteSize: doc.length, sha256: sha256Hex(doc), content: doc }],
    // One entry from before the chain was numbered (version 1), one after (version 2).
    auditEntries: [
      { id: 1, seq: 1, hashVersion: 1, ...fields, prevHash: GENESIS_HASH, hash: auditHash(GENESIS_HASH, fields) },
      { id: 7, seq: 2, hashVersion: 2, ...later, prevHash: auditHash(GENESIS_HASH, fields), hash: auditHashV2(auditHash(GENESIS_HASH, fields), 2, later) },
    ],
  };
}

function unpack(zip: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
  for (const [name, data] of unzip(zip)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

const verify = (dir: string) => {
  try {
    return { code: 0, out: execFileSync(process.execPath, [path.join(dir, 'verify.mjs'), dir], { encoding: 'utf8' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
};

describe('an evidence bundle', () => {
  it('unpacks to the edges, publications, documents and audit entries, each listed with its SHA-256', () => {
    const files = unzip(evidenceZip(evidence()));
    expect([...files.keys()].sort()).toEqual(['README.txt', 'audit-entries.json', 'documents.json', 'documents/4-' + sha256Hex(Buffer.from('%PDF-1.4 demo')).slice(0, 16), 'edges.csv', 'edges.json', 'manifest.json', 'positions.csv', 'publications.json', 'verify.mjs'].sort());
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    for (const f of manifest.files) expect(sha256Hex(files.get(f.name)!), f.name).toBe(f.sha256);
    expect(manifest.totals).toMatchObject({ transfers: 7, appropriatedFen: '100000', movementsFen: '440000', reversedFen: '0', auditEntries: 2 });
    const csv = files.get('edges.csv')!.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('\uFEFFtransfer_id,programme,kind,depth,from,to,amount_fen,date,doc_number,lag_days,draws_from_date,uncovered_fen,reverses_id,reversed_by');
    expect(csv).toContain('5,P-10,allocation,3,h3,h4,70000,2025-03-11,财资〔2025〕5号,43,2025-01-21,0,,');
  });

  it('passes its own offline check, and fails it, naming what, after any change', () => {
    const dir = unpack(evidenceZip(evidence()));
    expect(verify(dir)).toMatchObject({ code: 0 });

    const edges = path.join(dir, 'edges.csv');
    fs.writeFileSync(edges, fs.readFileSync(edges, 'utf8').replace('70000', '70001'));
    expect(verify(dir)).toEqual({ code: 1, out: expect.stringContaining('file changed: edges.csv') });

    const clean = unpack(evidenceZip(evidence()));
    const entries = path.join(clean, 'audit-entries.json');
    const list = JSON.parse(fs.readFileSync(entries, 'utf8'));
    list[1].after.amountFen = '1';
    fs.writeFileSync(entries, JSON.stringify(list));
    // Rewriting the manifest too does not help: the entry no longer matches its chain hash.
    const manifestPath = path.join(clean, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    manifest.files.find((f: { name: string }) => f.name === 'audit-entries.json').sha256 = sha256Hex(fs.readFileSync(entries));
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(verify(clean)).toEqual({ code: 1, out: expect.stringContaining('audit entry 2 (id 7): fields do not match its hash') });

    const third = unpack(evidenceZip(evidence()));
    const pubs = path.join(third, 'publications.json');
    const p = JSON.parse(fs.readFileSync(pubs, 'utf8'));
    p[0].content.lines[0].amountFen = '1';
    fs.writeFileSync(pubs, JSON.stringify(p));
    expect(verify(third).out).toContain('publication 5 v1: content does not match its hash');
  });
});
