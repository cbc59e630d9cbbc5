import { describe, expect, it } from 'vitest';
import { auditHash, auditHashV2, canonicalJson, GENESIS_HASH, walkChain, type AuditFields, type ChainEntry } from '@/lib/audit/chain';
import { describeProblem } from '@/lib/audit/report';

const entry = (n: number): AuditFields => ({ at: `2026-01-0${n}T00:00:00.000Z`, actorId: n, actorRole: 'finance_officer', action: 'transfer.recorded', entityType: 'transfer', entityId: String(n), before: null, after: { amountFen: `${n}00` } });

/** n entries; the first `legacy` of them written before seq was hashed (version 1). */
function chain(n: number, legacy = 0): ChainEntry[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const e = entry(i + 1);
    const seq = i + 1;
    const hashVersion = i < legacy ? 1 : 2;
    const hash = hashVersion === 1 ? auditHash(prev, e) : auditHashV2(prev, seq, e);
    const row = { ...e, id: i + 1, seq, hashVersion, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

describe('audit hash chain', () => {
  it('serialises canonically whatever the key order, with bigints as strings', () => {
    expect(canonicalJson({ b: 1, a: { d: 2n, c: [1, 'x'] } })).toBe('{"a":{"c":[1,"x"],"d":"2"},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('verifies an intact chain, old entries by their old hash and new ones with seq, and reports its head', () => {
    const rows = chain(5, 2);
    expect(walkChain(rows)).toEqual({ count: 5, head: { seq: 5, hash: rows[4]!.hash }, problems: [] });
    // Version 2 binds the number: the same fields at another place hash differently.
    expect(auditHashV2(GENESIS_HASH, 1, entry(1))).not.toBe(auditHashV2(GENESIS_HASH, 2, entry(1)));
  });

  it('names an edited entry, a removed entry, a version downgrade and a re-ordered chain', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2]!, after: { amountFen: '999' } };
    expect(walkChain(edited).problems).toEqual([{ kind: 'changed', seq: 3, id: 3 }]);

    const removed = chain(5).filter((r) => r.seq !== 2);
    expect(walkChain(removed).problems).toEqual([
      { kind: 'gap', fromSeq: 2, toSeq: 2, beforeId: 3 },
      { kind: 'broken_link', seq: 3, id: 3, prevHash: chain(5)[1]!.hash },
    ]);

    const downgraded = chain(3);
    downgraded[2] = { ...downgraded[2]!, hashVersion: 1, hash: auditHash(downgraded[2]!.prevHash, entry(3)) };
    expect(walkChain(downgraded).problems).toEqual([{ kind: 'changed', seq: 3, id: 3 }]);

    const swapped = chain(4);
    [swapped[1], swapped[2]] = [{ ...swapped[2]!, seq: 2 }, { ...swapped[1]!, seq: 3 }];
    expect(walkChain(swapped).problems.map((p) => p.kind)).toEqual(['broken_link', 'broken_link', 'broken_link']);
  });

  it('walks on from a verified checkpoint without the entries before it', () => {
    const rows = chain(6);
    expect(walkChain(rows.slice(3), { seq: 3, hash: rows[2]!.hash })).toEqual({ count: 3, head: { seq: 6, hash: rows[5]!.hash }, problems: [] });
    expect(walkChain(rows.slice(4), { seq: 3, hash: rows[2]!.hash }).problems.map((p) => p.kind)).toEqual(['gap', 'broken_link']);
  });

  it('says each problem in one line naming seq and id', () => {
    expect(describeProblem({ kind: 'changed', seq: 7, id: 9 })).toBe('changed: entry seq 7 (id 9) no longer gives its hash: a field was changed');
    expect(describeProblem({ kind: 'checkpoint_beyond_head', checkpoint: { source: 'outsider', day: null, seq: 12, hash: 'a'.repeat(64) }, lastSeq: 10 })).toMatch(/^deleted tail: .*seq 12.*seq 10$/);
  });
});
