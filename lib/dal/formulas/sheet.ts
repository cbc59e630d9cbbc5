import 'server-only';
import { eq } from 'drizzle-orm';
import { allocationBatches } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { parseCsv } from '@/lib/import/csv';
import { decodeSpreadsheetText } from '@/lib/import/decode';
import { sniffFileKind } from '@/lib/import/sniff';
import { readXlsx, xlsxErrorKey } from '@/lib/import/xlsx';
import type { UploadedFile } from '../internal/documents';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { recipientOptions } from './batches';

const SOURCE_HEADERS = ['来源', '数据来源', 'source'];

async function rowsOf(file: UploadedFile): Promise<string[][]> {
  const kind = sniffFileKind(file.bytes, file.filename);
  if (kind === 'xlsx') {
    const x = await readXlsx(file.bytes);
    if (!x.ok) throw new AppError('validation', xlsxErrorKey(x.error), { sheet: xlsxErrorKey(x.error) });
    return x.rows;
  }
  if (kind !== 'csv') throw new AppError('validation', 'import.fileType', { sheet: 'import.fileType' });
  const text = decodeSpreadsheetText(file.bytes);
  if (!text.ok) throw new AppError('validation', 'import.encoding', { sheet: 'import.encoding' });
  return parseCsv(text.text);
}

/**
 * Factor values from a sheet: the first column names the recipient (organisation code or name),
 * a column per factor code, and a source column. Recipients are matched against those the
 * actor may allocate to; values are checked again by the same schema as the form.
 */
export async function factorValuesFromSheet(ctx: Ctx, batchId: number, file: UploadedFile | undefined) {
  assertCan(ctx.actor, 'formula.write');
  if (!file) throw new AppError('validation', 'form.fileEmpty', { sheet: 'form.fileEmpty' });
  const [header, ...body] = (await rowsOf(file)).filter((r) => r.some((c) => c.trim() !== ''));
  if (!header) throw new AppError('validation', 'formula.error.no_recipients', { sheet: 'formula.error.no_recipients' });
  const sourceCol = header.findIndex((h) => SOURCE_HEADERS.includes(h.trim().toLowerCase()));
  const factorCols = header.map((h, i) => ({ code: h.trim(), i })).filter((c) => c.i > 0 && c.i !== sourceCol);
  const [batch] = await ctx.db.select({ kind: allocationBatches.recipientKind }).from(allocationBatches).where(eq(allocationBatches.id, batchId));
  if (!batch) throw new AppError('not_found');
  const recipients = await recipientOptions(ctx, batch.kind);
  return body.map((row, n) => {
    const key = (row[0] ?? '').trim();
    const r = recipients.find((x) => x.code === key || x.name === key);
    if (!r) throw new AppError('validation', 'formula.notARecipient', { [`line ${n + 2}`]: 'formula.notARecipient' });
    return {
      recipient: r.ref,
      source: sourceCol >= 0 ? (row[sourceCol] ?? '').trim() : '',
      values: Object.fromEntries(factorCols.map((c) => [c.code, (row[c.i] ?? '').trim()])),
    };
  });
}
