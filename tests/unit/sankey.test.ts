import { describe, expect, it } from 'vitest';
import { chainSankey, layoutSankey, nodeValues, type ChainFlow, type SankeyGraph, type SankeyLayout } from '@/lib/domain/sankey';

const flow = (level: ChainFlow['level'], from: ChainFlow['from'], to: ChainFlow['to'], fen: bigint, reversal = false): ChainFlow => ({ level, from, to, fen, reversal });

/** A chain like the demo's: central and provincial money down to two counties, the city's own money, a county's own money, two reversals. */
const FLOWS: ChainFlow[] = [
  flow('central', 'central', 'province', 1_000_000_00n),
  flow('central', 'province', 'city', 900_000_00n),
  flow('central', 'city', 'county:140322', 500_000_00n),
  flow('central', 'city', 'county:140321', 300_000_01n),
  // 140321 gave 50,000 元 back to the city, which passed it on to 140322.
  flow('central', 'city', 'county:140321', 50_000_00n, true),
  flow('central', 'city', 'county:140322', 50_000_00n),
  flow('central', 'county:140322', 'group:G1', 400_000_00n),
  flow('central', 'county:140321', 'group:G2', 250_000_01n),
  flow('provincial', 'province', 'city', 200_000_00n),
  flow('provincial', 'city', 'county:140322', 200_000_00n),
  flow('provincial', 'county:140322', 'group:G1', 150_000_00n),
  // A project gave 20,000 元 back to its county.
  flow('provincial', 'county:140322', 'group:G1', 20_000_00n, true),
  flow('municipal', 'city', 'county:140321', 70_000_00n),
  flow('county', 'county:140321', 'group:-', 10_000_00n),
];

const linkFen = (g: SankeyGraph, from: string, to: string) => g.links.find((l) => l.from === from && l.to === to)?.fen;

function assertNoOverlap(layout: SankeyLayout, gap: number) {
  const columns = new Set(layout.nodes.map((n) => n.column));
  for (const c of columns) {
    const stack = layout.nodes.filter((n) => n.column === c).sort((a, b) => a.y - b.y);
    for (let i = 1; i < stack.length; i++) expect(stack[i]!.y, `${stack[i - 1]!.key} / ${stack[i]!.key}`).toBeGreaterThanOrEqual(stack[i - 1]!.y + stack[i - 1]!.height + gap - 0.02);
    for (const n of stack) {
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height + 0.01);
    }
  }
  // The bands at each side of a node are disjoint and inside the node.
  for (const n of layout.nodes) {
    for (const [side, ys] of [
      ['out', layout.links.filter((l) => l.from === n.key).map((l) => [l.y0 - l.width / 2, l.y0 + l.width / 2] as const)],
      ['in', layout.links.filter((l) => l.to === n.key).map((l) => [l.y1 - l.width / 2, l.y1 + l.width / 2] as const)],
    ] as const) {
      const sorted = [...ys].sort((a, b) => a[0] - b[0]);
      for (const [top, bottom] of sorted) {
        expect(top, `${n.key} ${side}`).toBeGreaterThanOrEqual(n.y - 0.02);
        expect(bottom, `${n.key} ${side}`).toBeLessThanOrEqual(n.y + n.height + 0.02);
      }
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0], `${n.key} ${side}`).toBeGreaterThanOrEqual(sorted[i - 1]![1] - 0.02);
    }
  }
}

