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

export function auditHash(prevHash: string, entry: AuditFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(entry)}`);
}

export type ChainCheck = { ok: true; count: number; head: string } | { ok: false; brokenAtId: number; reason: 'prev_hash' | 'hash' };

/** Walks entries in id order and recomputes every link. */
export function verifyChain(entries: Iterable<AuditFields & { id: number; prevHash: string; hash: string }>): ChainCheck {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const e of entries) {
    if (e.prevHash !== prev) return { ok: false, brokenAtId: e.id, reason: 'prev_hash' };
    const { at, actorId, actorRole, action, entityType, entityId, before, after } = e;
    if (auditHash(prev, { at, actorId, actorRole, action, entityType, entityId, before, after }) !== e.hash) {
      return { ok: false, brokenAtId: e.id, reason: 'hash' };
    }
    prev = e.hash;
    count++;
  }
  return { ok: true, count, head: prev };
}
