import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sniffFileKind } from '@/lib/import/sniff';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffFileKind', () => {
  it('recognises a real xlsx by content, whatever the name', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['a']);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(sniffFileKind(xlsx, '导入.xlsx')).toBe('xlsx');
    expect(sniffFileKind(xlsx, 'data.csv')).toBe('xlsx');
  });

  it('treats text as CSV even when named .xlsx or .xls', () => {
    expect(sniffFileKind(text('金额,日期\n1,2\n'), '拨付.xlsx')).toBe('csv');
    expect(sniffFileKind(text('a,b\n'), 'a.xls')).toBe('csv');
    expect(sniffFileKind(bytes(0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62), 'a.csv')).toBe('csv');
    // GBK bytes are text too; the decoder decides about the encoding.
    expect(sniffFileKind(bytes(0xbd, 0xf0, 0xb6, 0xee, 0x2c, 0x31, 0x0d, 0x0a), 'a.csv')).toBe('csv');
    // UTF-16 with BOM goes to the decoder so the user hears about the encoding.
    expect(sniffFileKind(bytes(0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00), 'a.csv')).toBe('csv');
  });

  it('refuses legacy .xls, PDF, images, other zips, binary and HTML', () => {
    expect(sniffFileKind(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0), 'a.xls')).toBe('unsupported');
    expect(sniffFileKind(text('%PDF-1.7\n'), 'a.csv')).toBe('unsupported');
    expect(sniffFileKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'a.csv')).toBe('unsupported');
    expect(sniffFileKind(bytes(0xff, 0xd8, 0xff, 0xe0), 'a.xlsx')).toBe('unsupported');
    // A zip with no xl/ part (e.g. a .docx) is not a workbook.
    expect(sniffFileKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text('word/document.xml')]), 'a.xlsx')).toBe('unsupported');
    expect(sniffFileKind(bytes(0x61, 0x2c, 0x00, 0x62), 'a.csv')).toBe('unsupported');
    expect(sniffFileKind(text('  <html><table><tr><td>1</td></tr></table></html>'), 'export.xls')).toBe('unsupported');
  });

  it('calls an empty file CSV (the parser then finds no rows)', () => {
    expect(sniffFileKind(new Uint8Array(0), 'a.csv')).toBe('csv');
  });
});
