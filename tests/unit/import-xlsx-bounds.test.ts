import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx, xlsxErrorKey } from '@/lib/import/xlsx';
import { checkWorksheetXml, checkXlsxBounds, parseCellRef, XLSX_LIMITS } from '@/lib/import/xlsx-bounds';
import { craftedXlsx, FAR_CORNER, sheetXml } from '../support/crafted-xlsx';

describe('sheet bombs', () => {
  it('reads a small crafted workbook (the fixture itself is valid)', async () => {
    const bytes = await craftedXlsx(sheetXml('A1:B2', '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>'));
    expect(await readXlsx(bytes)).toEqual({ ok: true, rows: [['a', '1'], ['', '2']] });
  });

  it('refuses one cell at A1 and one at XFD1048576 quickly, without padding the table', async () => {
    const bytes = await craftedXlsx(sheetXml('A1:XFD1048576', FAR_CORNER));
    expect(bytes.length).toBeLessThan(2048);
    const started = Date.now();
    expect(await readXlsx(bytes)).toEqual({ ok: false, error: 'extent' });
    expect(Date.now() - started).toBeLessThan(5000);
  }, 10_000);

  it('refuses the far cell even when the declared dimension lies', async () => {
    const bytes = await craftedXlsx(sheetXml('A1', FAR_CORNER));
    expect(await readXlsx(bytes)).toEqual({ ok: false, error: 'extent' });
  }, 10_000);

  it('refuses a declared dimension beyond the limits before reading any cell', async () => {
    const bytes = await craftedXlsx(sheetXml('A1:B200000', '<row r="1"><c r="A1"><v>1</v></c></row>'));
    expect(checkXlsxBounds(bytes)).toEqual({ ok: false, error: 'extent' });
  });

  it('refuses too many columns, and too large an area of rows × columns', () => {
    expect(() => checkWorksheetXml(sheetXml('A1', '<row r="1"><c r="IW1"><v>1</v></c></row>'))).toThrow();
    expect(checkWorksheetXml(sheetXml('A1', '<row r="1"><c r="IV1"><v>1</v></c></row>'))).toBe(1);
    expect(() => checkWorksheetXml(sheetXml('A1', '<row r="1"><c r="IV1"><v>1</v></c></row><row r="10000"><c r="A10000"><v>1</v></c></row>'))).toThrow();
  });

  it('follows implied positions where a writer leaves out row and cell references', () => {
    const cells = '<c><v>1</v></c>'.repeat(XLSX_LIMITS.maxColumns + 1);
    expect(() => checkWorksheetXml(sheetXml('A1', `<row>${cells}</row>`))).toThrow();
    expect(checkWorksheetXml(sheetXml('A1', '<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'))).toBe(3);
  });

  it('checks every worksheet, not only the first', async () => {
    const bytes = await craftedXlsx(sheetXml('A1', '<row r="1"><c r="A1"><v>1</v></c></row>'), { 'xl/worksheets/sheet2.xml': sheetXml('A1:XFD1048576', FAR_CORNER) });
    expect(await readXlsx(bytes)).toEqual({ ok: false, error: 'extent' });
  });

  it('counts a worksheet stored under a name exceljs still reads (leading slash, any prefix), and refuses names no spreadsheet writes', async () => {
    const far = sheetXml('A1', FAR_CORNER);
    const small = sheetXml('A1', '<row r="1"><c r="A1"><v>1</v></c></row>');
    for (const name of ['x/xl/worksheets/sheet1.xml', 'a/b/xl/worksheets/sheet2.xml']) {
      expect(checkXlsxBounds(await craftedXlsx(small, { [name]: far })), name).toEqual({ ok: false, error: 'extent' });
    }
    for (const name of ['/xl/worksheets/sheet1.xml', 'xl/../xl/worksheets/sheet2.xml', 'xl\\worksheets\\sheet2.xml']) {
      expect(checkXlsxBounds(await craftedXlsx(small, { [name]: small })), name).toEqual({ ok: false, error: 'xlsx' });
    }
  });

  it('counts the cells of every sheet against one budget, since every sheet is loaded', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}">${'<c><v>1</v></c>'.repeat(6)}</row>`).join('');
    const half = sheetXml('A1:F100000', rows(100_000));
    expect(checkWorksheetXml(half)).toBe(600_000);
    const bytes = await craftedXlsx(half, { 'xl/worksheets/sheet2.xml': half });
    expect(checkXlsxBounds(bytes)).toEqual({ ok: false, error: 'extent' });
  }, 60_000);

  it('parses cell references', () => {
    expect(parseCellRef('XFD1048576')).toEqual({ row: 1048576, col: 16384 });
    expect(parseCellRef('$B$3')).toEqual({ row: 3, col: 2 });
    expect(parseCellRef('not a ref')).toBeNull();
  });
});

describe('zip bombs', () => {
  it('refuses an archive that inflates beyond the budget', async () => {
    const bytes = await craftedXlsx(sheetXml('A1', ''), { 'xl/media/zeros.bin': new Uint8Array(XLSX_LIMITS.maxUncompressedBytes + 1) });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(await readXlsx(bytes)).toEqual({ ok: false, error: 'zip' });
  }, 60_000);

  it('refuses an entry whose declared size is smaller than what it inflates to', async () => {
    const bytes = await craftedXlsx(sheetXml('A1', ''), { 'xl/media/zeros.bin': new Uint8Array(1_000_000) });
    // Rewrite the declared uncompressed size of that entry, in its central directory record.
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/media/zeros.bin');
    let patched = false;
    for (let p = 0; p + 46 < bytes.length; p++) {
      if (dv.getUint32(p, true) !== 0x02014b50) continue;
      const n = dv.getUint16(p + 28, true);
      if (n === name.length && bytes.subarray(p + 46, p + 46 + n).every((b, i) => b === name[i])) {
        dv.setUint32(p + 24, 1000, true);
        patched = true;
      }
    }
    expect(patched).toBe(true);
    expect(checkXlsxBounds(bytes)).toEqual({ ok: false, error: 'zip' });
  });

  it('refuses an archive with too many entries', async () => {
    const many = Object.fromEntries(Array.from({ length: XLSX_LIMITS.maxEntries }, (_, i) => [`xl/media/f${i}.txt`, 'x']));
    const bytes = await craftedXlsx(sheetXml('A1', ''), many);
    expect(checkXlsxBounds(bytes)).toEqual({ ok: false, error: 'zip' });
  }, 30_000);

  it('lets an ordinary exceljs workbook through and names each refusal', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('拨付');
    for (let r = 0; r < 2000; r++) ws.addRow(['YQ-2025-01', 'SX-CZT', r * 100, '晋财资环〔2025〕12号']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(checkXlsxBounds(bytes)).toEqual({ ok: true });
    const read = await readXlsx(bytes);
    expect(read.ok && read.rows.length).toBe(2000);
    expect(xlsxErrorKey('zip')).toBe('import.zipTooLarge');
    expect(xlsxErrorKey('extent')).toBe('import.sheetTooLarge');
    expect(xlsxErrorKey('xlsx')).toBe('import.fileType');
  });
});
