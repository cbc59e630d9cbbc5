import type { HopDto } from '@/lib/dal/public/flows';
import { csvNumber, toCsv, type CsvValue } from './csv';

/** One line per published transfer: codes and names are text (neutralised), amounts integer fen as numbers. */
export function transfersCsv(transfers: HopDto[]): string {
  const header: CsvValue[] = ['transfer_id', 'kind', 'date', 'doc_number', 'programme_code', 'programme_name', 'programme_level', 'from_code', 'from_kind', 'from_name', 'to_code', 'to_kind', 'to_name', 'project_code', 'amount_fen', 'reverses_transfer_id', 'publication_url'];
  const lines = transfers.map((t): CsvValue[] => [
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
  ]);
  return toCsv([header, ...lines]);
}
