import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/import/csv';
import { decodeSpreadsheetText } from '@/lib/import/decode';
import { sniffFileKind } from '@/lib/import/sniff';
import { guessAmountUnit, guessMapping, validateTransferRows, type RowLookups } from '@/lib/import/transfer-rows';
import { readXlsx } from '@/lib/import/xlsx';

const lookups: RowLookups = {
  programmes: new Map([['YQ-2025-01', { id: 7, fiscalYear: 2025 }]]),
  holders: new Map([
    ['阳泉市财政局', 1],
    ['盂县财政局', 2],
  ]),
};

async function tableOf(bytes: Uint8Array, filename: string): Promise<string[][]> {
  const kind = sniffFileKind(bytes, filename);
  if (kind === 'xlsx') {
    const x = await readXlsx(bytes);
    if (!x.ok) throw new Error(x.error);
    return x.rows;
  }
  if (kind !== 'csv') throw new Error(kind);
  const d = decodeSpreadsheetText(bytes);
  if (!d.ok) throw new Error(d.error);
  return parseCsv(d.text);
}

describe('import pipeline', () => {
  it('takes a GB18030 CSV from Chinese Excel through to valid rows', async () => {
    const csv = '专项资金编码,拨出单位,接收单位,金额（万元）,日期,文号,类型,备注\r\nYQ-2025-01,阳泉市财政局,盂县财政局,"1,200.5",2025/3/15,阳财建〔2025〕105号,下达,"第一批,生态修复"\r\n';
    const table = await tableOf(new Uint8Array(iconv.encode(csv, 'gb18030')), '拨付.csv');
    const mapping = guessMapping(table[0] ?? [], 'transfers');
    expect(guessAmountUnit(table[0] ?? [], mapping)).toBe('wan');
    expect(validateTransferRows(table, mapping, lookups)).toEqual({
      rows: [
        { line: 2, programmeId: 7, fromHolderId: 1, toHolderId: 2, amountFen: 1_200_500_000n, transferDate: '2025-03-15', docNumber: '阳财建〔2025〕105号', kind: 'allocation', note: '第一批,生态修复' },
      ],
      errors: [],
    });
  });

  it('takes an xlsx with a numeric amount and a date cell through to valid rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Programme code', 'From', 'To', 'Amount', 'Date', 'Doc no', 'Kind', 'Note']);
    ws.addRow(['YQ-2025-01', '阳泉市财政局', '盂县财政局', 1234.56, new Date(Date.UTC(2025, 5, 30)), '阳财建〔2025〕106号', 'allocation', null]);
    const table = await tableOf(new Uint8Array(await wb.xlsx.writeBuffer()), 'upload.bin');
    const { rows, errors } = validateTransferRows(table, guessMapping(table[0] ?? [], 'transfers'), lookups);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, programmeId: 7, fromHolderId: 1, toHolderId: 2, amountFen: 123_456n, transferDate: '2025-06-30', docNumber: '阳财建〔2025〕106号', kind: 'allocation', note: null },
    ]);
  });
});
