/** The chain of one programme: money from its source down every hop, as plain data. */

export interface Edge {
  from: number | null;
  to: number;
  /** Net of reversals. */
  amountFen: bigint;
}

export interface HolderFigures {
  receivedFen: bigint;
  passedOnFen: bigint;
  heldFen: bigint;
  lastReceivedAt: string | null;
}

export interface ChainNode {
  holderId: number;
  hopFen: bigint;
  figures: HolderFigures | null;
  idle: boolean;
  children: ChainNode[];
}

/** Holders upstream of `target` (its sources, theirs, … up to the root), and `target` itself. */
export function ancestorsOf(edges: Edge[], target: number): Set<number> {
  const up = new Map<number, number[]>();
  for (const e of edges) if (e.from !== null) up.set(e.to, [...(up.get(e.to) ?? []), e.from]);
  const seen = new Set<number>([target]);
  const stack = [target];
  while (stack.length) {
    for (const p of up.get(stack.pop()!) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      stack.push(p);
    }
  }
  return seen;
}

export function descendantsOf(edges: Edge[], source: number): Set<number> {
  const down = new Map<number, number[]>();
  for (const e of edges) if (e.from !== null) down.set(e.from, [...(down.get(e.from) ?? []), e.to]);
  const seen = new Set<number>([source]);
  const stack = [source];
  while (stack.length) {
    for (const c of down.get(stack.pop()!) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      stack.push(c);
    }
  }
  return seen;
}

/**
 * Builds the tree from the programme's source (the appropriation) down. `keep` limits it to some
 * holders (a project's or payee's chain). Money only flows down, so the walk cannot loop; the
 * depth guard is for corrupted data only.
 */
export function chainTree(edges: Edge[], figures: Map<number, HolderFigures>, opts: { keep?: Set<number>; idleBefore?: string } = {}): ChainNode[] {
  const down = new Map<number, Edge[]>();
  for (const e of edges) if (e.from !== null && e.amountFen > 0n) down.set(e.from, [...(down.get(e.from) ?? []), e]);
  const make = (holderId: number, hopFen: bigint, depth: number): ChainNode => {
    const f = figures.get(holderId) ?? null;
    const idle = !!(f && opts.idleBefore && f.heldFen > 0n && f.lastReceivedAt && f.lastReceivedAt < opts.idleBefore);
    const children =
      depth > 20
        ? []
        : (down.get(holderId) ?? []).filter((e) => !opts.keep || opts.keep.has(e.to)).map((e) => make(e.to, e.amountFen, depth + 1));
    return { holderId, hopFen, figures: f, idle, children };
  };
  return edges.filter((e) => e.from === null && (!opts.keep || opts.keep.has(e.to))).map((e) => make(e.to, e.amountFen, 0));
}
