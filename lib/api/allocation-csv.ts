import type { PublicAllocation } from '@/lib/dal/public/allocations';

const cell = (v: string | null | undefined) => {
  const t = v ?? '';
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/**
 * One line per recipient: its factor values, the exact share, the formula's amount and the
 * final amount, in fen. UTF-8 with a byte-order mark so that Excel opens the Chinese correctly.
 */
export function allocationCsv(c: PublicAllocation): string {
  const codes = c.formula.factors.map((f) => f.code);
  const header = ['recipient_code', 'recipient_name', ...codes, 'share', 'computed_fen', 'final_fen', 'adjustment_reason'];
  const lines = c.recipients.map((r) => [r.code, r.name, ...codes.map((k) => r.values[k] ?? ''), r.share, r.computedFen, r.finalFen, r.adjustmentReason ?? ''].map(cell).join(','));
  // Withheld lines are one line per legal basis: its sum where shown (then the final amounts add up to
  // the total), empty below the threshold (then the batch total is withheld too).
  const withheld = (c.withheld ?? []).map((w) => [`withheld:${w.basisCode}`, w.basis, ...codes.map(() => ''), '', '', w.amountFen, `${w.items}`].map(cell).join(','));
  return `\uFEFF${[header.join(','), ...lines, ...withheld].join('\r\n')}\r\n`;
}
