import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { balances, fundProgrammes, holders, organisations, projects } from '@/db/schema';
import { ancestorsOf, chainTree, descendantsOf, visibleInChain, type ChainNode, type Edge, type HolderFigures } from '@/lib/domain/ledger/chain';
import { AppError } from '@/lib/errors';
import { chainReach, type ChainReach } from './chain-scope';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { readSetting } from '../internal/settings';
import { logWithheldReads } from '../audit/withheld-reads';

export interface ProgrammeChainDto {
  programmeId: number;
  code: string;
  name: string;
  /** Null unless the programme was given an English name. */
  nameEn: string | null;
  isDemo: boolean;
  roots: ChainNode[];
}

export interface ChainDto {
  /** What the chain is of (a programme, a project or a payee), in Chinese and, where it has one, in English. */
  title: string;
  titleEn: string | null;
  idleDays: number;
  /** Each holder: an organisation by its Chinese and English names, a project by its code and (Chinese only) name. */
  labels: Record<number, { name: string; nameEn: string | null; kind: string }>;
  programmes: ProgrammeChainDto[];
}

async function edgesOf(db: Ctx['db'], programmeIds: number[]): Promise<Map<number, Edge[]>> {
  if (programmeIds.length === 0) return new Map();
  // Reversals are netted into the hop they correct, so the tree shows what actually stayed where.
  const rows = rowsOf<{ programme_id: number; from_id: number | null; to_id: number; amount: string }>(
    await db.execute(sql`
      select programme_id, from_id, to_id, sum(amount)::text as amount from (
        select programme_id, from_holder_id as from_id, to_holder_id as to_id, amount_fen as amount from transfers where kind <> 'reversal'
        union all
        select programme_id, to_holder_id, from_holder_id, -amount_fen from transfers where kind = 'reversal'
      ) t where programme_id in ${sql.raw(`(${programmeIds.map(Number).join(',')})`)}
      group by programme_id, from_id, to_id`),
  );
  const out = new Map<number, Edge[]>();
  for (const r of rows) {
    const list = out.get(Number(r.programme_id)) ?? [];
    list.push({ from: r.from_id === null ? null : Number(r.from_id), to: Number(r.to_id), amountFen: BigInt(r.amount) });
    out.set(Number(r.programme_id), list);
  }
  return out;
}

interface Focus {
  holderId: number;
  mode: 'project' | 'payee';
}

/**
 * One answer of the chain view, scoped node by node: with a reach, each programme's tree keeps
 * only what `visibleInChain` allows, and holders outside the reach carry no figures (see
 * `chainTree`). A programme in which the focus (or, without one, anything in reach) does not
 * appear is left out entirely, so its very presence reveals nothing.
 */
async function assemble(ctx: Ctx, title: { name: string; nameEn: string | null }, programmeIds: number[], reach: ChainReach | null, focus?: Focus): Promise<ChainDto> {
  const { db } = ctx;
  const idleDays = Number((await readSetting(db, 'idle_days')) ?? '180');
  const idleBefore = new Date(Date.now() - idleDays * 86_400_000).toISOString();
  const [progs, edgeMap, figs] = await Promise.all([
    programmeIds.length ? db.select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn, isDemo: fundProgrammes.isDemo }).from(fundProgrammes).where(inArray(fundProgrammes.id, programmeIds)).orderBy(fundProgrammes.code) : [],
    edgesOf(db, programmeIds),
    programmeIds.length ? db.select().from(balances).where(inArray(balances.programmeId, programmeIds)) : [],
  ]);
  const holderIds = new Set<number>();
  const collect = (nodes: ChainNode[]) => {
    for (const n of nodes) {
      holderIds.add(n.holderId);
      collect(n.children);
    }
  };
  const programmes: ProgrammeChainDto[] = [];
  for (const p of progs) {
    const edges = edgeMap.get(p.id) ?? [];
    const figures = new Map<number, HolderFigures>(
      figs.filter((f) => f.programmeId === p.id).map((f) => [f.holderId, { receivedFen: f.receivedFen, passedOnFen: f.passedOnFen, heldFen: f.balanceFen, lastReceivedAt: f.lastReceivedAt?.toISOString() ?? null }]),
    );
    let keep: Set<number> | undefined = reach ? visibleInChain(edges, reach.holderIds) : undefined;
    if (focus) {
      if (keep && !keep.has(focus.holderId)) continue;
      const around = ancestorsOf(edges, focus.holderId);
      if (focus.mode === 'project') for (const d of descendantsOf(edges, focus.holderId)) around.add(d);
      keep = keep ? new Set([...around].filter((h) => keep!.has(h))) : around;
    }
    const roots = chainTree(edges, figures, { keep, reach: reach?.holderIds, idleBefore });
    collect(roots);
    programmes.push({ programmeId: p.id, code: p.code, name: p.name, nameEn: p.nameEn, isDemo: p.isDemo, roots });
  }
  const labels: ChainDto['labels'] = {};
  if (holderIds.size) {
    const rows = await db
      .select({ id: holders.id, kind: holders.kind, org: organisations.name, orgEn: organisations.nameEn, project: projects.name, projectCode: projects.code })
      .from(holders)
      .leftJoin(organisations, eq(organisations.id, holders.organisationId))
      .leftJoin(projects, eq(projects.id, holders.projectId))
      .where(inArray(holders.id, [...holderIds]));
    for (const r of rows) labels[r.id] = { name: r.org ?? `${r.projectCode} ${r.project}`, nameEn: r.orgEn, kind: r.kind };
  }
  if (reach === null) await logWithheldInChain(ctx, programmes.map((p) => p.programmeId));
  return { title: title.name, titleEn: title.nameEn, idleDays, labels, programmes };
}

