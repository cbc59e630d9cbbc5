import { toCsv, csvNumber } from '@/lib/api/csv';
import { canonicalJson } from '@/lib/audit/chain';
import type { HolderPosition, TracedTransfer } from '@/lib/domain/audit/trace';
import { sha256Hex } from '@/lib/domain/sha256';
import { VERIFY_SCRIPT } from './verify-script';
import { zip, type ZipEntry } from './zip';

/*
 * An evidence bundle: what an auditor traced, as files that can be checked with nothing but Node
 * (verify.mjs) — the movements (edges) and positions as CSV and JSON, the publications that
 * disclosed them with their content, the documents with their SHA-256 (and the files themselves
 * up to a size), the audit entries that recorded them with their chain hashes, and a manifest
 * holding the SHA-256 of every file.
 */

export interface EvidenceSubject {
  type: 'programme' | 'project' | 'payee';
  id: number;
  title: string;
}

export interface EvidenceTransfer extends TracedTransfer {
  programmeCode: string;
  fromName: string | null;
  toName: string;
}

export interface EvidencePosition extends HolderPosition {
  programmeCode: string;
  holderName: string;
}

export interface EvidencePublication {
  id: number;
  kind: string;
  subjectType: string;
  subjectId: number;
  version: number;
  title: string;
  docNumber: string | null;
  notice: string;
  content: unknown;
  contentHash: string;
  publishedAt: string;
  /** Withheld from the public under the exception process when the bundle was made. */
  withheld: boolean;
}

export interface EvidenceDocument {
  id: number;
  filename: string;
  mimeType: string;
  byteSize: number;
  sha256: string;
  content: Uint8Array | null;
}

export interface EvidenceAuditEntry {
  id: number;
  /** The entry's place in the gap-free chain. */
  seq: number;
  hashVersion: number;
  at: string;
  actorId: number | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface Evidence {
  subject: EvidenceSubject;
  generatedAt: Date;
  generatedBy: { id: number; role: string };
  asOf: string;
  idleDays: number;
  auditHead: { lastSeq: number; lastHash: string };
  transfers: EvidenceTransfer[];
  positions: EvidencePosition[];
  publications: EvidencePublication[];
  documents: EvidenceDocument[];
  auditEntries: EvidenceAuditEntry[];
}

/** Documents beyond this total travel as hashes only: a bundle stays something one can mail. */
export const DOCUMENT_BYTES_IN_BUNDLE = 20 * 1024 * 1024;

const json = (value: unknown) => Buffer.from(`${JSON.stringify(JSON.parse(canonicalJson(value)), null, 2)}\n`, 'utf8');

const EDGE_COLUMNS = ['transfer_id', 'programme', 'kind', 'depth', 'from', 'to', 'amount_fen', 'date', 'doc_number', 'lag_days', 'draws_from_date', 'uncovered_fen', 'reverses_id', 'reversed_by'];

function edgesCsv(transfers: EvidenceTransfer[]): Buffer {
  return Buffer.from(
    toCsv([
      EDGE_COLUMNS,
      ...transfers.map((t) => [
        csvNumber(t.id),
        t.programmeCode,
        t.kind,
        csvNumber(t.depth),
        t.fromName,
        t.toName,
        t.amountFen,
        t.date,
        t.docNumber,
        t.lagDays === null ? null : csvNumber(t.lagDays),
        t.drawsFromDate,
        t.uncoveredFen,
        t.reversesId === null ? null : csvNumber(t.reversesId),
        t.reversedBy.join(' '),
      ]),
    ]),
    'utf8',
  );
}

function positionsCsv(positions: EvidencePosition[]): Buffer {
  return Buffer.from(
    toCsv([
      ['programme', 'holder', 'received_fen', 'passed_on_fen', 'held_fen', 'last_received_on', 'idle'],
      ...positions.map((p) => [p.programmeCode, p.holderName, p.receivedFen, p.passedOnFen, p.heldFen, p.lastReceivedOn, p.idle ? 'yes' : 'no']),
    ]),
    'utf8',
  );
}

const README = (e: Evidence) => `阳泉市生态修复资金 · 审计证据包 / Yangquan restoration funds · audit evidence bundle

对象 Subject: ${e.subject.type} ${e.subject.id} ${e.subject.title}
生成时间 Generated: ${e.generatedAt.toISOString()}  数据截至 As of: ${e.asOf}
审计日志链头 Audit chain head at generation: seq ${e.auditHead.lastSeq} hash ${e.auditHead.lastHash}

校验 Check it offline (Node 18+, nothing else):   node verify.mjs
  - every file against manifest.json (SHA-256);
  - every publication's content against its content hash;
  - every audit entry against its chain hash (version 2: sha256 of "v2", the previous hash, the entry's seq and its canonical JSON, one per line;
    version 1, the entries written before the chain was numbered: of the previous hash and the canonical JSON);
  - every included document file against its SHA-256.

edges.csv / edges.json        每一笔资金流动 each movement: amounts in fen (分); lag_days = days the sender held the money, first in first out
positions.csv                 每个持有方的收到、转出、结余、闲置 received, passed on, held, idle per holder and programme
publications.json             披露这些流动的公开发布 publications that disclosed them (withheld=true: withheld from the public)
documents.json, documents/    文件及其 SHA-256 documents and their SHA-256
audit-entries.json            记录这些流动的审计日志条目 audit entries that recorded them
`;

export function evidenceFiles(e: Evidence): ZipEntry[] {
  let budget = DOCUMENT_BYTES_IN_BUNDLE;
  const documentFiles: ZipEntry[] = [];
  const documents = e.documents.map(({ content, ...d }) => {
    if (!content || content.length > budget) return { ...d, file: null };
    budget -= content.length;
    const file = `documents/${d.id}-${d.sha256.slice(0, 16)}`;
    documentFiles.push({ name: file, data: content });
    return { ...d, file };
  });
  const files: ZipEntry[] = [
    { name: 'README.txt', data: Buffer.from(README(e), 'utf8') },
    { name: 'edges.csv', data: edgesCsv(e.transfers) },
    { name: 'edges.json', data: json(e.transfers) },
    { name: 'positions.csv', data: positionsCsv(e.positions) },
    { name: 'publications.json', data: json(e.publications) },
    { name: 'documents.json', data: json(documents) },
    { name: 'audit-entries.json', data: json(e.auditEntries) },
    { name: 'verify.mjs', data: Buffer.from(VERIFY_SCRIPT, 'utf8') },
    ...documentFiles,
  ];
  const manifest = {
    subject: e.subject,
    generatedAt: e.generatedAt.toISOString(),
    generatedBy: e.generatedBy,
    asOf: e.asOf,
    idleDays: e.idleDays,
    auditHead: e.auditHead,
    totals: {
      transfers: e.transfers.length,
      // What entered the chain, and the sum of every hop (each hop counted: money passed on twice counts twice).
      appropriatedFen: e.transfers.filter((t) => t.kind === 'appropriation').reduce((s, t) => s + t.amountFen, 0n),
      movementsFen: e.transfers.filter((t) => t.kind !== 'reversal').reduce((s, t) => s + t.amountFen, 0n),
      reversedFen: e.transfers.filter((t) => t.kind === 'reversal').reduce((s, t) => s + t.amountFen, 0n),
      publications: e.publications.length,
      documents: e.documents.length,
      auditEntries: e.auditEntries.length,
    },
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256Hex(f.data) })),
  };
  return [...files, { name: 'manifest.json', data: json(manifest) }];
}

export function evidenceZip(e: Evidence): Buffer {
  return zip(evidenceFiles(e), e.generatedAt);
}
