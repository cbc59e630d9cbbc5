import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { demoVisible } from '../internal/settings';

/**
 * 数据截至 of each kind of public data, read from the public read model only (a withheld line is not
 * in public_transfer_lines; a redacted document's public version dates only the lines it shows):
 * the latest date of the published lines, and the latest data date of the public publications, of
 * allocation batches, of plan indicator values and of the programmes' documents.
 */
export interface DataDatesDto {
  transfers: string | null;
  publications: string | null;
  allocations: string | null;
  indicators: string | null;
  documents: string | null;
}

const datesRow = z.object({
  transfers: z.string().nullable(),
  publications: z.string().nullable(),
  allocations: z.string().nullable(),
  indicators: z.string().nullable(),
  documents: z.string().nullable(),
});

export async function getDataDates(db?: Queryable): Promise<DataDatesDto> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const showDemo = await demoVisible(q);
  const [row] = rowsOf(
    await q.execute(sql`
      select (select max(transfer_date) from public_transfer_lines where ${showDemo} or not is_demo)::text as transfers,
             max(data_as_of)::text as publications,
             (max(data_as_of) filter (where subject_type = 'batch'))::text as allocations,
             (max(data_as_of) filter (where kind = 'indicator_report'))::text as indicators,
             (max(data_as_of) filter (where kind in ('fund_catalogue', 'management_rules', 'application_guideline')))::text as documents
      from public_publications where ${showDemo} or not is_demo`),
  );
  return datesRow.parse(row);
}