describe('the chain as a Sankey graph', () => {
  const g = chainSankey(FLOWS);

  it('conserves money: every holder passes on exactly what reached it, and sources equal sinks', () => {
    const v = nodeValues(g);
    for (const n of g.nodes.filter((x) => x.kind === 'through')) expect(v.get(n.key)!.in, n.key).toBe(v.get(n.key)!.out);
    for (const n of g.nodes.filter((x) => x.kind === 'source')) expect(v.get(n.key)!.in, n.key).toBe(0n);
    const sourced = g.nodes.filter((n) => n.kind === 'source').reduce((s, n) => s + v.get(n.key)!.out, 0n);
    const sunk = g.nodes.filter((n) => n.kind === 'sink').reduce((s, n) => s + v.get(n.key)!.in - v.get(n.key)!.out, 0n);
    expect(sunk).toBe(sourced);
    expect(g.links.every((l) => l.fen > 0n)).toBe(true);
  });

  it('gives reversals nodes of their own, so the graph has no cycle', () => {
    expect(linkFen(g, 'county:140321', 'returned-by:county')).toBe(50_000_00n);
    expect(linkFen(g, 'returned-to:city', 'city')).toBe(50_000_00n);
    expect(linkFen(g, 'group:G1', 'returned-by:group')).toBe(20_000_00n);
    expect(linkFen(g, 'returned-to:county', 'county:140322')).toBe(20_000_00n);
    // Gross amounts on the forward links: what was sent, before anything came back.
    expect(linkFen(g, 'city', 'county:140321')).toBe(300_000_01n + 70_000_00n);
    expect(linkFen(g, 'county:140322', 'group:G1')).toBe(550_000_00n);
    // Every link goes to a later column: no cycle is possible.
    const column = new Map(g.nodes.map((n) => [n.key, n.column]));
    for (const l of g.links) expect(column.get(l.to)!, `${l.from} → ${l.to}`).toBeGreaterThan(column.get(l.from)!);
  });

  it("draws a holder's own funds from its level and what it still holds into a held node", () => {
    expect(linkFen(g, 'level:central', 'province')).toBe(1_000_000_00n);
    expect(linkFen(g, 'level:provincial', 'province')).toBe(200_000_00n);
    expect(linkFen(g, 'level:municipal', 'city')).toBe(70_000_00n);
    expect(linkFen(g, 'level:county', 'county:140321')).toBe(10_000_00n);
    expect(linkFen(g, 'province', 'held:province')).toBe(100_000_00n);
    // The city received 900,000 and got 50,000 back, and passed on 850,000.01 of central money.
    expect(linkFen(g, 'city', 'held:city')).toBe(99_999_99n);
    // 140322 holds 550,000 − 400,000 of central and 200,000 − 150,000 + 20,000 of provincial money.
    expect(linkFen(g, 'county:140322', 'held:county')).toBe(150_000_00n + 70_000_00n);
    // 140321 passed on all its central money (less what it gave back) and none of the city's 70,000.
    expect(linkFen(g, 'county:140321', 'held:county')).toBe(300_000_01n - 50_000_00n - 250_000_01n + 70_000_00n);
    expect(g.nodes.find((n) => n.key === 'group:-')).toMatchObject({ kind: 'sink', column: 4 });
    // Each level's node stands just before the first holder it feeds: the city's own money beside the province.
    expect(Object.fromEntries(g.nodes.filter((n) => n.key.startsWith('level:')).map((n) => [n.key, n.column]))).toEqual({ 'level:central': 0, 'level:provincial': 0, 'level:municipal': 1, 'level:county': 2 });
  });

  it('nets a shortfall of one level against what the holder keeps, so no level points at a withheld line', () => {
    // 140323 passed on 30,000 of municipal money of which only 20,000 arrived publicly, and keeps 100,000 of central money.
    const h = chainSankey([
      flow('central', 'city', 'county:140323', 100_000_00n),
      flow('municipal', 'city', 'county:140323', 20_000_00n),
      flow('municipal', 'county:140323', 'group:G3', 30_000_00n),
    ]);
    expect(linkFen(h, 'county:140323', 'held:county')).toBe(90_000_00n);
    expect(linkFen(h, 'level:municipal', 'county:140323')).toBeUndefined();
    // Passing on more than arrived publicly at all comes from a source of its own.
    const short = chainSankey([flow('central', 'city', 'county:140323', 10_000_00n), flow('central', 'county:140323', 'group:G3', 30_000_00n)]);
    expect(linkFen(short, 'unlisted:county', 'county:140323')).toBe(20_000_00n);
    expect(short.nodes.find((n) => n.key === 'unlisted:county')).toMatchObject({ kind: 'source', column: 2 });
    const v = nodeValues(short);
    expect(v.get('county:140323')!.in).toBe(v.get('county:140323')!.out);
  });

  it('keeps a fen exact however large the amounts (no float touches money)', () => {
    const big = 999_999_999_999_999n;
    const h = chainSankey([flow('central', 'central', 'province', big), flow('central', 'province', 'city', big - 1n)]);
    expect(linkFen(h, 'province', 'held:province')).toBe(1n);
    expect(() => chainSankey([flow('central', 'central', 'province', -1n)])).toThrow();
  });
});

describe('the Sankey layout', () => {
  const g = chainSankey(FLOWS);
  const layout = layoutSankey(g);

  it('places nodes in columns left to right, without overlaps, bands disjoint within each node', () => {
    assertNoOverlap(layout, 18);
    const x = new Map(layout.nodes.map((n) => [n.key, n.x]));
    expect(x.get('level:central')!).toBeLessThan(x.get('province')!);
    expect(x.get('province')!).toBeLessThan(x.get('city')!);
    expect(x.get('city')!).toBeLessThan(x.get('county:140322')!);
    expect(x.get('county:140322')!).toBeLessThan(x.get('group:G1')!);
    expect(Math.max(...layout.nodes.map((n) => n.x))).toBeLessThanOrEqual(layout.width);
  });

  it('draws every band as thick as its amount on one scale', () => {
    const ratio = (fen: bigint) => layout.links.find((l) => l.fen === fen)!.width / Number(fen);
    expect(ratio(1_000_000_00n)).toBeCloseTo(ratio(200_000_00n), 9);
    // The nodes a band leaves hold all its bands: a node is as tall as the larger of its in and out.
    const province = layout.nodes.find((n) => n.key === 'province')!;
    const outs = layout.links.filter((l) => l.from === 'province').reduce((s, l) => s + l.width, 0);
    expect(outs).toBeCloseTo(province.height, 1);
  });

  it('keeps a tiny amount visible and still does not overlap', () => {
    const tiny = chainSankey([...FLOWS, flow('county', 'county:140323', 'group:G3', 1n)]);
    const placed = layoutSankey(tiny);
    expect(placed.nodes.find((n) => n.key === 'group:G3')!.height).toBeGreaterThanOrEqual(3);
    assertNoOverlap(placed, 18);
  });

  it('lays out an empty chain as an empty drawing', () => {
    expect(layoutSankey(chainSankey([]))).toMatchObject({ nodes: [], links: [] });
  });
});
