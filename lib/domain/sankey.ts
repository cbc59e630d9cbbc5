import { FUND_LEVELS, type FundLevel } from './vocabulary';

/*
 * The chain of funds as a Sankey diagram: fund levels → province → city → counties → engineering
 * groups. Amounts are integer fen throughout; only the pixel geometry of `layoutSankey` is float.
 *
 * A reversal sends money back up, which a Sankey cannot draw (it would be a cycle), so it gets
 * nodes of its own: the recipient that gave money back flows into a "returned by …" sink, and the
 * sender it went back to receives it from a "returned to …" source. Money a holder has not passed
 * on flows into a "held by …" sink, a holder's own funds come from its fund level's node, and money
 * passed on beyond all that reached it publicly comes from an "arrival not public" source; so every
 * holder's inflow equals its outflow, and only sources and sinks are out of balance.
 */

/** Where money is along the chain: the centre, the province, the city, a county, an engineering group's projects. */
export type ChainPlace = 'central' | 'province' | 'city' | `county:${string}` | `group:${string}`;

/** Published lines summed by fund level and hop (sender → recipient of the hop, a reversal in the direction of the hop it undoes). */
export interface ChainFlow {
  level: FundLevel;
  from: ChainPlace;
  to: ChainPlace;
  fen: bigint;
  reversal: boolean;
}

export type SankeyNodeKind = 'source' | 'through' | 'sink';
export type HolderStage = 'province' | 'city' | 'county' | 'group';

/**
 * `level:<fund level>`, `province`, `city`, `county:<code>`, `group:<code>`, `held:<stage>`,
 * `returned-by:<stage>` (sink), `returned-to:<stage>` and `unlisted:<stage>` (sources).
 */
export interface SankeyNode {
  key: string;
  kind: SankeyNodeKind;
  column: number;
}

export interface SankeyLink {
  from: string;
  to: string;
  fen: bigint;
}

export interface SankeyGraph {
  nodes: SankeyNode[];
  links: SankeyLink[];
}

const STAGE_COLUMN: Record<HolderStage, number> = { province: 1, city: 2, county: 3, group: 4 };
const OWN_LEVEL: Record<Exclude<HolderStage, 'group'>, FundLevel> = { province: 'provincial', city: 'municipal', county: 'county' };

function stageOf(place: ChainPlace): HolderStage | 'central' {
  if (place === 'central' || place === 'province' || place === 'city') return place;
  return place.startsWith('county:') ? 'county' : 'group';
}

const nodeOf = (place: ChainPlace) => (place === 'central' ? 'level:central' : place);

const key = (...parts: string[]) => parts.join('\u0000');

