import type { z } from 'zod';
import type { HopDto } from '@/lib/dal/public/flows';
import { csvNumber, type CsvValue } from './csv';
import type { publicTransferSchema } from './public-schemas';

/** A published line as /api/public/transfers and the bulk export give it, in JSON and in CSV. */

export const TRANSFER_CSV_HEADER: CsvValue[] = ['transfer_id', 'kind', 'date', 'doc_number', 'programme_code', 'programme_name', 'programme_level', 'from_code', 'from_kind', 'from_name', 'to_code', 'to_kind', 'to_name', 'project_code', 'amount_fen', 'reverses_transfer_id', 'publication_url'];

/** Codes and names are text (neutralised by the CSV writer), amounts integer fen as numbers. */
export function transferCsvRow(t: HopDto): CsvValue[] {
  return [
    csvNumber(t.transferId),
    t.kind,
    t.date,
    t.docNumber,
    t.programmeCode,
    t.programmeName,
    t.level,
    t.from.code,
    t.from.kind,
    t.from.name,
    t.to.code,
    t.to.kind,
    t.to.name,
    t.projectCode,
    csvNumber(t.amountFen),
    t.reversesTransferId === null ? null : csvNumber(t.reversesTransferId),
    `/disclosure/publications/${t.publicationId}`,
  ];
}

export function transferJson(t: HopDto): z.input<typeof publicTransferSchema> {
  return {
    transferId: t.transferId,
    kind: t.kind,
    date: t.date,
    docNumber: t.docNumber,
    programme: { code: t.programmeCode, name: t.programmeName, level: t.level },
    from: t.from,
    to: t.to,
    projectCode: t.projectCode,
    amountFen: t.amountFen.toString(),
    reversesTransferId: t.reversesTransferId,
    publicationUrl: `/disclosure/publications/${t.publicationId}`,
  };
}
