import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProgrammes } from '@/lib/dal/ledger/programmes';
import { listTransfers } from '@/lib/dal/ledger/transfer-list';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const page = { page: 1, pageSize: 200, dir: 'desc' as const };

describe.each(DRIVERS)('what each role is offered on the chain-of-funds lists on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('lists for an implementing unit the programmes that fund its projects, with what its projects hold', async () => {
    const { rows } = await listProgrammes(await ctxFor(t.db, 'unit'), { ...page, sort: 'fiscalYear' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.heldByYouFen !== null && r.heldByYouFen > 0n)).toBe(true);
  });

  it('offers a reversal only to the organisation that sent the money, never to an auditor or reviewer', async () => {
    for (const who of ['auditor', 'reviewer', 'admin']) {
      const { rows } = await listTransfers(await ctxFor(t.db, who), { ...page, sort: 'date' });
      expect(rows.length, who).toBeGreaterThan(0);
      expect(rows.filter((r) => r.mayReverse), who).toEqual([]);
    }
    const officer = await ctxFor(t.db, 'officer');
    const { rows } = await listTransfers(officer, { ...page, sort: 'date' });
    const offered = rows.filter((r) => r.mayReverse);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((r) => r.fromName === officer.actor.organisationName && r.kind !== 'appropriation' && r.kind !== 'reversal')).toBe(true);
    // Money the officer's organisation received (from the province) is not theirs to take back.
    expect(rows.some((r) => r.toName === officer.actor.organisationName && !r.mayReverse)).toBe(true);
  });
});
