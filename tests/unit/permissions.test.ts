import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/domain/vocabulary';
import { LANDINGS } from '@/lib/auth/landing';
import { can, PERMISSIONS, permissionsOf, scopeOf } from '@/lib/auth/permissions';
import { createRandom } from '@/lib/domain/random';

describe('permission registry', () => {
  it('gives every role its own landing page and refuses it to every other role', () => {
    for (const role of ROLES) {
      expect(can(role, LANDINGS[role].permission)).toBe(true);
      for (const other of ROLES) {
        if (other !== role) expect(can(other, LANDINGS[role].permission), `${other} on ${role}'s page`).toBe(false);
      }
    }
  });

  it('only grants registered permissions, keeps the auditor read-only, and scopes officers to their organisation', () => {
    for (const role of ROLES) for (const p of permissionsOf(role)) expect(PERMISSIONS).toContain(p);
    expect(permissionsOf('auditor').filter((p) => /write|record|apply|manage|review|score/.test(p) && p !== 'finding.record')).toEqual([]);
    expect(can('auditor', 'classified.read')).toBe(true);
    expect(can('finance_officer', 'classified.read')).toBe(false);
    expect(scopeOf('finance_officer')).toBe('organisation');
    expect(scopeOf('auditor')).toBe('all');
  });
});

describe('deterministic demo randomness', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const draw = (r: ReturnType<typeof createRandom>) => Array.from({ length: 5 }, () => r.bigintBetween(1n, 10n ** 12n));
    const da = draw(a);
    expect(da).toEqual(draw(b));
    expect(da).not.toEqual(draw(c));
    for (const v of da) expect(v >= 1n && v <= 10n ** 12n).toBe(true);
  });
});
