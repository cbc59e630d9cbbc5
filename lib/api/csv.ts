/**
 * The one CSV writer of the portal (RFC 4180, CRLF, UTF-8 with a byte-order mark so that Excel
 * opens Chinese text correctly).
 *
 * Formula injection: a spreadsheet runs a cell that begins with = + - @ (or a tab or carriage
 * return, which some of them skip first) as a formula. Every text cell beginning so, possibly
 * after characters a spreadsheet may skip or not show (any Unicode white space such as NBSP,
 * U+3000 or U+2000–U+200A; the byte-order mark; zero-width and other format characters such as
 * U+200B–U+200F, U+2060 and bidi controls; control characters), is written with a leading single
 * quote, which spreadsheets show as text. Numbers stay numeric: a cell is written bare only when
 * the caller marks it as a number and it is one, strictly (an optional minus, digits, an optional
 * decimal part), so "-5" stays the number -5 while "-1+2" is text and neutralised.
 */

/** A value the caller says is a number; written bare only if it really is one. */
export interface CsvNumber {
  readonly number: string;
}

export type CsvValue = string | bigint | CsvNumber | null | undefined;

const STRICT_NUMBER = /^-?\d+(\.\d+)?$/;
/**
 * \s is every Unicode white space (NBSP, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000,
 * U+FEFF); \p{Cf} the invisible format characters (soft hyphen, U+200B–U+200F, U+202A–U+202E,
 * U+2060–U+2064, U+2066–U+206F, U+FEFF, …); \p{Cc} the control characters; and the blank letters
 * and marks that render as nothing (combining grapheme joiner, Hangul fillers, Khmer inherent
 * vowels, braille blank).
 */
const FORMULA_START = /^[\s\p{Cf}\p{Cc}\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]*[=+\-@\t\r]/u;

/** Marks a decimal string, a bigint or a safe integer as a numeric cell. */
export function csvNumber(v: string | bigint | number): CsvNumber {
  return { number: typeof v === 'string' ? v : String(v) };
}

/** A text cell made inert for spreadsheets. */
export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return STRICT_NUMBER.test(v.number) ? v.number : quote(neutraliseText(v.number));
  return quote(neutraliseText(v));
}

/** The whole file: a header line and rows, each line ended by CRLF. */
export function toCsv(rows: CsvValue[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