/** Builds the graph from the summed flows; zero-amount links are left out. */
export function chainSankey(flows: readonly ChainFlow[]): SankeyGraph {
  const links = new Map<string, SankeyLink>();
  const add = (from: string, to: string, fen: bigint) => {
    if (fen === 0n) return;
    const k = key(from, to);
    const link = links.get(k) ?? { from, to, fen: 0n };
    link.fen += fen;
    links.set(k, link);
  };
  // Per fund level and holder: what it received, passed on, got back and gave back.
  const balance = new Map<string, { level: FundLevel; place: ChainPlace; fen: bigint }>();
  const move = (level: FundLevel, place: ChainPlace, fen: bigint) => {
    if (place === 'central' || stageOf(place) === 'group') return;
    const k = key(level, place);
    const b = balance.get(k) ?? { level, place, fen: 0n };
    b.fen += fen;
    balance.set(k, b);
  };

  for (const f of flows) {
    if (f.fen < 0n) throw new Error(`a flow is a sum of amounts and cannot be negative: ${f.fen}`);
    if (f.reversal) {
      add(nodeOf(f.to), `returned-by:${stageOf(f.to)}`, f.fen);
      // Money given back to the centre leaves the city's chain; anywhere else it is there to be passed on again.
      if (f.from !== 'central') add(`returned-to:${stageOf(f.from)}`, nodeOf(f.from), f.fen);
      move(f.level, f.to, -f.fen);
      move(f.level, f.from, f.fen);
    } else {
      add(nodeOf(f.from), nodeOf(f.to), f.fen);
      move(f.level, f.from, -f.fen);
      move(f.level, f.to, f.fen);
    }
  }
  // A holder's own level (the city's municipal money) comes from that level's node. Any other
  // shortfall (money passed on whose arrival is not public, e.g. withheld) is netted against what the
  // holder keeps, so no single level's figure points at a withheld line; only a shortfall overall
  // is drawn, from an "arrival not public" source.
  const kept = new Map<ChainPlace, bigint>();
  for (const b of balance.values()) {
    let fen = b.fen;
    if (fen < 0n && OWN_LEVEL[stageOf(b.place) as Exclude<HolderStage, 'group'>] === b.level) {
      add(`level:${b.level}`, b.place, -fen);
      fen = 0n;
    }
    kept.set(b.place, (kept.get(b.place) ?? 0n) + fen);
  }
  for (const [place, fen] of kept) {
    if (fen > 0n) add(place, `held:${stageOf(place)}`, fen);
    else if (fen < 0n) add(`unlisted:${stageOf(place)}`, place, -fen);
  }

  const nodes = new Map<string, SankeyNode>();
  const note = (k: string) => {
    if (nodes.has(k)) return;
    const [prefix, rest = ''] = k.split(/:(.*)/s) as [string, string?];
    if (prefix === 'level') nodes.set(k, { key: k, kind: 'source', column: 0 });
    else if (prefix === 'held') nodes.set(k, { key: k, kind: 'sink', column: STAGE_COLUMN[rest as HolderStage] + 1 });
    else if (prefix === 'returned-by') nodes.set(k, { key: k, kind: 'sink', column: STAGE_COLUMN[rest as HolderStage] + 1 });
    else if (prefix === 'returned-to' || prefix === 'unlisted') nodes.set(k, { key: k, kind: 'source', column: STAGE_COLUMN[rest as HolderStage] - 1 });
    else if (prefix === 'group') nodes.set(k, { key: k, kind: 'sink', column: STAGE_COLUMN.group });
    else nodes.set(k, { key: k, kind: 'through', column: STAGE_COLUMN[prefix as HolderStage] });
  };
  for (const l of links.values()) {
    note(l.from);
    note(l.to);
  }
  // A level's money enters at the holder of that level (the city's own funds at the city): its node stands just before the first holder it feeds, so no band crosses a column.
  for (const n of nodes.values()) {
    if (!n.key.startsWith('level:')) continue;
    const fed = [...links.values()].filter((l) => l.from === n.key).map((l) => nodes.get(l.to)!.column);
    n.column = Math.max(0, Math.min(...fed) - 1);
  }
  return { nodes: [...nodes.values()].sort(byColumnThenOrder), links: [...links.values()].sort((a, b) => byKey(a.from, b.from) || byKey(a.to, b.to)) };
}

/** Within a column: holders by code, then fund levels in the chain's order, then sources and sinks of reversals and held money. */
function rank(k: string): [number, string] {
  const [prefix, rest = ''] = k.split(/:(.*)/s) as [string, string?];
  if (prefix === 'level') return [2, String(FUND_LEVELS.indexOf(rest as FundLevel))];
  if (prefix === 'returned-to' || prefix === 'unlisted') return [3, `${prefix}${rest}`];
  if (prefix === 'held') return [4, rest];
  if (prefix === 'returned-by') return [5, rest];
  return [1, k];
}

