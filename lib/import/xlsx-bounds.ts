/**
 * Checks an .xlsx file against fixed limits before any spreadsheet library sees it, so that a
 * small hostile file (a zip bomb, or a sheet with one cell at A1 and one at XFD1048576) is refused
 * instead of exhausting memory. The zip is read from its central directory; every entry is
 * inflated with a hard output cap (its declared size, within a total budget), so a size that lies
 * is caught too. Each worksheet's declared dimension and its actual cell references are checked
 * by scanning the XML; nothing is ever allocated by a declared size.
 */
import { inflateRawSync } from 'node:zlib';

export const XLSX_LIMITS = {
  /** Compressed file size. */
  maxBytes: 20 * 1024 * 1024,
  /** Zip entries (a workbook has a dozen or so). */
  maxEntries: 1000,
  /** Sum of all entries once inflated. */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Last used row of any worksheet (header included). */
  maxRows: 100_000,
  /** Last used column of any worksheet (IV = 256). */
  maxColumns: 256,
  /** Rows × columns of a worksheet's used range: the table handed on is padded to that rectangle. */
  maxArea: 2_000_000,
  /** Cells written in the whole workbook: exceljs loads every sheet, at some 300-600 bytes a cell. */
  maxCells: 1_000_000,
} as const;

export type XlsxBoundsError = 'xlsx' | 'zip' | 'extent';
export type XlsxBoundsResult = { ok: true } | { ok: false; error: XlsxBoundsError };

class Refusal extends Error {
  constructor(readonly reason: XlsxBoundsError) {
    super(reason);
  }
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(bytes: Uint8Array, dv: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) return i;
  }
  throw new Refusal('xlsx');
}

function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < 22) throw new Refusal('xlsx');
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, dv);
  const count = dv.getUint16(eocd + 10, true);
  const size = dv.getUint32(eocd + 12, true);
  const offset = dv.getUint32(eocd + 16, true);
  // ZIP64 markers: a workbook within our byte limit never needs them.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new Refusal('zip');
  if (count > XLSX_LIMITS.maxEntries) throw new Refusal('zip');
  if (offset + size > eocd) throw new Refusal('xlsx');
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || dv.getUint32(p, true) !== CENTRAL_SIG) throw new Refusal('xlsx');
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    entries.push({
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      uncompressedSize: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry, never producing more than its declared size. */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const dv = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL_SIG) throw new Refusal('xlsx');
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new Refusal('xlsx');
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new Refusal('xlsx');
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  if (entry.method !== 8) throw new Refusal('xlsx');
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (e) {
    // More output than declared: the header lies, the classic bomb.
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new Refusal('zip');
    throw new Refusal('xlsx');
  }
  if (out.length !== entry.uncompressedSize) throw new Refusal('xlsx');
  return out;
}

const COLUMN_LETTERS = /^([A-Z]{1,3})(\d{1,7})$/;

/** "XFD1048576" → { row: 1048576, col: 16384 }; null when it is not a cell reference. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = COLUMN_LETTERS.exec(ref.replace(/\$/g, '').toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function assertExtent(rows: number, cols: number): void {
  if (rows > XLSX_LIMITS.maxRows || cols > XLSX_LIMITS.maxColumns || rows * cols > XLSX_LIMITS.maxArea) throw new Refusal('extent');
}

const DIMENSION = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/;
const ROW_OR_CELL = /<(?:\w+:)?(row|c)\b([^>]*)>/g;
const R_ATTR = /\br="([^"]*)"/;

/**
 * The declared dimension, then every row and cell tag: their references (or, where a writer left
 * them out, their implied positions) give the used range. Returns the number of cells.
 */
export function checkWorksheetXml(xml: string): number {
  const dimension = DIMENSION.exec(xml)?.[1];
  if (dimension) {
    const corner = parseCellRef(dimension.split(':').pop() ?? '');
    if (corner) assertExtent(corner.row, corner.col);
  }
  let cells = 0;
  let maxRow = 0;
  let maxCol = 0;
  let row = 0;
  let col = 0;
  for (const m of xml.matchAll(ROW_OR_CELL)) {
    const ref = R_ATTR.exec(m[2] ?? '')?.[1];
    if (m[1] === 'row') {
      row = ref && /^\d+$/.test(ref) ? Number(ref) : row + 1;
      col = 0;
    } else {
      const at = ref ? parseCellRef(ref) : null;
      if (at) {
        row = at.row;
        col = at.col;
      } else {
        col += 1;
      }
      cells += 1;
      if (cells > XLSX_LIMITS.maxCells) throw new Refusal('extent');
    }
    if (row > maxRow) maxRow = row;
    if (col > maxCol) maxCol = col;
    assertExtent(maxRow, maxCol);
  }
  return cells;
}

// exceljs strips leading slashes and finds `xl/worksheets/sheetN.xml` anywhere in an entry's name,
// so any entry that ends like a worksheet is counted as one.
const WORKSHEET_PART = /(^|\/)xl\/worksheets\/[^/]+\.xml$/i;
/** Entry names a spreadsheet program writes: relative, forward slashes, no `..`, no control characters. */
const CANONICAL_NAME = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\\x00-\x1f]+$/;

/** Refuses a file whose zip or whose worksheets exceed the limits; reads nothing else. */
export function checkXlsxBounds(bytes: Uint8Array): XlsxBoundsResult {
  try {
    if (bytes.length > XLSX_LIMITS.maxBytes) throw new Refusal('zip');
    const entries = centralDirectory(bytes);
    let budget = XLSX_LIMITS.maxUncompressedBytes;
    let cells = 0;
    for (const entry of entries) {
      if (entry.uncompressedSize > budget) throw new Refusal('zip');
      budget -= entry.uncompressedSize;
      if (!CANONICAL_NAME.test(entry.name)) throw new Refusal('xlsx');
      if (entry.name.endsWith('/')) continue;
      const content = inflateEntry(bytes, entry);
      if (WORKSHEET_PART.test(entry.name)) {
        cells += checkWorksheetXml(content.toString('utf8'));
        if (cells > XLSX_LIMITS.maxCells) throw new Refusal('extent');
      }
    }
    return { ok: true };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.reason };
    return { ok: false, error: 'xlsx' };
  }
}
