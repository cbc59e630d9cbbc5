import type { HopDto } from '@/lib/dal/public/flows';
import { toCsv } from './csv';
import { TRANSFER_CSV_HEADER, transferCsvRow } from './transfer-rows';

/** One line per published transfer (lib/api/transfer-rows.ts), the BOM and header first. */
export function transfersCsv(transfers: HopDto[]): string {
  return toCsv([TRANSFER_CSV_HEADER, ...transfers.map(transferCsvRow)]);
}
