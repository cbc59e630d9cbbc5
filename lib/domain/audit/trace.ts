import type { SankeyGraph } from '../sankey';
import type { TransferKind } from '../vocabulary';

/*
 * An auditor's trace of the chain of funds, transfer by transfer (nothing netted): which movements
 * lead from a programme down to every payee, or up from a payee or project to every source; how
 * long each holder kept the money before passing it on; what each holder still holds; and which
 * movement each reversal undoes. Plain data in integer fen; dates are ISO calendar days.
 */

export interface TraceTransfer {
  id: number;
  programmeId: number;
  /** Null for an appropriation: the programme's money entering the chain. */
  from: number | null;
  to: number;
  amountFen: bigint;
  kind: TransferKind;
  /** YYYY-MM-DD */
  date: string;
  docNumber: string | null;
  reversesId: number | null;
}

/** Down from a programme's source; up from a payee; both ways from a project (its sources and whom it paid). */
export type TraceFocus = { kind: 'programme' } | { kind: 'up'; holderId: number } | { kind: 'through'; holderId: number };

export interface TracedTransfer extends TraceTransfer {
  /** Hops from the programme's source to the sender (0 for the appropriation). */
  depth: number;
  /**
   * Days the sender held the money it passed on here, first in, first out: the amount-weighted
   * mean of the days between each receipt this movement draws on and its date. Null for an
   * appropriation or a reversal, or when nothing received before it covers it.
   */
  lagDays: number | null;
  /** The receipt (下达) this movement first draws on, under first in, first out. */
  drawsFromDate: string | null;
  /** The part of the amount no earlier receipt covers (passed on before it arrived, or more than arrived). */
  uncoveredFen: bigint;
  /** Reversals of this movement. */
  reversedBy: number[];
}

export interface HolderPosition {
  programmeId: number;
  holderId: number;
  receivedFen: bigint;
  passedOnFen: bigint;
  heldFen: bigint;
  /** The last day money arrived. */
  lastReceivedOn: string | null;
  /** Holds money that arrived more than the idle setting's days before the trace date. */
  idle: boolean;
}

export interface TraceOptions {
  /** YYYY-MM-DD: the day idle balances are measured to. */
  asOf: string;
  idleDays: number;
  /** Holders that are payees (contractors, suppliers): the end of the chain. */
  payees?: ReadonlySet<number>;
}