/**
 * The chain's figures net every movement of the programmes shown, withheld ones included: a reader
 * of everything (an auditor) has read them, and each such read is logged.
 */
async function logWithheldInChain(ctx: Ctx, programmeIds: number[]) {
  if (programmeIds.length === 0) return;
  const list = sql.raw(`(${programmeIds.map(Number).join(',')})`);
  const withheld = rowsOf<{ id: number }>(
    await ctx.db.execute(sql`select t.id from active_withholdings w join transfers t on t.id = w.item_id where w.item_type = 'transfer' and t.programme_id in ${list}`),
  );
  await logWithheldReads(ctx, [...programmeIds.map((id) => ({ type: 'programme' as const, id })), ...withheld.map((r) => ({ type: 'transfer' as const, id: Number(r.id) }))], 'chain');
}

/**
 * A programme's chain is visible to a scoped viewer when their reach manages it or any holder in
 * their reach took part in it; otherwise it does not exist for them.
 */
async function assertProgrammeVisible(ctx: Ctx, programmeId: number, reach: ChainReach | null) {
  const [p] = await ctx.db.select({ managingOrgId: fundProgrammes.managingOrgId }).from(fundProgrammes).where(eq(fundProgrammes.id, programmeId));
  if (!p) throw new AppError('not_found');
  if (reach === null || reach.orgIds.includes(p.managingOrgId)) return;
  const edges = (await edgesOf(ctx.db, [programmeId])).get(programmeId) ?? [];
  if (!edges.some((e) => reach.holderIds.has(e.to) || (e.from !== null && reach.holderIds.has(e.from)))) throw new AppError('not_found');
}

export async function chainForProgramme(ctx: Ctx, programmeId: number): Promise<ChainDto> {
  assertCan(ctx.actor, 'transfer.read');
  const reach = await chainReach(ctx);
  await assertProgrammeVisible(ctx, programmeId, reach);
  const [p] = await ctx.db.select({ name: fundProgrammes.name, nameEn: fundProgrammes.nameEn }).from(fundProgrammes).where(eq(fundProgrammes.id, programmeId));
  return assemble(ctx, p!, [programmeId], reach);
}

async function programmesTouching(ctx: Ctx, holderId: number): Promise<number[]> {
  const rows = rowsOf<{ programme_id: number }>(await ctx.db.execute(sql`select distinct programme_id from transfers where to_holder_id = ${holderId} or from_holder_id = ${holderId}`));
  return rows.map((r) => Number(r.programme_id));
}

/** A project is open to a scoped viewer only when it is in their reach. */
export async function chainForProject(ctx: Ctx, projectId: number): Promise<ChainDto> {
  assertCan(ctx.actor, 'transfer.read');
  const reach = await chainReach(ctx);
  const [p] = await ctx.db.select({ name: projects.name, code: projects.code }).from(projects).where(eq(projects.id, projectId));
  if (!p) throw new AppError('not_found');
  const [h] = await ctx.db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'project'), eq(holders.projectId, projectId)));
  if (reach && !(h && reach.holderIds.has(h.id)) && !(await projectInReach(ctx, projectId, reach))) throw new AppError('not_found');
  const title = { name: `${p.code} ${p.name}`, nameEn: null };
  if (!h) return { title: title.name, titleEn: null, idleDays: 0, labels: {}, programmes: [] };
  return assemble(ctx, title, await programmesTouching(ctx, h.id), reach, { holderId: h.id, mode: 'project' });
}

/** A project that has not received money yet has no holder; it is in reach by its location or implementer. */
async function projectInReach(ctx: Ctx, projectId: number, reach: ChainReach): Promise<boolean> {
  if (reach.orgIds.length === 0) return false;
  const list = sql.raw(`(${reach.orgIds.join(',')})`);
  const rows = rowsOf<{ one: number }>(
    await ctx.db.execute(sql`
      select 1 as one from projects p where p.id = ${projectId} and (p.implementing_org_id in ${list}
        or exists (select 1 from project_counties pc where pc.project_id = p.id and pc.county_id in ${list}))`),
  );
  return rows.length > 0;
}

/**
 * A payee is open to a scoped viewer when it belongs to their reach or was paid from it; they see
 * only the programmes and paths through which their reach paid it.
 */
export async function chainForPayee(ctx: Ctx, organisationId: number): Promise<ChainDto> {
  assertCan(ctx.actor, 'transfer.read');
  const reach = await chainReach(ctx);
  const [o] = await ctx.db.select({ name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.id, organisationId));
  if (!o) throw new AppError('not_found');
  const [h] = await ctx.db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'payee'), eq(holders.organisationId, organisationId)));
  if (reach && !reach.orgIds.includes(organisationId) && !(h && (await paidFromReach(ctx, h.id, reach)))) throw new AppError('not_found');
  if (!h) return { title: o.name, titleEn: o.nameEn, idleDays: 0, labels: {}, programmes: [] };
  return assemble(ctx, o, await programmesTouching(ctx, h.id), reach, { holderId: h.id, mode: 'payee' });
}

async function paidFromReach(ctx: Ctx, payeeHolderId: number, reach: ChainReach): Promise<boolean> {
  const rows = rowsOf<{ from_id: number }>(await ctx.db.execute(sql`select distinct from_holder_id as from_id from transfers where to_holder_id = ${payeeHolderId} and from_holder_id is not null`));
  return rows.some((r) => reach.holderIds.has(Number(r.from_id)));
}
