/**
 * Turns the bytes of an uploaded CSV into text. Accepted: UTF-8 (with or without BOM) and
 * GB18030/GBK, which is what Chinese-locale Excel writes for "CSV (逗号分隔)". Everything else
 * (UTF-16, binary, Big5, Shift-JIS, …) is refused rather than imported as mojibake.
 */

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' }
  | { ok: false; error: 'encoding' };

const REFUSED: DecodeResult = { ok: false, error: 'encoding' };

/** C0 controls other than tab, LF and CR, DEL, and U+FFFD (a replacement char means lost data). */
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;
/** Private-use code points: GBK's user-defined areas, where Big5 text tends to land. */
const PRIVATE_USE = /[\uE000-\uF8FF]/;

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Counts the non-ASCII characters of GB18030 bytes and how many of them are "common": a two-byte
 * code in GB2312 rows 0xA1–0xA3 (CJK punctuation, numbered forms, fullwidth ASCII) or 0xB0–0xF7
 * (the 6,763 everyday hanzi), both with trail 0xA1–0xFE. The structure was already validated by
 * the fatal decoder, so the walk only has to tell 1-, 2- and 4-byte codes apart.
 */
function gbCharClasses(bytes: Uint8Array): { nonAscii: number; common: number } {
  let nonAscii = 0;
  let common = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const second = bytes[i + 1] ?? 0;
    nonAscii += 1;
    if (second >= 0x30 && second <= 0x39) {
      i += 4; // four-byte code: outside GBK, never "common"
      continue;
    }
    const commonRow = (lead >= 0xa1 && lead <= 0xa3) || (lead >= 0xb0 && lead <= 0xf7);
    if (commonRow && second >= 0xa1 && second <= 0xfe) common += 1;
    i += 2;
  }
  return { nonAscii, common };
}

export function decodeSpreadsheetText(bytes: Uint8Array): DecodeResult {
  // UTF-16 (either byte order) and anything with NUL bytes is not a text format we read.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return REFUSED;
  if (bytes.includes(0)) return REFUSED;

  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    if (text === null || FORBIDDEN_CHARS.test(text)) return REFUSED;
    return { ok: true, text, encoding: 'utf-8-bom' };
  }

  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) {
    if (FORBIDDEN_CHARS.test(utf8)) return REFUSED;
    return { ok: true, text: utf8, encoding: 'utf-8' };
  }

  const gb = tryDecode('gb18030', bytes);
  if (gb === null || FORBIDDEN_CHARS.test(gb) || PRIVATE_USE.test(gb)) return REFUSED;
  // GB18030 heuristic: no controls/U+FFFD/private use, and ≥ half of the non-ASCII chars must be GB2312 hanzi or CJK punctuation/fullwidth forms (Big5/Shift-JIS decoded as GBK land mostly in the rare GBK/3–4, kana and user-defined areas).
  const { nonAscii, common } = gbCharClasses(bytes);
  if (common * 2 < nonAscii) return REFUSED;
  return { ok: true, text: gb.startsWith('\uFEFF') ? gb.slice(1) : gb, encoding: 'gb18030' };
}
