/**
 * Reads the first worksheet of an .xlsx file into a table of cell texts, the same shape the CSV
 * parser produces, so that one validator serves both. No arithmetic is done on any cell value.
 */
import type { Cell, CellValue } from 'exceljs';
import { checkXlsxBounds, XLSX_LIMITS, type XlsxBoundsError } from './xlsx-bounds';

/** 'xlsx': not a readable workbook; 'zip': the archive is too big once inflated; 'extent': a sheet spans too many rows, columns or cells. */
export type XlsxResult = { ok: true; rows: string[][] } | { ok: false; error: XlsxBoundsError };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04": a zip local file header

export function hasZipMagic(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Writes a JS number as a plain decimal string. Excel stores every number as an IEEE double;
 * `String(n)` gives the shortest decimal that round-trips, which is exactly what the user typed
 * whenever that had at most 15 significant digits. Only the exponent form (|n| ≥ 1e21 or
 * < 1e-6) is rewritten, by moving the decimal point in the digit string — never by arithmetic.
 */
export function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', lead = '', frac = '', expText = '0'] = m;
  const digits = lead + frac;
  const exp = Number(expText);
  const point = 1 + exp; // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Excel dates come back from exceljs as Date objects whose UTC fields are the sheet's date. */
export function dateToIsoDay(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

type Scalar = number | string | boolean | Date | null | undefined;

function scalarText(v: Scalar): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return numberToPlainString(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return dateToIsoDay(v);
}

/** Text of one exceljs cell value: rich text joined, hyperlinks by their text, formulas by result. */
export function cellValueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return scalarText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result !== null && typeof result === 'object' && !(result instanceof Date)) return result.error;
    return scalarText(result);
  }
  if ('hyperlink' in value) {
    // exceljs may hand the hyperlink's text over as rich text.
    const text: unknown = value.text;
    if (typeof text === 'string') return text.trim();
    if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
      return (text.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('').trim();
    }
    return '';
  }
  return '';
}

function cellText(cell: Cell): string {
  // Only the top-left cell of a merged range carries the value; the others read as empty so a
  // merged amount is never counted twice.
  if (cell.isMerged && cell.master !== cell) return '';
  return cellValueText(cell.value);
}

/** The message shown for a refused workbook. */
export function xlsxErrorKey(error: XlsxBoundsError): string {
  if (error === 'zip') return 'import.zipTooLarge';
  if (error === 'extent') return 'import.sheetTooLarge';
  return 'import.fileType';
}

export async function readXlsx(bytes: Uint8Array): Promise<XlsxResult> {
  if (!hasZipMagic(bytes)) return { ok: false, error: 'xlsx' };
  const bounds = checkXlsxBounds(bytes);
  if (!bounds.ok) return bounds;
  try {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own `Buffer extends ArrayBuffer`; at run time it takes a Node Buffer.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { ok: false, error: 'xlsx' };
    // The scan above already bounds the used range; checked again on the loaded model before
    // any row is read, since the table below is padded to that rectangle.
    const lastRow = sheet.rowCount;
    const lastColumn = sheet.columnCount;
    if (lastRow > XLSX_LIMITS.maxRows || lastColumn > XLSX_LIMITS.maxColumns || lastRow * lastColumn > XLSX_LIMITS.maxArea) {
      return { ok: false, error: 'extent' };
    }

    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      rows.push(cells);
    }
    while (rows.length > 0 && (rows[rows.length - 1] ?? []).length === 0) rows.pop();
    const width = rows.reduce((w, cells) => Math.max(w, cells.length), 0);
    for (const cells of rows) while (cells.length < width) cells.push('');
    return { ok: true, rows };
  } catch {
    return { ok: false, error: 'xlsx' };
  }
}
