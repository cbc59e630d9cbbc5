import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/domain/vocabulary';
import { LANDINGS } from '@/lib/auth/landing';
import { can } from '@/lib/auth/permissions';
import { MAIN_ACTIONS, mayOpen, openable, ROUTES } from '@/lib/auth/routes';

/** The permission a page's `requirePage` call names (directly or through its role's landing). */
function pagePermission(route: string): string {
  const file = path.join(process.cwd(), 'app/(workspace)', route, 'page.tsx');
  const source = fs.readFileSync(file, 'utf8');
  const call = /requirePage\(\s*(?:'([\w.]+)'|LANDINGS\.(\w+)\.permission)/.exec(source);
  if (!call) throw new Error(`${route} has no requirePage call`);
  return call[1] ?? LANDINGS[call[2] as keyof typeof LANDINGS].permission;
}

describe('route registry', () => {
  it('names for every route the permission its page actually requires', () => {
    for (const [key, route] of Object.entries(ROUTES)) expect(pagePermission(route.path), key).toBe(route.permission);
  });

  it('offers each role main actions it may open, and something to do on every landing but the moderator’s queue', () => {
    for (const role of ROLES) {
      for (const key of MAIN_ACTIONS[role]) expect(mayOpen(role, key), `${role} → ${key}`).toBe(true);
      if (role !== 'moderator') expect(openable(role, MAIN_ACTIONS[role]).length, role).toBeGreaterThan(0);
      expect(can({ role }, LANDINGS[role].permission)).toBe(true);
    }
    // The cases of issue #10: no programme opening for a unit, no ledger writing for an auditor.
    expect(mayOpen('implementing_unit', 'newProgramme')).toBe(false);
    expect(mayOpen('auditor', 'newTransfer')).toBe(false);
    expect(mayOpen('auditor', 'reverseTransfer')).toBe(false);
  });
});
