import { sha256Hex } from '@/lib/domain/sha256';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys and bigints as strings: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Makes a value storable as jsonb with the same canonical form it was hashed with. */
export function toJsonSafe(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(canonicalJson(value));
}

export interface AuditFields {
  at: string;
  actorId: number | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Version 1: the entries written before the chain was numbered; their hash does not cover seq. */
export function auditHash(prevHash: string, entry: AuditFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(entry)}`);
}

/** Version 2: the hash covers the entry's place in the chain too, so a checkpoint's seq is bound to its hash. */
export function auditHashV2(prevHash: string, seq: number, entry: AuditFields): string {
  return sha256Hex(`v2\n${prevHash}\n${seq}\n${canonicalJson(entry)}`);
}

export interface ChainEntry extends AuditFields {
  id: number;
  seq: number;
  hashVersion: number;
  prevHash: string;
  hash: string;
}

/** Where a walk starts: the genesis, or a checkpoint already verified. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export const GENESIS: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

/**
 * What a walk can find wrong, one per entry at most (the first that applies):
 * - `gap`: seq numbers fromSeq..toSeq are missing (entries deleted);
 * - `broken_link`: the entry's prevHash is not the hash of the entry before it;
 * - `changed`: the entry's fields no longer give its stored hash.
 */
export type ChainProblem =
  | { kind: 'gap'; fromSeq: number; toSeq: number; beforeId: number }
  | { kind: 'broken_link'; seq: number; id: number; prevHash: string }
  | { kind: 'changed'; seq: number; id: number };

export interface ChainWalk {
  /** Entries walked. */
  count: number;
  /** The last entry walked (or the anchor when there was none). */
  head: ChainAnchor;
  problems: ChainProblem[];
}

export function recomputeHash(e: ChainEntry, prevHash: string): string {
  const { at, actorId, actorRole, action, entityType, entityId, before, after } = e;
  const fields = { at, actorId, actorRole, action, entityType, entityId, before, after };
  return e.hashVersion === 1 ? auditHash(prevHash, fields) : auditHashV2(prevHash, e.seq, fields);
}

/**
 * Walks entries in seq order from an anchor and checks every link, hash and number. Feed it in
 * batches (`step`) so a long log is never held whole; `finish` gives the result.
 */
export function chainWalker(anchor: ChainAnchor = GENESIS) {
  let prev = anchor;
  let count = 0;
  let sawV2 = false;
  const problems: ChainProblem[] = [];
  return {
    step(e: ChainEntry) {
      if (e.seq !== prev.seq + 1) problems.push({ kind: 'gap', fromSeq: prev.seq + 1, toSeq: e.seq - 1, beforeId: e.id });
      // A version-1 entry after a version-2 one was not written by appendAudit: its hash rule was chosen to fit.
      const legacyAfterV2 = e.hashVersion === 1 && sawV2;
      sawV2 ||= e.hashVersion === 2;
      if (e.prevHash !== prev.hash) problems.push({ kind: 'broken_link', seq: e.seq, id: e.id, prevHash: e.prevHash });
      else if (legacyAfterV2 || recomputeHash(e, e.prevHash) !== e.hash) problems.push({ kind: 'changed', seq: e.seq, id: e.id });
      prev = { seq: e.seq, hash: e.hash };
      count++;
    },
    finish(): ChainWalk {
      return { count, head: prev, problems };
    },
  };
}

export function walkChain(entries: Iterable<ChainEntry>, anchor: ChainAnchor = GENESIS): ChainWalk {
  const walker = chainWalker(anchor);
  for (const e of entries) walker.step(e);
  return walker.finish();
}
