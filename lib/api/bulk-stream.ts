import type { z } from 'zod';
import { csvCell, type CsvValue } from './csv';

/**
 * A bulk export as a byte stream fed one keyset-paged batch at a time: the next batch is asked for
 * only when the reader has taken the previous one (a pull stream with one chunk of buffer), so the
 * server holds one batch whatever the size of the export and however slowly it is read.
 *
 * Formats:
 * - csv: UTF-8 with the byte-order mark once at the start, a header line, one line per row, CRLF;
 *   every cell through csvCell (formula cells neutralised).
 * - json: one JSON array, one element per line (`[`, the rows separated by `,`, `]`).
 *
 * A failure after the response has begun is never a silent truncation: the export ends with a
 * marker carrying what the error mapper says of it: in CSV a last line `#error,<code>,<message>`;
 * in JSON a last element `{"error":{"code","message"}}` and no closing bracket, so no JSON parser
 * takes the partial export for a whole one.
 */

export type BulkFormat = 'csv' | 'json';

export interface Batch<T, C> {
  rows: T[];
  /** Where the next batch starts; null when there is none. */
  next: C | null;
}

export interface BulkExport<T, C> {
  format: BulkFormat;
  batchSize: number;
  /** One keyset-paged query: at most `limit` rows after `after`. */
  fetch: (after: C | null, limit: number) => Promise<Batch<T, C>>;
  csvHeader: CsvValue[];
  csvRow: (row: T) => CsvValue[];
  /** Each JSON element is checked against the schema the OpenAPI document declares. */
  jsonSchema: z.ZodType;
  jsonRow: (row: T) => unknown;
  /** The error mapper's answer (lib/api/route.ts `describe`). */
  describe: (caught: unknown) => { code: string; message: string };
}

const bigintAsText = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

function csvLine(cells: CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The stream of an export whose first batch the caller has already read (so a failure before any
 * byte is sent is an ordinary error answer, with its status).
 */
export function bulkStream<T, C>(spec: BulkExport<T, C>, first: Batch<T, C>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let rowsWritten = 0;
  let pending: Batch<T, C> | null = first;
  let after: C | null = null;
  let finished = false;
  let started = false;

  const rowText = (row: T): string => {
    if (spec.format === 'csv') return csvLine(spec.csvRow(row));
    const element = JSON.stringify(spec.jsonSchema.parse(spec.jsonRow(row)), bigintAsText);
    return `${rowsWritten === 0 ? '\n' : ',\n'}${element}`;
  };
  const head = spec.format === 'csv' ? `\uFEFF${csvLine(spec.csvHeader)}` : '[';
  const tail = spec.format === 'csv' ? '' : '\n]\n';
  const errorText = (caught: unknown): string => {
    const { code, message } = spec.describe(caught);
    if (spec.format === 'csv') return csvLine(['#error', code, message]);
    return `${rowsWritten === 0 ? '\n' : ',\n'}${JSON.stringify({ error: { code, message } })}\n`;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (finished) return;
        let text = started ? '' : head;
        started = true;
        try {
          const batch = pending ?? (await spec.fetch(after, spec.batchSize));
          pending = null;
          for (const row of batch.rows) {
            text += rowText(row);
            rowsWritten++;
          }
          after = batch.next;
          if (batch.rows.length < spec.batchSize || batch.next === null) {
            finished = true;
            controller.enqueue(encoder.encode(text + tail));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(text));
        } catch (caught) {
          finished = true;
          controller.enqueue(encoder.encode(text + errorText(caught)));
          controller.close();
        }
      },
      cancel() {
        finished = true;
      },
    },
    { highWaterMark: 0 },
  );
}
