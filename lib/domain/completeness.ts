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
  /** 0-100: on time counts fully, late half, missing nothing; null while nothing is due yet. */
  score: number | null;
}

const empty = (): KindCompleteness => ({ onTime: 0, late: 0, missing: 0, pending: 0, withheld: 0 });

/** Scores the obligations of one programme, organisation or project. Withheld and not-yet-due ones are not counted. */
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
  let points = 0;
  for (const k of Object.values(kinds)) {
    due += k.onTime + k.late + k.missing;
    points += k.onTime * 2 + k.late;
  }
  return { kinds, score: due === 0 ? null : Math.round((points * 100) / (due * 2)) };
}
