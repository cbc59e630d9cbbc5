import type { PublicAllocation } from '@/lib/dal/public/allocations';
import { csvNumber, toCsv, type CsvValue } from './csv';

/** Empty stays empty; anything else is offered as a number (text if it is not one). */
const numeric = (v: string | null | undefined): CsvValue => (v === null || v === undefined || v === '' ? '' : csvNumber(v));

/**
 * One line per recipient: its factor values, the exact share, the formula's amount and the
 * final amount, in fen. Names, codes and reasons are text (neutralised against formulas, see
 * ./csv); factor values and amounts are numeric cells.
 */
export function allocationCsv(c: PublicAllocation): string {
  const codes = c.formula.factors.map((f) => f.code);
  const header: CsvValue[] = ['recipient_code', 'recipient_name', ...codes, 'share', 'computed_fen', 'final_fen', 'adjustment_reason'];
  const lines = c.recipients.map((r): CsvValue[] => [r.code, r.name, ...codes.map((k) => numeric(r.values[k])), numeric(r.share), numeric(r.computedFen), numeric(r.finalFen), r.adjustmentReason ?? '']);
  // Withheld lines are one line per legal basis: its sum where shown (then the final amounts add up to
  // the total), empty below the threshold (then the batch total is withheld too).
  const withheld = (c.withheld ?? []).map((w): CsvValue[] => [`withheld:${w.basisCode}`, w.basis, ...codes.map(() => ''), '', '', numeric(w.amountFen), csvNumber(w.items)]);
  return toCsv([header, ...lines, ...withheld]);
}
