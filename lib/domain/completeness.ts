import type { PublicationKind } from './vocabulary';

export type ObligationStatus = 'on_time' | 'late' | 'overdue' | 'pending' | 'withheld';

export interface KindCompleteness {
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  withheld: number;
}

export interface Completeness {
  kinds: Partial<Record<PublicationKind, KindCompleteness>>;
  /** 0-100: obligations met on time over obligations due (a withholding meets one; late and missing meet none); null while nothing is due yet. */
  score: number | null;
}

const empty = (): KindCompleteness => ({ onTime: 0, late: 0, missing: 0, pending: 0, withheld: 0 });

/** Scores the obligations of one programme, organisation, county or project. Not-yet-due ones are not counted. */
export function scoreCompleteness(obligations: readonly { kind: PublicationKind; status: ObligationStatus }[]): Completeness {
  const kinds: Partial<Record<PublicationKind, KindCompleteness>> = {};
  for (const o of obligations) {
    const k = (kinds[o.kind] ??= empty());
    if (o.status === 'on_time') k.onTime++;
    else if (o.status === 'late') k.late++;
    else if (o.status === 'overdue') k.missing++;
    else if (o.status === 'pending') k.pending++;
    else k.withheld++;
  }
  let due = 0;
  let met = 0;
  for (const k of Object.values(kinds)) {
    due += k.onTime + k.late + k.missing + k.withheld;
    met += k.onTime + k.withheld;
  }
  // Floored, so that one miss among many never rounds up to a perfect 100.
  return { kinds, score: due === 0 ? null : Math.floor((met * 100) / due) };
}
