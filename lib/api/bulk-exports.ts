import 'server-only';
import type { z } from 'zod';
import { publicationsBatch, transferLinesBatch, type TransferCursor } from '@/lib/dal/public/bulk';
import type { HopDto } from '@/lib/dal/public/flows';
import type { PublicPublicationDto } from '@/lib/dal/public/publications';
import { bulkStream, type BulkExport, type BulkFormat } from './bulk-stream';
export { parseBulkQuery } from './bulk-query';
import { PUBLIC_BRIEF } from './cache-control';
import { csvNumber, type CsvValue } from './csv';
import { publicationSchema, publicTransferSchema } from './public-schemas';
import { TRANSFER_CSV_HEADER, transferCsvRow, transferJson } from './transfer-rows';

/** The two bulk exports (/api/public/bulk/transfers, /api/public/bulk/publications): every public row, streamed. */

/** Lines are small: a thousand a query. */
export const TRANSFER_BATCH_SIZE = 1000;
/** A publication carries its whole content (a transfer document every line so far): fewer a query. */
export const PUBLICATION_BATCH_SIZE = 100;

type Describe = BulkExport<unknown, unknown>['describe'];
/** A database handle for tests; the server's own otherwise. */
type Queryable = Parameters<typeof transferLinesBatch>[2];

export function transferExport(format: BulkFormat, describe: Describe, db?: Queryable): BulkExport<HopDto, TransferCursor> {
  return {
    format,
    batchSize: TRANSFER_BATCH_SIZE,
    fetch: (after, limit) => transferLinesBatch(after, limit, db),
    csvHeader: TRANSFER_CSV_HEADER,
    csvRow: transferCsvRow,
    jsonSchema: publicTransferSchema,
    jsonRow: transferJson,
    describe,
  };
}

const PUBLICATION_CSV_HEADER: CsvValue[] = ['id', 'kind', 'subject_type', 'subject_id', 'version', 'title', 'notice', 'change_reason', 'doc_number', 'data_as_of', 'published_at', 'issuer_code', 'issuer_name', 'issuer_name_en', 'content_hash', 'redacted', 'is_demo', 'url', 'content_json'];

function publicationCsvRow(p: PublicPublicationDto): CsvValue[] {
  return [
    csvNumber(p.id),
    p.kind,
    p.subjectType,
    csvNumber(p.subjectId),
    csvNumber(p.version),
    p.title,
    p.notice,
    p.changeReason,
    p.docNumber,
    p.dataAsOf,
    p.publishedAt,
    p.issuerCode,
    p.issuerName,
    p.issuerNameEn,
    p.contentHash,
    String(p.redacted),
    String(p.isDemo),
    `/disclosure/publications/${p.id}`,
    JSON.stringify(p.content),
  ];
}

/** As /api/public/publications lists each one. */
export function publicationJson({ issuerCode, issuerName, issuerNameEn, ...p }: PublicPublicationDto): z.input<typeof publicationSchema> {
  return { ...p, url: `/disclosure/publications/${p.id}`, issuer: { code: issuerCode, name: issuerName, nameEn: issuerNameEn } };
}

export function publicationExport(format: BulkFormat, describe: Describe, db?: Queryable): BulkExport<PublicPublicationDto, number> {
  return {
    format,
    batchSize: PUBLICATION_BATCH_SIZE,
    fetch: (after, limit) => publicationsBatch(after, limit, db),
    csvHeader: PUBLICATION_CSV_HEADER,
    csvRow: publicationCsvRow,
    jsonSchema: publicationSchema,
    jsonRow: publicationJson,
    describe,
  };
}

/**
 * The answer: the first batch is read before it, so a failure then is an ordinary error answer;
 * the rest is read as the client takes it. Never kept by the response cache (its path is excluded).
 */
export async function bulkResponse<T, C>(spec: BulkExport<T, C>, name: string): Promise<Response> {
  const first = await spec.fetch(null, spec.batchSize);
  const csv = spec.format === 'csv';
  return new Response(bulkStream(spec, first), {
    headers: {
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'cache-control': PUBLIC_BRIEF,
      'content-disposition': `attachment; filename="${name}.${csv ? 'csv' : 'json'}"`,
      'x-content-type-options': 'nosniff',
    },
  });
}
