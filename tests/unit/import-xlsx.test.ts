import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellValueText, numberToPlainString, readXlsx } from '@/lib/import/xlsx';

async function workbookBytes(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('拨付');
  fill(ws, wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readXlsx', () => {
  it('round-trips a workbook: strings, numbers, dates, rich text, formulas and empty cells', async () => {
    const bytes = await workbookBytes((ws, wb) => {
      ws.addRow(['专项资金编码', '拨出单位', '金额（元）', '日期', '文号', '备注']);
      ws.addRow(['  YQ-2025-01 ', 'SX-CZT', 1234.56, new Date(Date.UTC(2025, 2, 15)), '晋财资环〔2025〕12号', null]);
      ws.addRow([
        { richText: [{ text: 'YQ-' }, { text: '2025-02', font: { bold: true } }] },
        'YQ-CZJ',
        { formula: 'C2*2', result: 2469.12 },
        new Date(Date.UTC(2024, 1, 29)),
        12345678901234.5,
        0.1,
      ]);
      ws.addRow([]);
      ws.addRow(['only-first']);
      // A second sheet must be ignored.
      wb.addWorksheet('其他').addRow(['ignored']);
    });

    const result = await readXlsx(bytes);
    expect(result).toEqual({
      ok: true,
      rows: [
        ['专项资金编码', '拨出单位', '金额（元）', '日期', '文号', '备注'],
        ['YQ-2025-01', 'SX-CZT', '1234.56', '2025-03-15', '晋财资环〔2025〕12号', ''],
        ['YQ-2025-02', 'YQ-CZJ', '2469.12', '2024-02-29', '12345678901234.5', '0.1'],
        ['', '', '', '', '', ''],
        ['only-first', '', '', '', '', ''],
      ],
    });
  });

  it('drops trailing empty rows', async () => {
    const bytes = await workbookBytes((ws) => {
      ws.addRow(['a', 'b']);
      ws.addRow([1, 2]);
      ws.getCell('A5').value = null;
      ws.getCell('B6').value = '';
    });
    expect(await readXlsx(bytes)).toEqual({ ok: true, rows: [['a', 'b'], ['1', '2']] });
  });

  it('reads only the top-left cell of a merged range', async () => {
    const bytes = await workbookBytes((ws) => {
      ws.addRow(['金额', '备注']);
      ws.addRow([100, 'x']);
      ws.addRow([null, 'y']);
      ws.mergeCells('A2:A3');
    });
    expect(await readXlsx(bytes)).toEqual({ ok: true, rows: [['金额', '备注'], ['100', 'x'], ['', 'y']] });
  });

  it('refuses bytes that are not a zip, and a zip that is not a workbook', async () => {
    expect(await readXlsx(new TextEncoder().encode('a,b\n1,2\n'))).toEqual({ ok: false, error: 'xlsx' });
    expect(await readXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toEqual({ ok: false, error: 'xlsx' });
    // Zip magic followed by garbage.
    expect(await readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]))).toEqual({ ok: false, error: 'xlsx' });
  });
});

describe('cell text', () => {
  it('writes numbers without exponent notation and without arithmetic', () => {
    expect(numberToPlainString(1234.56)).toBe('1234.56');
    expect(numberToPlainString(0.1)).toBe('0.1');
    expect(numberToPlainString(-3)).toBe('-3');
    expect(numberToPlainString(1e21)).toBe('1000000000000000000000');
    expect(numberToPlainString(1.5e22)).toBe('15000000000000000000000');
    expect(numberToPlainString(1.5e-7)).toBe('0.00000015');
    expect(numberToPlainString(-2.5e-8)).toBe('-0.000000025');
    expect(numberToPlainString(Number.NaN)).toBe('');
  });

  it('converts every exceljs value shape', () => {
    expect(cellValueText(null)).toBe('');
    expect(cellValueText(' 文本 ')).toBe('文本');
    expect(cellValueText(true)).toBe('TRUE');
    expect(cellValueText(new Date(Date.UTC(2026, 0, 5, 13, 30)))).toBe('2026-01-05');
    expect(cellValueText({ error: '#N/A' })).toBe('#N/A');
    expect(cellValueText({ formula: 'A1', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(cellValueText({ formula: 'A1' })).toBe('');
    expect(cellValueText({ sharedFormula: 'A1', result: 'x' })).toBe('x');
    expect(cellValueText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
  });
});