export interface Trace {
  transfers: TracedTransfer[];
  positions: HolderPosition[];
  programmeIds: number[];
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

function byProgramme(transfers: readonly TraceTransfer[]): Map<number, TraceTransfer[]> {
  const out = new Map<number, TraceTransfer[]>();
  for (const t of transfers) out.set(t.programmeId, [...(out.get(t.programmeId) ?? []), t]);
  return out;
}

/** Money moving down the chain: a reversal runs back up and would make a cycle. */
const forward = (list: readonly TraceTransfer[]) => list.filter((t) => t.kind !== 'reversal');

function reachable(list: readonly TraceTransfer[], start: number, direction: 'up' | 'down'): Set<number> {
  const next = new Map<number, number[]>();
  for (const t of forward(list)) {
    if (t.from === null) continue;
    const [a, b] = direction === 'down' ? [t.from, t.to] : [t.to, t.from];
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/** The movements of one programme that the focus covers; empty when the focus holder took no part in it. */
function coveredBy(list: readonly TraceTransfer[], focus: TraceFocus): TraceTransfer[] {
  if (focus.kind === 'programme') return [...list];
  if (!list.some((t) => t.to === focus.holderId || t.from === focus.holderId)) return [];
  const holders = reachable(list, focus.holderId, 'up');
  if (focus.kind === 'through') for (const h of reachable(list, focus.holderId, 'down')) holders.add(h);
  const kept = forward(list).filter((t) => holders.has(t.to) && (t.from === null || holders.has(t.from)));
  const keptIds = new Set(kept.map((t) => t.id));
  return [...kept, ...list.filter((t) => t.kind === 'reversal' && t.reversesId !== null && keptIds.has(t.reversesId))];
}

function depths(list: readonly TraceTransfer[]): Map<number, number> {
  const depth = new Map<number, number>();
  const roots = forward(list).filter((t) => t.from === null);
  for (const r of roots) depth.set(r.to, 0);
  // Shortest hop count from the source; the chain is a DAG of at most a few levels.
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of forward(list)) {
      if (t.from === null || !depth.has(t.from)) continue;
      const d = depth.get(t.from)! + 1;
      if (!depth.has(t.to) || depth.get(t.to)! > d) {
        depth.set(t.to, d);
        changed = true;
      }
    }
  }
  return depth;
}

interface Lag {
  lagDays: number | null;
  drawsFromDate: string | null;
  uncoveredFen: bigint;
}

/**
 * First in, first out, per holder: each outgoing movement consumes the oldest receipts still
 * unspent. A receipt is any movement to the holder (a returned reversal included); receipts of a
 * day come before what leaves that day.
 */
function fifoLags(list: readonly TraceTransfer[]): Map<number, Lag> {
  const ordered = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const queues = new Map<number, { date: string; fen: bigint }[]>();
  const lags = new Map<number, Lag>();
  const days = [...new Set(ordered.map((t) => t.date))];
  for (const day of days) {
    const today = ordered.filter((t) => t.date === day);
    for (const t of today) queues.set(t.to, [...(queues.get(t.to) ?? []), { date: t.date, fen: t.amountFen }]);
    for (const t of today) {
      if (t.from === null) continue;
      const queue = queues.get(t.from) ?? [];
      let left = t.amountFen;
      let weighted = 0n;
      let first: string | null = null;
      while (left > 0n && queue.length) {
        const head = queue[0]!;
        const take = head.fen < left ? head.fen : left;
        first ??= head.date;
        weighted += take * BigInt(dayNumber(t.date) - dayNumber(head.date));
        head.fen -= take;
        left -= take;
        if (head.fen === 0n) queue.shift();
      }
      queues.set(t.from, queue);
      const covered = t.amountFen - left;
      if (t.kind === 'reversal') continue;
      // Rounded half up: a mean of whole days, in whole days.
      const lagDays = covered === 0n ? null : Number((weighted * 2n + covered) / (covered * 2n));
      lags.set(t.id, { lagDays, drawsFromDate: first, uncoveredFen: left });
    }
  }
  return lags;
}

function positionsOf(programmeId: number, list: readonly TraceTransfer[], options: TraceOptions): HolderPosition[] {
  const { asOf, idleDays, payees } = options;
  const at = new Map<number, HolderPosition>();
  const position = (holderId: number) => {
    let p = at.get(holderId);
    if (!p) {
      p = { programmeId, holderId, receivedFen: 0n, passedOnFen: 0n, heldFen: 0n, lastReceivedOn: null, idle: false };
      at.set(holderId, p);
    }
    return p;
  };
  for (const t of list) {
    const to = position(t.to);
    to.receivedFen += t.amountFen;
    if (!to.lastReceivedOn || t.date > to.lastReceivedOn) to.lastReceivedOn = t.date;
    if (t.from !== null) position(t.from).passedOnFen += t.amountFen;
  }
  for (const p of at.values()) {
    p.heldFen = p.receivedFen - p.passedOnFen;
    // Money paid to a payee is spent, not idle.
    p.idle = !payees?.has(p.holderId) && p.heldFen > 0n && p.lastReceivedOn !== null && dayNumber(asOf) - dayNumber(p.lastReceivedOn) > idleDays;
  }
  return [...at.values()];
}

/**
 * The trace of `focus` over every movement of the programmes given. Lags and positions are always
 * computed on the programme's whole ledger, so a narrower focus never changes a figure it shows.
 */
export function traceChain(all: readonly TraceTransfer[], focus: TraceFocus, options: TraceOptions): Trace {
  const transfers: TracedTransfer[] = [];
  const positions: HolderPosition[] = [];
  const programmeIds: number[] = [];
  for (const [programmeId, list] of [...byProgramme(all)].sort(([a], [b]) => a - b)) {
    const covered = coveredBy(list, focus);
    if (covered.length === 0) continue;
    programmeIds.push(programmeId);
    const lags = fifoLags(list);
    const depth = depths(list);
    const reversedBy = new Map<number, number[]>();
    for (const t of list) if (t.reversesId !== null) reversedBy.set(t.reversesId, [...(reversedBy.get(t.reversesId) ?? []), t.id]);
    for (const t of covered) {
      const lag = lags.get(t.id) ?? { lagDays: null, drawsFromDate: null, uncoveredFen: 0n };
      // A reversal sits at the hop it undoes: its receiver is the original sender.
      const sender = t.kind === 'reversal' ? t.to : t.from;
      const d = sender === null ? 0 : (depth.get(sender) ?? 0) + 1;
      transfers.push({ ...t, depth: d, ...lag, reversedBy: reversedBy.get(t.id) ?? [] });
    }
    const holders = new Set(covered.flatMap((t) => (t.from === null ? [t.to] : [t.from, t.to])));
    positions.push(...positionsOf(programmeId, list, options).filter((p) => holders.has(p.holderId)));
  }
  transfers.sort((a, b) => a.programmeId - b.programmeId || a.depth - b.depth || (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  return { transfers, positions, programmeIds };
}

/**
 * The trace as a Sankey: a source node per programme, a node per holder in the column of its
 * depth, links netted of their reversals (a Sankey cannot draw money going back up; the trace's
 * table lists each reversal).
 */
export function traceSankey(trace: Trace): SankeyGraph {
  const net = new Map<string, bigint>();
  const column = new Map<string, number>();
  const add = (from: string, to: string, fen: bigint) => net.set(`${from}>${to}`, (net.get(`${from}>${to}`) ?? 0n) + fen);
  for (const t of trace.transfers) {
    if (t.kind === 'reversal') {
      if (t.from !== null) add(`h:${t.to}`, `h:${t.from}`, -t.amountFen);
      continue;
    }
    const from = t.from === null ? `p:${t.programmeId}` : `h:${t.from}`;
    column.set(from, Math.max(column.get(from) ?? 0, t.from === null ? 0 : t.depth));
    column.set(`h:${t.to}`, Math.max(column.get(`h:${t.to}`) ?? 0, t.depth + 1));
    add(from, `h:${t.to}`, t.amountFen);
  }
  const links = [...net]
    .filter(([, fen]) => fen > 0n)
    .map(([key, fen]) => {
      const [from, to] = key.split('>') as [string, string];
      return { from, to, fen };
    });
  const used = new Set(links.flatMap((l) => [l.from, l.to]));
  const sends = new Set(links.map((l) => l.from));
  const nodes = [...used]
    .map((key) => ({ key, column: column.get(key) ?? 0, kind: key.startsWith('p:') ? ('source' as const) : sends.has(key) ? ('through' as const) : ('sink' as const) }))
    .sort((a, b) => a.column - b.column || (a.key < b.key ? -1 : 1));
  return { nodes, links };
}
