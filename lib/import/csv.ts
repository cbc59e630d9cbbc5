/**
 * RFC 4180 CSV: quoted fields with doubled quotes, delimiters and line breaks inside quotes,
 * CRLF / LF / CR line ends. Fields are returned exactly as written (no trimming); fully empty
 * trailing rows are dropped, while empty rows in the middle are kept so that row indexes keep
 * matching the spreadsheet's row numbers.
 */

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The delimiter is a comma unless the header line (the text up to the first line break) has no
 * comma at all; then a tab, else a semicolon, is used if present.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  // True once the current row has seen any character, so "a\n" does not yield a phantom row.
  let rowStarted = false;

  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    rowStarted = false;
  };

  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      // A quote opens a quoted field only at the start of a field; elsewhere it is literal.
      inQuotes = true;
      rowStarted = true;
    } else if (ch === delimiter) {
      endField();
      rowStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
    } else {
      field += ch;
      rowStarted = true;
    }
  }
  // An unterminated quote keeps what was read; the last row needs no line break.
  if (rowStarted || field !== '' || row.length > 0) endRow();

  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((f) => f === '')) rows.pop();
  return rows;
}
