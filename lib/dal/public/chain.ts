import 'server-only';
import { publicTag, shows } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { flowsCte, hopOf, hopRow, HOP_COLUMNS, type FundLevel, type HopDto } from './flows';

/**
 * The public chain of funds: every published hop of a programme as a tree from its source down to
 * the payees, or the part of it that leads to one project or one payee. Read from published lines
 * only, so a withheld hop (and a withheld project's whole branch) is simply not in the tree.
 */

export interface ChainParty {
  code: string;
  kind: string;
  name: string;
  nameEn: string;
}

export interface ChainNodeDto {
  party: ChainParty;
  /** The hop that brought money here (absent at the root), with its documents. */
  edge: { netFen: bigint; hops: HopDto[] } | null;
  /** Over the whole programme, not only the branch shown: what the holder received, passed on and holds. */
  receivedFen: bigint;
  passedOnFen: bigint;
  children: ChainNodeDto[];
}

export interface ProgrammeChainDto {
  programmeCode: string;
  programmeName: string;
  level: FundLevel;
  roots: ChainNodeDto[];
}

export type ChainFocus = { programme: string } | { project: string } | { payee: string };

const net = (h: HopDto) => (h.kind === 'reversal' ? -h.amountFen : h.amountFen);
/** A reversal undoes a hop: it belongs to the hop from its recipient back to its sender. */
const sourceOf = (h: HopDto) => (h.kind === 'reversal' ? h.to : h.from);
const recipientOf = (h: HopDto) => (h.kind === 'reversal' ? h.from : h.to);

/** The chains of every programme the focus takes part in, each cut to what leads to (and from) the focus. */
export async function getPublicChains(focus: ChainFocus, db?: Queryable): Promise<ProgrammeChainDto[]> {
  const q = db ?? (await getDb());
  const focusCode = 'programme' in focus ? null : 'project' in focus ? focus.project : focus.payee;
  const programmeFilter =
    'programme' in focus
      ? sql`programme_code = ${focus.programme}`
      : sql`programme_code IN (SELECT programme_code FROM flows WHERE from_code = ${focusCode} OR to_code = ${focusCode})`;
  const hops = z
    .array(hopRow)
    .parse(rowsOf(await q.execute(sql`WITH ${await flowsCte(q)} SELECT ${HOP_COLUMNS} FROM flows WHERE ${programmeFilter} ORDER BY transfer_date, transfer_id`)))
    .map(hopOf);
  const byProgramme = new Map<string, HopDto[]>();
  for (const h of hops) byProgramme.set(h.programmeCode, [...(byProgramme.get(h.programmeCode) ?? []), h]);
  shows(
    'programme' in focus ? publicTag.programme(focus.programme) : 'project' in focus ? publicTag.project(focus.project) : publicTag.org(focus.payee),
    ...[...byProgramme.keys()].map(publicTag.programme),
  );
  return [...byProgramme.values()].map((list) => chainOf(list, focusCode));
}

/** Every code reachable from `start` along the given (from, to) steps, `start` included. */
function closure(start: string, steps: [string, string][]): Set<string> {
  const reached = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift()!;
    for (const [from, to] of steps) {
      if (from === at && !reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  return reached;
}

function chainOf(hops: HopDto[], focus: string | null): ProgrammeChainDto {
  const parties = new Map<string, ChainParty>();
  const edges = new Map<string, { from: string; to: string; hops: HopDto[] }>();
  const received = new Map<string, bigint>();
  const passedOn = new Map<string, bigint>();
  for (const h of hops) {
    const from = sourceOf(h);
    const to = recipientOf(h);
    parties.set(from.code, from);
    parties.set(to.code, to);
    const key = `${from.code}\u0000${to.code}`;
    const edge = edges.get(key) ?? { from: from.code, to: to.code, hops: [] };
    edge.hops.push(h);
    edges.set(key, edge);
    received.set(to.code, (received.get(to.code) ?? 0n) + net(h));
    passedOn.set(from.code, (passedOn.get(from.code) ?? 0n) + net(h));
  }
  const out = new Map<string, typeof edges extends Map<string, infer E> ? E[] : never>();
  for (const e of edges.values()) out.set(e.from, [...(out.get(e.from) ?? []), e]);

  // With a focus, keep the hops on a path into it (its ancestors) and out of it (its descendants).
  let keep: (from: string, to: string) => boolean = () => true;
  if (focus !== null) {
    const up = closure(focus, [...edges.values()].map((e) => [e.to, e.from]));
    const down = closure(focus, [...edges.values()].map((e) => [e.from, e.to]));
    keep = (from, to) => (up.has(from) && up.has(to)) || (down.has(from) && down.has(to));
  }

  const node = (code: string, edge: ChainNodeDto['edge'], path: Set<string>): ChainNodeDto => ({
    party: parties.get(code)!,
    edge,
    receivedFen: received.get(code) ?? 0n,
    passedOnFen: passedOn.get(code) ?? 0n,
    children: (out.get(code) ?? [])
      // A cycle cannot arise from the ledger's down-the-tree rule; the guard keeps a bad row from recursing forever.
      .filter((e) => keep(e.from, e.to) && !path.has(e.to))
      .map((e) => node(e.to, { netFen: e.hops.reduce((s, h) => s + net(h), 0n), hops: e.hops }, new Set([...path, e.to]))),
  });
  const hasParent = new Set([...edges.values()].map((e) => e.to));
  const roots = [...parties.keys()].filter((c) => !hasParent.has(c) && (out.get(c) ?? []).some((e) => keep(e.from, e.to)));
  const first = hops[0]!;
  return { programmeCode: first.programmeCode, programmeName: first.programmeName, level: first.level, roots: roots.map((r) => node(r, null, new Set([r]))) };
}
