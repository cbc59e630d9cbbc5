import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factorValuesFromSheet } from '@/lib/dal/formulas/sheet';
import { previewImport } from '@/lib/dal/import/imports';
import { AppError } from '@/lib/errors';
import { ctxFor } from '../support/actors';
import { craftedXlsx, FAR_CORNER, sheetXml } from '../support/crafted-xlsx';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe.each(DRIVERS)('sheet bombs at the data layer on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  it('the transfer import preview refuses a sheet spanning A1:XFD1048576 with its own message', async () => {
    const bytes = await craftedXlsx(sheetXml('A1:XFD1048576', FAR_CORNER));
    const e = await refusal(previewImport(await ctxFor(t.db, 'officer'), { filename: 'bomb.xlsx', bytes }, 'transfers'));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('validation');
    expect((e as AppError).messageKey).toBe('import.sheetTooLarge');
  }, 20_000);

  it('the factor-value sheet import refuses it too, and a zip bomb with the zip message', async () => {
    const officer = await ctxFor(t.db, 'officer');
    const far = await refusal(factorValuesFromSheet(officer, 1, { filename: 'bomb.xlsx', bytes: await craftedXlsx(sheetXml('A1', FAR_CORNER)) }));
    expect((far as AppError).messageKey).toBe('import.sheetTooLarge');
    expect((far as AppError).fieldErrors).toEqual({ sheet: 'import.sheetTooLarge' });
    const zipBomb = await craftedXlsx(sheetXml('A1', ''), { 'xl/media/zeros.bin': new Uint8Array(101 * 1024 * 1024) });
    const big = await refusal(factorValuesFromSheet(officer, 1, { filename: 'zip.xlsx', bytes: zipBomb }));
    expect((big as AppError).messageKey).toBe('import.zipTooLarge');
  }, 60_000);
});