function byKey(a: string, b: string): number {
  const [ra, sa] = rank(a);
  const [rb, sb] = rank(b);
  return ra - rb || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

const byColumnThenOrder = (a: SankeyNode, b: SankeyNode) => a.column - b.column || byKey(a.key, b.key);

/** What passes through a node: the larger of its inflow and outflow. */
export function nodeValues(graph: SankeyGraph): Map<string, { in: bigint; out: bigint; value: bigint }> {
  const v = new Map(graph.nodes.map((n) => [n.key, { in: 0n, out: 0n, value: 0n }]));
  for (const l of graph.links) {
    v.get(l.from)!.out += l.fen;
    v.get(l.to)!.in += l.fen;
  }
  for (const x of v.values()) x.value = x.in > x.out ? x.in : x.out;
  return v;
}

export interface LayoutOptions {
  /** The drawing's width, in the SVG's own units. */
  width: number;
  /** Height given to the fullest column's money (its gaps and minimum heights come on top). */
  scaleHeight: number;
  nodeWidth: number;
  gap: number;
  /** A node is never thinner than this, so a small amount stays visible. */
  minNodeHeight: number;
  /** Room for the labels right of the last column. */
  labelWidth: number;
  margin: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = { width: 1000, scaleHeight: 420, nodeWidth: 14, gap: 18, minNodeHeight: 3, labelWidth: 270, margin: 8 };

export interface PlacedNode extends SankeyNode {
  x: number;
  y: number;
  height: number;
  inFen: bigint;
  outFen: bigint;
}

export interface PlacedLink extends SankeyLink {
  /** The band's thickness and the centre of its ends. */
  width: number;
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  /** An SVG path of the band's centre line, to be stroked `width` thick. */
  path: string;
}

export interface SankeyLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  links: PlacedLink[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Places the graph: columns left to right, nodes stacked in each column with `gap` between them
 * (each column centred on the tallest), every band as thick as its amount on one scale for all,
 * and the bands leaving (entering) a node stacked in the order of the nodes they go to (come from),
 * so that they neither overlap nor cross inside a node.
 */
export function layoutSankey(graph: SankeyGraph, options: LayoutOptions = DEFAULT_LAYOUT): SankeyLayout {
  const { width, scaleHeight, nodeWidth, gap, minNodeHeight, labelWidth, margin } = options;
  const values = nodeValues(graph);
  const columns = [...new Set(graph.nodes.map((n) => n.column))].sort((a, b) => a - b);
  const lastColumn = columns.at(-1) ?? 0;
  const columnTotal = (c: number) => graph.nodes.filter((n) => n.column === c).reduce((s, n) => s + values.get(n.key)!.value, 0n);
  const fullest = columns.reduce((m, c) => (columnTotal(c) > m ? columnTotal(c) : m), 0n);
  // The one place money becomes pixels: a share of the fullest column, in millionths, then a float.
  const px = (fen: bigint) => (fullest === 0n ? 0 : (Number((fen * 1_000_000n) / fullest) / 1_000_000) * scaleHeight);
  const step = lastColumn === 0 ? 0 : (width - 2 * margin - labelWidth - nodeWidth) / lastColumn;

  const heights = new Map(graph.nodes.map((n) => [n.key, Math.max(minNodeHeight, px(values.get(n.key)!.value))]));
  const extent = (c: number) => {
    const inColumn = graph.nodes.filter((n) => n.column === c);
    return inColumn.reduce((s, n) => s + heights.get(n.key)!, 0) + Math.max(0, inColumn.length - 1) * gap;
  };
  const height = Math.ceil(Math.max(0, ...columns.map(extent)) + 2 * margin);

  const placed = new Map<string, PlacedNode>();
  for (const c of columns) {
    let y = margin + (height - 2 * margin - extent(c)) / 2;
    for (const n of graph.nodes.filter((x) => x.column === c)) {
      const v = values.get(n.key)!;
      placed.set(n.key, { ...n, x: round(margin + c * step), y: round(y), height: round(heights.get(n.key)!), inFen: v.in, outFen: v.out });
      y += heights.get(n.key)! + gap;
    }
  }

  const outOffset = new Map<string, number>();
  const inOffset = new Map<string, number>();
  const ends = graph.links.map((l) => ({ l, a: placed.get(l.from)!, b: placed.get(l.to)!, w: px(l.fen) }));
  const startY = new Map<SankeyLink, number>();
  const endY = new Map<SankeyLink, number>();
  for (const e of [...ends].sort((p, q) => p.b.y - q.b.y || p.b.column - q.b.column)) {
    const o = outOffset.get(e.l.from) ?? 0;
    startY.set(e.l, e.a.y + o + e.w / 2);
    outOffset.set(e.l.from, o + e.w);
  }
  for (const e of [...ends].sort((p, q) => p.a.y - q.a.y || p.a.column - q.a.column)) {
    const o = inOffset.get(e.l.to) ?? 0;
    endY.set(e.l, e.b.y + o + e.w / 2);
    inOffset.set(e.l.to, o + e.w);
  }
  const links = ends.map(({ l, a, b, w }): PlacedLink => {
    const x0 = round(a.x + nodeWidth);
    const x1 = round(b.x);
    const y0 = round(startY.get(l)!);
    const y1 = round(endY.get(l)!);
    const mid = round((x0 + x1) / 2);
    return { ...l, width: round(w), x0, x1, y0, y1, path: `M${x0},${y0}C${mid},${y0} ${mid},${y1} ${x1},${y1}` };
  });
  return { width, height, nodes: [...placed.values()], links };
}
