import type { ChainAnchor, ChainProblem } from './chain';

/** A checkpoint someone holds: from the checkpoints table, its publication, or an outsider. */
export interface HeldCheckpoint {
  source: 'table' | 'publication' | 'outsider';
  day: string | null;
  seq: number;
  hash: string;
}

/**
 * Everything a check of the audit log can report, one line each: the chain's own problems, an entry
 * linking to another entry than the one before it (`reordered`), entries missing before the last
 * verified checkpoint, a head row that is not the last entry, and a held checkpoint the log no longer
 * agrees with (`checkpoint_beyond_head`: entries after the log's end were deleted).
 */
export type IntegrityProblem =
  | ChainProblem
  | { kind: 'reordered'; seq: number; id: number; linksToSeq: number }
  | { kind: 'missing_before_checkpoint'; seq: number; missing: number }
  | { kind: 'head_mismatch'; headSeq: number; headHash: string; lastSeq: number; lastHash: string }
  | { kind: 'checkpoint_beyond_head'; checkpoint: HeldCheckpoint; lastSeq: number }
  | { kind: 'checkpoint_mismatch'; checkpoint: HeldCheckpoint; actual: string };

export interface IntegrityReport {
  ok: boolean;
  /** Where the walk started (the genesis for a full recomputation). */
  from: ChainAnchor;
  /** Entries re-hashed. */
  walked: number;
  /** The last entry of the log. */
  last: ChainAnchor;
  problems: IntegrityProblem[];
}

const short = (hash: string) => hash.slice(0, 16);

function checkpointName(c: HeldCheckpoint): string {
  const source = c.source === 'table' ? 'checkpoint' : c.source === 'publication' ? 'published checkpoint' : 'outsider checkpoint';
  return `${source}${c.day ? ` of ${c.day}` : ''} (seq ${c.seq}, ${short(c.hash)}…)`;
}

/** One line per problem, in English, for the command line (the page says it in the reader's language). */
export function describeProblem(p: IntegrityProblem): string {
  switch (p.kind) {
    case 'changed':
      return `changed: entry seq ${p.seq} (id ${p.id}) no longer gives its hash: a field was changed`;
    case 'broken_link':
      return `broken link: entry seq ${p.seq} (id ${p.id}) links to a hash no entry has: the entry before it was removed or rewritten`;
    case 'reordered':
      return `reordered: entry seq ${p.seq} (id ${p.id}) links to seq ${p.linksToSeq}, not seq ${p.seq - 1}: entries were moved or swapped`;
    case 'gap':
      return p.fromSeq === p.toSeq
        ? `gap: entry seq ${p.fromSeq} is missing (before id ${p.beforeId}): deleted`
        : `gap: entries seq ${p.fromSeq}–${p.toSeq} are missing (before id ${p.beforeId}): deleted`;
    case 'missing_before_checkpoint':
      return `gap: ${p.missing} entries up to the verified checkpoint at seq ${p.seq} are missing: deleted`;
    case 'head_mismatch':
      return `head mismatch: the head says seq ${p.headSeq} (${short(p.headHash)}…) but the last entry is seq ${p.lastSeq} (${short(p.lastHash)}…)`;
    case 'checkpoint_beyond_head':
      return `deleted tail: the ${checkpointName(p.checkpoint)} lies beyond the log's last entry, seq ${p.lastSeq}`;
    case 'checkpoint_mismatch':
      return `checkpoint mismatch: the ${checkpointName(p.checkpoint)} differs from the log, whose hash at seq ${p.checkpoint.seq} is ${p.actual === 'none' ? 'missing' : `${short(p.actual)}…`}: history was rewritten`;
  }
}
