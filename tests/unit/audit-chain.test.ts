import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, verifyChain, type AuditFields } from '@/lib/audit/chain';

const entry = (n: number): AuditFields => ({ at: `2026-01-0${n}T00:00:00.000Z`, actorId: n, actorRole: 'finance_officer', action: 'transfer.recorded', entityType: 'transfer', entityId: String(n), before: null, after: { amountFen: `${n}00` } });

function chain(n: number) {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const e = entry(i + 1);
    const hash = auditHash(prev, e);
    const row = { ...e, id: i + 1, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

describe('audit hash chain', () => {
  it('serialises canonically whatever the key order, with bigints as strings', () => {
    expect(canonicalJson({ b: 1, a: { d: 2n, c: [1, 'x'] } })).toBe('{"a":{"c":[1,"x"],"d":"2"},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('verifies an intact chain and reports its head', () => {
    const rows = chain(5);
    expect(verifyChain(rows)).toEqual({ ok: true, count: 5, head: rows[4]!.hash });
  });

  it('finds an edited entry, a removed entry and a re-ordered chain', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2]!, after: { amountFen: '999' } };
    expect(verifyChain(edited)).toEqual({ ok: false, brokenAtId: 3, reason: 'hash' });
    const removed = chain(5).filter((r) => r.id !== 2);
    expect(verifyChain(removed)).toEqual({ ok: false, brokenAtId: 3, reason: 'prev_hash' });
    const swapped = chain(3);
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(verifyChain(swapped).ok).toBe(false);
  });
});
