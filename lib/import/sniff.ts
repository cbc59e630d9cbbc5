/**
 * Decides how to read an upload from its bytes. The filename is only a hint for messages
 * elsewhere and never overrides the content: a CSV renamed to .xlsx is still read as CSV, and
 * an .xls that is really an OLE2 (Excel 97-2003) file is refused.
 */

export type FileKind = 'csv' | 'xlsx' | 'unsupported';

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const REFUSED_MAGICS: readonly (readonly number[])[] = [
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE2: legacy .xls / .doc / .et
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x50, 0x4b, 0x07, 0x08], // spanned zip
];

/** "xl/" — every entry of an xlsx workbook part lives under it; docx/odt/jar zips have none. */
const XL_DIR = [0x78, 0x6c, 0x2f];

function containsBytes(haystack: Uint8Array, needle: readonly number[]): boolean {
  const last = haystack.length - needle.length;
  outer: for (let i = 0; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Bytes a text file never has in its first few KB (NUL and most C0 controls). */
function looksBinary(head: Uint8Array): boolean {
  // UTF-16 text starts with a BOM; let the decoder refuse it with an encoding message instead.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return true;
  }
  return false;
}

/** HTML or XML disguised as .xls (a common export of older government systems) is not a CSV. */
function looksMarkup(head: Uint8Array): boolean {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (let i = start; i < head.length; i++) {
    const b = head[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x3c; // '<'
  }
  return false;
}

export function sniffFileKind(bytes: Uint8Array, filename: string): FileKind {
  void filename; // a hint only: the content decides
  if (startsWith(bytes, ZIP)) return containsBytes(bytes, XL_DIR) ? 'xlsx' : 'unsupported';
  if (REFUSED_MAGICS.some((magic) => startsWith(bytes, magic))) return 'unsupported';
  const head = bytes.subarray(0, 4096);
  if (looksBinary(head) || looksMarkup(head)) return 'unsupported';
  return 'csv';
}
