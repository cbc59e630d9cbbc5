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
  /** What this hop carried; null when neither end of it is within the viewer's reach. */
  hopFen: bigint | null;
  figures: HolderFigures | null;
  idle: boolean;
  children: ChainNode[];
}

/** Holders upstream of `target` (its sources, theirs, … up to the root), and `target` itself. */
export function ancestorsOf(edges: Edge[], target: number): Set<number> {
  return ancestorsOfAll(edges, [target]);
}

/** Holders upstream of any of `targets`, and the targets themselves. */
export function ancestorsOfAll(edges: Edge[], targets: Iterable<number>): Set<number> {
  const up = new Map<number, number[]>();
  for (const e of edges) if (e.from !== null) up.set(e.to, [...(up.get(e.to) ?? []), e.from]);
  const seen = new Set<number>(targets);
  const stack = [...seen];
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
 * What a viewer limited to `reach` (the holders of their organisation and below) may see of one
 * programme's chain: every holder in reach; the path that brought money into it, up to the
 * source, so they see from whom it came; and whom their reach paid (a payee elsewhere). Sibling
 * branches — another county, its projects, what a shared payee got from them — are left out.
 */
export function visibleInChain(edges: Edge[], reach: Set<number>): Set<number> {
  const inReach = new Set<number>();
  for (const e of edges) {
    if (e.from !== null && reach.has(e.from)) inReach.add(e.from);
    if (reach.has(e.to)) inReach.add(e.to);
  }
  const keep = ancestorsOfAll(edges, inReach);
  for (const e of edges) if (e.from !== null && reach.has(e.from) && e.amountFen > 0n) keep.add(e.to);
  return keep;
}

/**
 * Builds the tree from the programme's source (the appropriation) down. `keep` limits it to some
 * holders (a project's or payee's chain). Money only flows down, so the walk cannot loop; the
 * depth guard is for corrupted data only.
 */
export function chainTree(edges: Edge[], figures: Map<number, HolderFigures>, opts: { keep?: Set<number>; reach?: Set<number>; idleBefore?: string } = {}): ChainNode[] {
  const down = new Map<number, Edge[]>();
  for (const e of edges) if (e.from !== null && e.amountFen > 0n) down.set(e.from, [...(down.get(e.from) ?? []), e]);
  // With a reach, a holder outside it shows its name only: its figures would add up what it got
  // for, or passed on to, others the viewer may not see. A hop shows when either end is in reach.
  const shown = (holderId: number | null) => !opts.reach || (holderId !== null && opts.reach.has(holderId));
  const make = (holderId: number, hop: Edge, depth: number): ChainNode => {
    const hopFen = shown(hop.to) || shown(hop.from) ? hop.amountFen : null;
    const f = shown(holderId) ? (figures.get(holderId) ?? null) : null;
    const idle = !!(f && opts.idleBefore && f.heldFen > 0n && f.lastReceivedAt && f.lastReceivedAt < opts.idleBefore);
    const children =
      depth > 20
        ? []
        : (down.get(holderId) ?? []).filter((e) => !opts.keep || opts.keep.has(e.to)).map((e) => make(e.to, e, depth + 1));
    return { holderId, hopFen, figures: f, idle, children };
  };
  return edges.filter((e) => e.from === null && (!opts.keep || opts.keep.has(e.to))).map((e) => make(e.to, e, 0));
}
